//! Phrase matching over paragraph text: dictionaries compiled once into automata.
//!
//! Matching is on whole words, ASCII case-insensitive (acronyms case-sensitive), leftmost
//! longest, so "Democratic Republic of the Congo" wins over "Congo". Topic matching also
//! folds plurals and hyphens ([`normalize`]), so "terrorist-financing risks" finds
//! "terrorist financing".

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A dictionary: phrases, each naming one entry.
pub(crate) struct Dictionary {
    automaton: Option<AhoCorasick>,
    entries: Vec<usize>,
}

/// A dictionary hit: byte range in the searched text and the entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Dictionary {
    /// Builds a dictionary of `(phrase, entry)` pairs.
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, usize)>,
        case_insensitive: bool,
    ) -> Self {
        // Hyphens as printed: a non-breaking hyphen (U+2011), or a line-break hyphen left
        // standing before a space by the PDF extraction ("nuclear- weapon States").
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<usize> = Vec::new();
        for (p, entry) in phrases.into_iter().filter(|(p, _)| !p.trim().is_empty()) {
            if p.contains('-') {
                for variant in [p.replace('-', "\u{2011}"), p.replace('-', "- ")] {
                    patterns.push(variant);
                    entries.push(entry);
                }
            }
            patterns.push(p.to_string());
            entries.push(entry);
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(case_insensitive)
                .build(&patterns)
                .expect("dictionary patterns build")
        });
        Self { automaton, entries }
    }

    /// Whole-word hits in `text`.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                entry: self.entries[m.pattern().as_usize()],
            })
            .collect()
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !word(before) && !word(after)
}

/// Folds a phrase for topic matching: lower case, hyphens and punctuation to spaces,
/// simple plurals to singular ("risks" -> "risk", "activities" -> "activity").
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        out.push_str(&singular(&lower));
    }
    out
}

fn singular(word: &str) -> String {
    if word.len() > 4 && word.ends_with("ies") {
        format!("{}y", &word[..word.len() - 3])
    } else if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing() {
        let rows = [
            ("Terrorist-financing risks", "terrorist financing risk"),
            ("capacity-building activities", "capacity building activity"),
            ("biometric data", "biometric data"),
            ("Victims of Terrorism", "victim of terrorism"),
            ("the process", "the process"),
        ];
        for (input, expected) in rows {
            assert_eq!(normalize(input), expected);
        }
    }

    #[test]
    fn whole_words_longest() {
        let d = Dictionary::new(
            [
                ("Congo", 0),
                ("Democratic Republic of the Congo", 1),
                ("MS", 2),
            ],
            true,
        );
        let hits = d.find("the Democratic Republic of the Congo and the Congo, not forms");
        assert_eq!(hits.iter().map(|h| h.entry).collect::<Vec<_>>(), vec![1, 0]);
    }
}
