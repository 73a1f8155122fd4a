//! Footnote markers inside paragraph text.
//!
//! ```text
//! strong marker = superscript-digit+            ("ones¹", "Development,²")
//!               | "[^" digit+ "]"                (Markdown)
//!               | " " digit{1,2} "/"             (UN documents of the 1990s: "Nations, 1/")
//! plain marker  = digit{1,3} after a word or punctuation, before a space, punctuation
//!                 or the end ("Culture of Peace 2 and", "thereto,4", "Child, 6 for")
//!               | year digit{1,2}                ("November 20242": footnote 2 glued to 2024)
//! ```
//!
//! A plain marker counts only for a footnote that exists and has no strong marker
//! anywhere, and never after words that introduce numbers ("resolution 731", "by 7 votes").

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

/// A marker found in a text: where it is and which footnote it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Byte range of the marker in the text, including a space before a plain marker.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The footnote number.
    pub number: String,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Turns superscript digits into ASCII digits; `None` if any other character.
pub(crate) fn superscript_number(s: &str) -> Option<String> {
    s.chars()
        .map(|c| {
            SUPERSCRIPTS
                .iter()
                .position(|&x| x == c)
                .map(|d| char::from(b'0' + d as u8))
        })
        .collect()
}

static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^([0-9]+)\]| ([0-9]{1,2})/(?:\s|$)").expect("valid regex")
});

static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII digits only: the code below counts digits by bytes and splits a glued year
    // after the fourth byte ("20242"); `\d` would also match digits outside ASCII.
    Regex::new(r"(?P<before>[\p{L}\)\]\x22”’,.;:]) ?(?P<num>[0-9]{1,5})(?P<after>[\s,.;:)]|$)")
        .expect("valid regex")
});

