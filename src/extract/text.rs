//! Phrase matching over paragraph text: dictionaries compiled once into automata.
//!
//! Matching is on whole words, ASCII case-insensitive (acronyms case-sensitive), leftmost
//! longest, so "Democratic Republic of the Congo" wins over "Congo". Topic matching also
//! folds plurals and hyphens ([`normalize`]), so "terrorist-financing risks" finds
//! "terrorist financing".

use std::collections::BTreeSet;

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

/// Words too common to tell two phrases apart.
const STOPWORDS: &[&str] = &["of", "the", "and", "in", "on", "for", "to", "a", "an"];

/// The content words of a phrase, folded by [`normalize`], without [`STOPWORDS`].
pub fn content_words(text: &str) -> BTreeSet<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// The content words of an actor's name, without the words that only point at it ("all",
/// "those", "relevant").
pub fn actor_words(name: &str) -> BTreeSet<String> {
    const POINTING: &[&str] = &["all", "those", "these", "such", "relevant", "its", "their"];
    content_words(name)
        .into_iter()
        .filter(|w| !POINTING.contains(&w.as_str()))
        .collect()
}

/// The words of each addressee a printed phrase lists ("the Group of Experts, upon its first
/// meeting" -> the Group of Experts; "upon its first meeting").
pub fn segments(phrase: &str) -> Vec<BTreeSet<String>> {
    phrase
        .split([',', ';'])
        .flat_map(|s| s.split(" and "))
        .map(actor_words)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The index keys of an addressee phrase: for each addressee it lists ([`segments`]) of two
/// content words or more, those words sorted, one space apart ("the Group of Experts and
/// the Chair of the Committee" -> "expert group", "chair committee"). A question about an
/// actor looks them up by the keys made from the actor's names ([`subset_keys`]) instead
/// of reading every mandate.
pub fn addressee_keys(phrase: &str) -> Vec<String> {
    let mut keys: Vec<String> = segments(phrase)
        .into_iter()
        .filter(|words| words.len() >= 2)
        .map(|words| words.into_iter().collect::<Vec<_>>().join(" "))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The keys of every set of two or more of `words` (at most `max_size`), in the form of
/// [`addressee_keys`]: a printed addressee whose words are all among an actor's name's.
pub fn subset_keys(words: &BTreeSet<String>, max_size: usize) -> Vec<String> {
    let words: Vec<&String> = words.iter().collect();
    let mut keys = Vec::new();
    // Sets of words as bit masks; names have a handful of content words.
    let n = words.len().min(16);
    for mask in 1u32..(1 << n) {
        let size = mask.count_ones() as usize;
        if size < 2 || size > max_size {
            continue;
        }
        let key: Vec<&str> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| words[i].as_str())
            .collect();
        keys.push(key.join(" "));
    }
    keys
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
