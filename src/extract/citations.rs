//! Citations of resolutions, documents and treaties.
//!
//! ```text
//! resolution list = ["its" | Body] ("resolution" | "resolutions") item ((", " | " and ") [Body "resolution"s] item)*
//! item            = session "/" number [" " Part]          GA: "74/175", "49/75 G"
//!                 | number " (" year ")"                    SC: "2178 (2014)"
//!                 | year "/" number                         ECOSOC: "2019/19"
//!                 | number " (" roman ")"                   early GA: "217 (III)"
//!                 followed by [" of " date] [", annex"]
//! symbol          = ("A" | "S" | "E" | "E/CN.n" | ...) "/" segments   "E/CN.15/2023/5", "A/RES/74/175"
//! treaty          = ("Treaty Series" | "Ibid.") ", vol" ["s"] "." volumes ", No. " number
//!                   (a footnote "Ibid., vol. 2237, No. 39574." follows a Treaty Series one:
//!                   "vol." with a registration number is the Treaty Series' form)
//! ```

use chrono::NaiveDate;

use crate::parse::find_date;

/// Which body a cited resolution belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organ {
    /// General Assembly.
    GeneralAssembly,
    /// Security Council.
    SecurityCouncil,
    /// Economic and Social Council.
    Ecosoc,
    /// Human Rights Council.
    HumanRightsCouncil,
}

/// What a citation names, as printed: before the extractor resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    /// A UN document by symbol ("A/RES/74/175", "S/RES/2178 (2014)", "E/CN.15/2023/5").
    Symbol {
        /// Symbol as the UN writes it.
        symbol: String,
        /// Security Council resolution number, for the Digital Library link.
        unsc_number: Option<u32>,
        /// Whether the citation says ", annex".
        annex: bool,
    },
    /// A UN Treaty Series registration.
    Treaty {
        /// Registration number.
        number: String,
        /// Volumes as printed.
        volumes: Vec<String>,
    },
}

/// A citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// What it names.
    pub cited: Cited,
    /// Date printed with the citation.
    pub date: Option<NaiveDate>,
    /// The paragraphs of the cited document the citation names, as printed ("13" in
    /// "paragraph 13 of resolution 687 (1991)"); empty when it cites the whole document.
    pub paragraphs: Vec<String>,
}

re!(
    KEYWORD,
    r"(?i)\b(?:(General Assembly|Assembly|Security Council|Council|Economic and Social Council|Human Rights Council|its|their|the)\s+)?(resolutions?)\s+"
);
re!(
    ITEM,
    r"^(?:(\d{4})/(\d{1,3})\b|(\d{1,3})/(\d{1,4})(?:\s?([A-Z])\b)?|(\d{1,4})\s?\((\d{4})\)|(\d{1,4})\s?\(([IVXL]{1,6})\))"
);
re!(
    SEPARATOR,
    r"^(?:,\s*(?:and\s+)?|\s+and\s+|\s*;\s*)(?:(General Assembly|Assembly|Security Council|Council|Economic and Social Council|Human Rights Council)\s+(?:resolutions?\s+)?)?"
);
re!(
    PARAGRAPHS_OF,
    r"(?i)\bparagraphs?\s+(\d{1,3}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d{1,3})*)\s+of\s+$"
);
re!(OF_DATE, r"^,?\s+of\s+(\d{1,2} [A-Z][a-z]+ \d{4})");
re!(ANNEX, r"^,?\s+annex\b");
re!(
    SYMBOL,
    r"\b((?:A|S|E|E/CN\.\d{1,2}|E/ICEF|A/C\.\d|A/HRC|A/CONF\.\d{1,3}|S/PRST|UNEP|TD|DP|CRC|CEDAW|CTOC|CAC|UNODC)(?:/[A-Za-z0-9.\-]+){1,8})"
);
re!(SC_YEAR, r"^\s?\((\d{4})\)");
re!(
    TREATY,
    r"(?:Treaty Series|Ibid\.),\s+vols?\.\s+((?:\d+(?:,\s*|\s+and\s+|,\s+and\s+)?)+),\s+No\.\s+(\d+)"
);