/// Words after which a number is never a footnote marker.
const NUMBER_WORDS: &[&str] = &[
    "resolution",
    "resolutions",
    "paragraph",
    "paragraphs",
    "para",
    "no",
    "nos",
    "vol",
    "vols",
    "article",
    "articles",
    "chapter",
    "session",
    "meeting",
    "annex",
    "page",
    "pages",
    "p",
    "pp",
    "section",
    "item",
    "items",
    "rule",
    "rules",
    "principle",
    "goal",
    "target",
    "protocol",
    "than",
    "least",
    "by",
    "of",
    "on",
    "to",
    "and",
    "or",
    "in",
    "at",
    "from",
    "until",
    "about",
    "some",
    "over",
    "under",
    "per",
    "the",
    "decision",
    "decisions",
    "report",
    "document",
    "year",
    "years",
    "phase",
    "stage",
    "level",
    "class",
    "group",
    "sub-paragraph",
    "subparagraph",
    "point",
    "points",
    "number",
    "numbers",
    "figure",
    "table",
    "sect",
    "art",
    "arts",
    "op",
    "pp",
    "part",
    "parts",
    "appendix",
    "addendum",
    "add",
    "rev",
    "corr",
    "series",
    "supplement",
    "suppl",
    "resolutions",
    "january",
    "february",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words after a number that show it is a quantity, not a marker.
const QUANTITY_WORDS: &[&str] = &[
    "per",
    "percent",
    "votes",
    "vote",
    "members",
    "member",
    "states",
    "days",
    "years",
    "months",
    "weeks",
    "hours",
    "countries",
    "persons",
    "people",
    "troops",
    "million",
    "billion",
    "thousand",
    "hundred",
    "times",
    "to",
    "kilometres",
    "miles",
];

/// Finds the markers of `text`.
///
/// `footnotes` are the numbers of the footnotes the document prints; `strong` those that
/// have a strong marker somewhere in the document (plain markers are not sought for them).
pub(crate) fn find(text: &str, footnotes: &BTreeSet<u32>, strong: &BTreeSet<u32>) -> Vec<Marker> {
    let mut out = strong_markers(text);
    let mut search_from = 0;
    while let Some(c) = PLAIN.captures_at(text, search_from) {
        let num = c.name("num").expect("group");
        search_from = num.end();
        out.extend(plain_marker(text, &c, footnotes, strong));
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Strong markers: superscript digits, `[^3]` (Markdown) and ` 1/`.
fn strong_markers(text: &str) -> Vec<Marker> {
    STRONG
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let number = match c.get(1).or(c.get(2)) {
                Some(n) => n.as_str().to_string(),
                None => superscript_number(m.as_str())?,
            };
            let end = m.start() + m.as_str().trim_end().len();
            Some(Marker {
                start: m.start(),
                end,
                number,
            })
        })
        .collect()
}

/// The plain marker a match of [`PLAIN`] stands for, if it is one.
fn plain_marker(
    text: &str,
    c: &regex::Captures<'_>,
    footnotes: &BTreeSet<u32>,
    strong: &BTreeSet<u32>,
) -> Option<Marker> {
    let whole = c.get(0).expect("match");
    let num = c.name("num").expect("group");
    let digits = num.as_str();
    let before_num = &text[..num.start()];
    if is_part_of_number(text, num.start(), num.end()) {
        return None;
    }
    let glued = !before_num.ends_with(' ');
    // "20242": a year with the marker glued on; four digits are a year; else the number.
    let candidate = if digits.len() >= 5 {
        let (year, rest) = digits.split_at(4);
        ((year.starts_with("19") || year.starts_with("20")) && !rest.starts_with('0'))
            .then_some(rest)?
    } else if digits.len() == 4 {
        return None;
    } else {
        digits
    };
    let n = candidate.parse::<u32>().ok()?;
    if !footnotes.contains(&n) || strong.contains(&n) {
        return None;
    }
    if !glued && digits.len() < 5 {
        let previous = previous_word(before_num).to_lowercase();
        let next = next_word(&text[num.end()..]).to_lowercase();
        if NUMBER_WORDS.contains(&previous.as_str()) || QUANTITY_WORDS.contains(&next.as_str()) {
            return None;
        }
    } else if digits.len() < 5 {
        // Glued plain markers follow punctuation or a closing quote: "thereto,4".
        let b = c.name("before").expect("group").as_str();
        if b.chars().all(char::is_alphabetic) {
            return None;
        }
    }
    let start = if digits.len() >= 5 {
        num.start() + 4
    } else if glued {
        num.start()
    } else {
        whole.start() + c.name("before").expect("group").len()
    };
    Some(Marker {
        start,
        end: num.end(),
        number: candidate.to_string(),
    })
}

/// Whether the digits at `start..end` belong to a longer number ("2,400", "3.5", "1990s")
/// or are a year in brackets ("(2014)").
fn is_part_of_number(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    if before.ends_with(|ch: char| ch.is_ascii_digit())
        || after.starts_with(|ch: char| ch.is_alphanumeric())
        || after.starts_with(")") && before.ends_with('(')
    {
        return true;
    }
    // "23,400" and "3.5": a separator between digits (but "79/16,2" is a marker).
    let glued = !before.ends_with(' ');
    if glued && (before.ends_with('.') || before.ends_with(',') && end - start == 3) {
        let mut rev = before.chars().rev();
        rev.next();
        return rev.next().is_some_and(|ch| ch.is_ascii_digit());
    }
    false
}

fn previous_word(text: &str) -> &str {
    let t = text.trim_end_matches([' ', ',', ';', ':']);
    let t = t.trim_end_matches('.');
    let start = t
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    &t[start..]
}

fn next_word(text: &str) -> &str {
    let t = text.trim_start_matches([' ', ',']);
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(t.len());
    &t[..end]
}

/// Removes the markers from `text`, trims and squeezes spaces; also returns, for each
/// marker, the byte offset in the result where it stood.
pub(crate) fn strip_with_offsets(text: &str, markers: &[Marker]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(markers.len());
    let mut at = 0;
    for m in markers {
        if m.start < at {
            offsets.push(out.len());
            continue;
        }
        push_squeezed(&mut out, &text[at..m.start]);
        offsets.push(out.trim_end().len());
        at = m.end;
    }
    push_squeezed(&mut out, &text[at..]);
    let trimmed_end = out.trim_end().len();
    out.truncate(trimmed_end);
    for o in &mut offsets {
        *o = (*o).min(out.len());
    }
    (out, offsets)
}

/// Appends `piece`, folding runs of white space into one space and dropping leading space.
fn push_squeezed(out: &mut String, piece: &str) {
    for c in piece.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Removes the markers from `text`.
#[cfg(test)]
pub(crate) fn strip(text: &str, markers: &[Marker]) -> String {
    strip_with_offsets(text, markers).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ns: &[u32]) -> BTreeSet<u32> {
        ns.iter().copied().collect()
    }

    /// (text, footnotes printed, footnotes with strong markers, expected numbers, stripped text)
    type Row = (
        &'static str,
        &'static [u32],
        &'static [u32],
        &'static [&'static str],
        &'static str,
    );

    const ROWS: &[Row] = &[
        (
            "most recent ones¹,",
            &[1],
            &[1],
            &["1"],
            "most recent ones,",
        ),
        ("Development,² and", &[2], &[2], &["2"], "Development, and"),
        ("peace [^3] and", &[3], &[3], &["3"], "peace and"),
        (
            "the United Nations, 1/ and",
            &[1],
            &[1],
            &["1"],
            "the United Nations, and",
        ),
        (
            "Culture of Peace 2 and",
            &[2],
            &[],
            &["2"],
            "Culture of Peace and",
        ),
        (
            "Culture of Peace 2 and",
            &[2],
            &[2],
            &[],
            "Culture of Peace 2 and",
        ),
        (
            "the Protocols thereto,4 to",
            &[4],
            &[],
            &["4"],
            "the Protocols thereto, to",
        ),
        (
            "Rights of the Child, 6 for",
            &[6],
            &[],
            &["6"],
            "Rights of the Child, for",
        ),
        (
            "of 25 November 20242 and",
            &[2],
            &[],
            &["2"],
            "of 25 November 2024 and",
        ),
        (
            "its resolution 731 (1992)",
            &[731],
            &[],
            &[],
            "its resolution 731 (1992)",
        ),
        (
            "by 7 votes to 1 ( Yugoslavia) 12",
            &[1, 7, 12],
            &[],
            &["12"],
            "by 7 votes to 1 ( Yugoslavia)",
        ),
        ("Korea 11 that the", &[11], &[], &["11"], "Korea that the"),
        (
            "dated 1 January 1948, 4 and in the letter",
            &[4],
            &[],
            &["4"],
            "dated 1 January 1948, and in the letter",
        ),
        (
            "paragraphs 3 and 4 of",
            &[3, 4],
            &[],
            &[],
            "paragraphs 3 and 4 of",
        ),
        (
            "withdrawal of 23,400 troops",
            &[400, 23],
            &[],
            &[],
            "withdrawal of 23,400 troops",
        ),
        (
            "on 6 May,5 submitted",
            &[5],
            &[],
            &["5"],
            "on 6 May, submitted",
        ),
        (
            "resolution 79/16,2 and",
            &[2],
            &[],
            &["2"],
            "resolution 79/16, and",
        ),
        (
            "dated 21 November 2024,4",
            &[4],
            &[],
            &["4"],
            "dated 21 November 2024,",
        ),
        (
            "2133 (2014), 2178 (2014)",
            &[2014],
            &[],
            &[],
            "2133 (2014), 2178 (2014)",
        ),
    ];

    #[test]
    fn markers() {
        for (text, notes, strong, numbers, stripped) in ROWS {
            let found = find(text, &set(notes), &set(strong));
            let got: Vec<&str> = found.iter().map(|m| m.number.as_str()).collect();
            assert_eq!(&got, numbers, "{text}");
            assert_eq!(strip(text, &found), *stripped, "{text}");
        }
    }
}
