//! United Nations document symbols: the two forms a symbol is written in, and what a
//! symbol says about its document.
//!
//! ```text
//! symbol     = single *( "-" single )          ; a joint symbol: "A/57/759-S/2003/332"
//! single     = body *( "/" suffix )
//! suffix     = ( "Corr." | "Rev." | "Add." ) number   ; "A/34/45/Corr.1", "L.4/Rev.1"
//! ```
//!
//! - **Printed** (`rg:symbol`): as the UN prints it on the document, single spaces, one
//!   space before a bracketed year or session: "S/RES/2178 (2014)", "A/RES/1514 (XV)".
//! - **undocs.org** (`rg:undocsSymbol`): as undocs.org and the UN Digital Library write it,
//!   no space before a bracket or a part letter: "S/RES/2178(2014)", "A/RES/49/75G".
//! - A **joint** symbol names one document issued under two symbols (a letter to the
//!   General Assembly and the Security Council); the document is named by its first.
//! - A **corrigendum, revision or addendum** is a document of its own, related to the
//!   document whose symbol it extends ([`parent`]).

/// How a document relates to the document whose symbol its own extends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuance {
    /// "/Corr.N": corrects the text of its parent.
    Corrigendum,
    /// "/Rev.N": a revised text that replaces its parent.
    Revision,
    /// "/Add.N": adds to its parent.
    Addendum,
}

/// The symbol as the UN prints it: single spaces, one space before a bracketed year or
/// session.
pub fn printed(symbol: &str) -> String {
    let squeezed = symbol.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed.replace(" (", "(").replace('(', " (")
}

/// The symbol as undocs.org and the Digital Library write it: no space before "(" or a
/// part letter ("A/RES/49/75 G" -> "A/RES/49/75G"); other spaces single.
pub fn undocs_form(symbol: &str) -> String {
    let squeezed = symbol.split_whitespace().collect::<Vec<_>>().join(" ");
    let squeezed = squeezed.replace(" (", "(");
    let mut joined = String::with_capacity(squeezed.len());
    let mut chars = squeezed.chars().peekable();
    while let Some(c) = chars.next() {
        if c != ' ' || !chars.peek().is_some_and(char::is_ascii_uppercase) {
            joined.push(c);
        }
    }
    joined
}

/// The symbols of a joint symbol, in printed order; a single symbol is its own only one.
///
/// A hyphen separates two symbols when what follows it starts like a symbol (letters, then
/// "/"): "A/57/759-S/2003/332" is two, "A/RES/S-16/1" and "A/ES-10/273" are one.
///
/// ```
/// use resograph::symbol::joint_parts;
/// assert_eq!(joint_parts("A/57/759-S/2003/332"), ["A/57/759", "S/2003/332"]);
/// assert_eq!(joint_parts("A/RES/S-16/1"), ["A/RES/S-16/1"]);
/// ```
pub fn joint_parts(symbol: &str) -> Vec<&str> {
    let symbol = symbol.trim();
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in symbol.match_indices('-') {
        if starts_a_symbol(&symbol[i + 1..]) && i > start {
            parts.push(symbol[start..i].trim());
            start = i + 1;
        }
    }
    parts.push(symbol[start..].trim());
    parts
}