/// Finds the resolution and document citations in `text`.
///
/// `acting_organ` is the organ of the citing document, for "its resolution".
pub fn find(text: &str, acting_organ: Option<Organ>) -> Vec<Found> {
    let mut out = resolution_lists(text, acting_organ);
    symbols(text, &mut out);
    treaties(text, &mut out);
    out.sort_by_key(|f| f.start);
    out
}

/// The items of every resolution list ("its resolutions 72/194, 72/284 and 73/174").
fn resolution_lists(text: &str, acting_organ: Option<Organ>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut consumed = 0;
    for k in KEYWORD.captures_iter(text) {
        let whole = k.get(0).expect("match");
        if whole.start() < consumed {
            continue;
        }
        let mut organ = organ_of(k.get(1).map(|m| m.as_str()), acting_organ);
        // "paragraphs 3 and 4 of resolution 1373 (2001)": the first item's paragraphs.
        let mut paragraphs = paragraphs_before(&text[..whole.start()]);
        let mut at = whole.end();
        loop {
            let rest = &text[at..];
            let Some(c) = ITEM.captures(rest) else { break };
            let item = c.get(0).expect("match");
            // Not the start of a longer symbol such as "80/534/Add.1".
            if rest[item.end()..].starts_with('/') {
                break;
            }
            let Some((symbol, unsc_number)) = item_symbol(&c, &mut organ) else {
                break;
            };
            let mut end = at + item.end();
            let mut date = None;
            if let Some(d) = OF_DATE.captures(&text[end..]) {
                date = find_date(&d[1]).map(|(d, ..)| d);
                end += d.get(0).expect("match").end();
            }
            out.push(Found {
                start: at + item.start(),
                end,
                cited: Cited::Symbol {
                    symbol,
                    unsc_number,
                    annex: ANNEX.find(&text[end..]).is_some(),
                },
                date,
                paragraphs: std::mem::take(&mut paragraphs),
            });
            at = end;
            let Some(sep) = SEPARATOR.captures(&text[at..]) else {
                break;
            };
            if let Some(body) = sep.get(1) {
                organ = organ_of(Some(body.as_str()), acting_organ);
            }
            at += sep.get(0).expect("match").end();
            consumed = at;
        }
        consumed = consumed.max(at);
    }
    out
}

/// The symbol of one item of a resolution list, and its Security Council number. The
/// item's form can tell the organ ("N (YYYY)" is the Security Council's numbering).
fn item_symbol(
    c: &regex::Captures<'_>,
    organ: &mut Option<Organ>,
) -> Option<(String, Option<u32>)> {
    if let (Some(y), Some(n)) = (c.get(1), c.get(2)) {
        return Some((format!("E/RES/{}/{}", y.as_str(), n.as_str()), None));
    }
    if let (Some(s), Some(n)) = (c.get(3), c.get(4)) {
        let base = match organ {
            Some(Organ::HumanRightsCouncil) => format!("A/HRC/RES/{}/{}", s.as_str(), n.as_str()),
            Some(Organ::Ecosoc) => format!("E/RES/{}/{}", s.as_str(), n.as_str()),
            _ => format!("A/RES/{}/{}", s.as_str(), n.as_str()),
        };
        return Some(match c.get(5) {
            Some(part) => (format!("{base} {}", part.as_str()), None),
            None => (base, None),
        });
    }
    if let (Some(n), Some(y)) = (c.get(6), c.get(7)) {
        *organ = Some(Organ::SecurityCouncil);
        return Some((
            format!("S/RES/{} ({})", n.as_str(), y.as_str()),
            n.as_str().parse().ok(),
        ));
    }
    if let (Some(n), Some(r)) = (c.get(8), c.get(9)) {
        return Some((format!("A/RES/{} ({})", n.as_str(), r.as_str()), None));
    }
    None
}