/// Whether `rest` starts like a symbol of its own: an organ's capital letters (and
/// dotted subsidiary parts, "E/CN.15") followed by "/".
fn starts_a_symbol(rest: &str) -> bool {
    let head = rest.split('/').next().unwrap_or("");
    rest.len() > head.len()
        && head.starts_with(|c: char| c.is_ascii_uppercase())
        && head
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

/// The document a corrigendum, revision or addendum belongs to, and how: the symbol
/// without its last "/Corr.N", "/Rev.N" or "/Add.N".
///
/// ```
/// use resograph::symbol::{parent, Issuance};
/// assert_eq!(parent("A/34/45/Corr.1"), Some((Issuance::Corrigendum, "A/34/45".into())));
/// assert_eq!(
///     parent("A/C.3/80/L.12/Rev.1/Corr.1"),
///     Some((Issuance::Corrigendum, "A/C.3/80/L.12/Rev.1".into()))
/// );
/// assert_eq!(parent("A/RES/80/11"), None);
/// ```
pub fn parent(symbol: &str) -> Option<(Issuance, String)> {
    let symbol = symbol.trim();
    let (head, last) = symbol.rsplit_once('/')?;
    let (kind, number) = last.split_once('.')?;
    let issuance = match kind {
        "Corr" => Issuance::Corrigendum,
        "Rev" => Issuance::Revision,
        "Add" => Issuance::Addendum,
        _ => return None,
    };
    let numbered = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
    (numbered && head.contains('/')).then(|| (issuance, head.to_string()))
}

/// Whether the symbol is a resolution's ("A/RES/80/11", "S/RES/2178 (2014)"), not one of
/// its corrigenda or another document's.
pub fn is_resolution(symbol: &str) -> bool {
    symbol.contains("/RES/") && parent(symbol).is_none() && joint_parts(symbol).len() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let rows = [
            // (as found, printed, undocs.org)
            ("S/RES/2178 (2014)", "S/RES/2178 (2014)", "S/RES/2178(2014)"),
            ("S/RES/2178(2014)", "S/RES/2178 (2014)", "S/RES/2178(2014)"),
            ("A/RES/1514  (XV)", "A/RES/1514 (XV)", "A/RES/1514(XV)"),
            ("A/RES/49/75 G", "A/RES/49/75 G", "A/RES/49/75G"),
            (
                "E/CN.15/2023/L.4/Rev.1",
                "E/CN.15/2023/L.4/Rev.1",
                "E/CN.15/2023/L.4/Rev.1",
            ),
            (" A/RES/80/11 ", "A/RES/80/11", "A/RES/80/11"),
        ];
        for (found, want_printed, want_undocs) in rows {
            assert_eq!(printed(found), want_printed, "{found}");
            assert_eq!(undocs_form(found), want_undocs, "{found}");
        }
    }

    #[test]
    fn joint_symbols() {
        let rows: [(&str, &[&str]); 6] = [
            ("A/57/759-S/2003/332", &["A/57/759", "S/2003/332"]),
            ("A/38/424-S/15989", &["A/38/424", "S/15989"]),
            ("A/RES/S-16/1", &["A/RES/S-16/1"]),
            ("A/ES-10/273", &["A/ES-10/273"]),
            ("A/79/634-E/CN.15/2024/1", &["A/79/634", "E/CN.15/2024/1"]),
            ("A/HRC/RES/S-33/1", &["A/HRC/RES/S-33/1"]),
        ];
        for (symbol, want) in rows {
            assert_eq!(joint_parts(symbol), want, "{symbol}");
        }
    }

    #[test]
    fn parents() {
        let rows = [
            ("A/34/45/Corr.1", Some((Issuance::Corrigendum, "A/34/45"))),
            ("S/3139/Rev.2", Some((Issuance::Revision, "S/3139"))),
            ("S/11353/Add.24", Some((Issuance::Addendum, "S/11353"))),
            ("A/80/L.2/Rev.1", Some((Issuance::Revision, "A/80/L.2"))),
            ("A/RES/80/11", None),
            ("A/AC.297/2025/CRP.2", None),
            ("Corr.1", None),
            ("A/34/45/Corr.", None),
        ];
        for (symbol, want) in rows {
            let want = want.map(|(k, p)| (k, p.to_string()));
            assert_eq!(parent(symbol), want, "{symbol}");
        }
    }

    #[test]
    fn resolutions() {
        assert!(is_resolution("A/RES/80/11"));
        assert!(is_resolution("S/RES/2178 (2014)"));
        assert!(!is_resolution("A/RES/70/1/Corr.1"));
        assert!(!is_resolution("A/80/534"));
    }
}