/// Document symbols printed as such ("E/CN.15/2023/5", "S/RES/2178 (2014)"), except
/// where a citation already found covers them.
fn symbols(text: &str, out: &mut Vec<Found>) {
    for c in SYMBOL.captures_iter(text) {
        let m = c.get(1).expect("group");
        let raw = m.as_str().trim_end_matches(['.', ',']);
        // Joint symbols "A/79/552-S/2024/767" are one document.
        if raw.split('/').count() < 2 || !raw.chars().any(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let mut symbol = raw.to_string();
        let mut end = m.start() + raw.len();
        let mut unsc_number = None;
        if symbol.starts_with("S/RES/")
            && let Some(y) = SC_YEAR.captures(&text[end..])
        {
            symbol = format!("{symbol} ({})", &y[1]);
            unsc_number = raw.trim_start_matches("S/RES/").parse().ok();
            end += y.get(0).expect("match").end();
        }
        if out
            .iter()
            .any(|f| f.start <= m.start() && m.start() < f.end)
        {
            continue;
        }
        out.push(Found {
            start: m.start(),
            end,
            cited: Cited::Symbol {
                symbol,
                unsc_number,
                annex: false,
            },
            date: None,
            paragraphs: paragraphs_before(&text[..m.start()]),
        });
    }
}

/// UN Treaty Series references ("Treaty Series, vol. 1577, No. 27531").
fn treaties(text: &str, out: &mut Vec<Found>) {
    for c in TREATY.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let volumes = c[1]
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Found {
            start: whole.start(),
            end: whole.end(),
            cited: Cited::Treaty {
                number: c[2].to_string(),
                volumes,
            },
            date: None,
            paragraphs: Vec::new(),
        });
    }
}

/// The paragraph numbers `before` ends with: "paragraphs 3 and 4 of " -> ["3", "4"]
/// ("operative paragraph 5 of its " is cut before "its" by the caller's match).
fn paragraphs_before(before: &str) -> Vec<String> {
    PARAGRAPHS_OF.captures(before).map_or_else(Vec::new, |c| {
        c[1].split(|ch: char| !ch.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    })
}

fn organ_of(word: Option<&str>, acting: Option<Organ>) -> Option<Organ> {
    match word.map(str::to_lowercase).as_deref() {
        Some("general assembly" | "assembly") => Some(Organ::GeneralAssembly),
        Some("security council") => Some(Organ::SecurityCouncil),
        Some("economic and social council") => Some(Organ::Ecosoc),
        Some("human rights council") => Some(Organ::HumanRightsCouncil),
        Some("its" | "their") => acting,
        Some("council") => match acting {
            Some(Organ::SecurityCouncil) | None => Some(Organ::SecurityCouncil),
            other => other,
        },
        _ => None,
    }
}

/// The organ of a body's name.
pub fn organ_named(body: &str) -> Option<Organ> {
    organ_of(Some(body), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str, acting: Option<Organ>) -> Vec<String> {
        find(text, acting)
            .into_iter()
            .map(|f| match f.cited {
                Cited::Symbol { symbol, .. } => symbol,
                Cited::Treaty { number, volumes } => {
                    format!("UNTS {number} vols {}", volumes.join(","))
                }
            })
            .collect()
    }

    #[test]
    fn citation_phrasings() {
        let ga = Some(Organ::GeneralAssembly);
        let sc = Some(Organ::SecurityCouncil);
        let rows: &[(&str, Option<Organ>, &[&str])] = &[
            (
                "Recalling its resolution 74/175 of 18 December 2019, in which",
                ga,
                &["A/RES/74/175"],
            ),
            (
                "resolutions 72/194, 72/284 and 73/174",
                ga,
                &["A/RES/72/194", "A/RES/72/284", "A/RES/73/174"],
            ),
            (
                "resolution 49/75 G of 15 December 1994",
                ga,
                &["A/RES/49/75 G"],
            ),
            (
                "Security Council resolution 1540 (2004)",
                ga,
                &["S/RES/1540 (2004)"],
            ),
            (
                "Resolutions 75/291 and Security Council resolutions 2133 (2014), 2178 (2014) and 2462 (2019),",
                ga,
                &[
                    "A/RES/75/291",
                    "S/RES/2133 (2014)",
                    "S/RES/2178 (2014)",
                    "S/RES/2462 (2019)",
                ],
            ),
            ("its resolution 731 (1992)", sc, &["S/RES/731 (1992)"]),
            (
                "Economic and Social Council resolution 2019/19",
                ga,
                &["E/RES/2019/19"],
            ),
            (
                "Human Rights Council resolution 53/1",
                ga,
                &["A/HRC/RES/53/1"],
            ),
            ("the report (E/CN.15/2023/5).", ga, &["E/CN.15/2023/5"]),
            (
                "document A/80/534 and A/79/552-S/2024/767",
                ga,
                &["A/80/534", "A/79/552-S/2024/767"],
            ),
            ("Resolution 76/181, annex.", ga, &["A/RES/76/181"]),
            ("resolution 217 (III)", ga, &["A/RES/217 (III)"]),
            (
                "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.",
                ga,
                &["UNTS 39574 vols 2225,2237,2241,2326"],
            ),
            (
                "United Nations, Treaty Series, vol. 1577, No. 27531.",
                ga,
                &["UNTS 27531 vols 1577"],
            ),
            (
                "Ibid., vols. 2171 and 2173, No. 27531.",
                ga,
                &["UNTS 27531 vols 2171,2173"],
            ),
            // Not a Treaty Series volume (and NPT/CONF symbols are not read).
            ("Ibid., vol. I (NPT/CONF.2010/50 (Vol. I)), part I", ga, &[]),
            ("S/RES/2178 (2014) was", ga, &["S/RES/2178 (2014)"]),
            (
                "the resolution of 4 April 1946 [resolution 3 (1946)]",
                sc,
                &["S/RES/3 (1946)"],
            ),
            (
                "paragraph 2 of resolution 678 (1990)",
                sc,
                &["S/RES/678 (1990)"],
            ),
        ];
        for (text, acting, expected) in rows {
            assert_eq!(&symbols(text, *acting), expected, "{text}");
        }
    }

    #[test]
    fn cited_paragraphs() {
        let sc = Some(Organ::SecurityCouncil);
        let ga = Some(Organ::GeneralAssembly);
        /// Text, acting organ, the paragraphs each citation found names.
        type Row<'a> = (&'a str, Option<Organ>, &'a [&'a [&'a str]]);
        let rows: &[Row<'_>] = &[
            ("paragraph 13 of resolution 687 (1991)", sc, &[&["13"]]),
            (
                "paragraphs 3 and 4 of resolution 1373 (2001)",
                sc,
                &[&["3", "4"]],
            ),
            (
                "operative paragraph 5 of its resolution 74/175",
                ga,
                &[&["5"]],
            ),
            (
                "paragraphs 2, 5 and 11 of resolution 2178 (2014) and resolution 2396 (2017)",
                sc,
                &[&["2", "5", "11"], &[]],
            ),
            ("Recalling its resolution 74/175", ga, &[&[]]),
            ("paragraph 2 of S/RES/1373 (2001)", sc, &[&["2"]]),
            ("paragraph 18 of this resolution", sc, &[]),
            (
                "in paragraph 3 above, of resolution 1373 (2001)",
                sc,
                &[&[]],
            ),
        ];
        for (text, acting, expected) in rows {
            let found: Vec<Vec<String>> = find(text, *acting)
                .into_iter()
                .map(|f| f.paragraphs)
                .collect();
            assert_eq!(&found, expected, "{text}");
        }
    }

    #[test]
    fn citation_dates_and_annexes() {
        let found = find(
            "its resolution 74/175 of 18 December 2019",
            Some(Organ::GeneralAssembly),
        );
        assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2019, 12, 18));
        let found = find("Resolution 76/181, annex.", Some(Organ::GeneralAssembly));
        assert!(matches!(found[0].cited, Cited::Symbol { annex: true, .. }));
    }
}
