//! Opening phrases: "Reaffirming also", "Calls upon", "Decides further".
//!
//! The words come from the verb lexicon in `data/verbs.ttl` and `data/mandate-terms.ttl`
//! (loaded by [`crate::knowledge`]); this module only knows how an opening phrase is built:
//!
//! ```text
//! phrase   = [subject] pre-modifier* verb-form post-modifier*
//! subject  = "The" Capitalised-word+          (early Security Council texts: "1. The Security Council requests")
//! ```
//!
//! A modifier listed only as a post-modifier still counts before a verb form when one
//! follows it ("Hereby resolves", "Accordingly decides"): the verb decides the phrase.
//!
//! When no verb form of the lexicon matches, the first word stands for the phrase.

use serde::{Deserialize, Serialize};

/// The phrases an opening phrase is made of, all lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Verb forms, possibly several words ("calls upon", "taking note of").
    pub verb_forms: Vec<String>,
    /// Modifiers that may stand before the verb ("also", "strongly").
    pub pre_modifiers: Vec<String>,
    /// Modifiers that may stand after the verb ("also", "with appreciation").
    pub post_modifiers: Vec<String>,
}

/// Grammatical role of the verb that opens a paragraph, read from its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mood {
    /// "Recalling", "Having considered", "Deeply concerned", "Mindful".
    Preambular,
    /// "Requests", "Decides", "Calls upon".
    Operative,
    /// Not a verb phrase ("Therefore", "By Article 47 ...").
    Unknown,
}

/// An opening phrase found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opening {
    /// The phrase as printed.
    pub phrase: String,
    /// The verb form alone, lower case ("requests", "calls upon").
    pub verb: String,
    /// Byte range of the verb form in the text.
    pub verb_range: std::ops::Range<usize>,
    /// Whether the form is preambular or operative.
    pub mood: Mood,
    /// Whether the verb form is one of the lexicon's.
    pub known: bool,
}

impl Opening {
    /// Whether the text opens with a finite verb form of the lexicon ("Recommends",
    /// "Hereby resolves"); an unknown first word ("States") is not one.
    pub fn is_finite(&self) -> bool {
        self.known && self.mood == Mood::Operative
    }
}

/// A word of the text with its byte range.
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str, limit: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
                if out.len() >= limit || matches!(c, ',' | ';' | ':' | '.' | '(') {
                    return out;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

impl Lexicon {
    /// Length in words of the longest phrase of `phrases` that opens `words`.
    fn longest(phrases: &[String], words: &[Word<'_>]) -> usize {
        let Some(head) = words.first() else {
            return 0;
        };
        let mut best = 0;
        for phrase in phrases {
            // Most phrases fail on their first word: test it before counting the others
            // (this runs for every paragraph against every verb form).
            let first = phrase.split(' ').next().unwrap_or_default();
            if !first.eq_ignore_ascii_case(head.text) {
                continue;
            }
            let n = phrase.split(' ').count();
            if n > best
                && n <= words.len()
                && phrase
                    .split(' ')
                    .zip(words)
                    .all(|(p, w)| p.eq_ignore_ascii_case(w.text))
            {
                best = n;
            }
        }
        best
    }

    /// Skips the modifiers from word `first` on; returns the index of the next word and the
    /// length of the verb form that opens there (0 if none). Pre-modifiers are tried first;
    /// failing a verb form after them, any modifier may stand before the verb.
    fn verb_after_modifiers(&self, all: &[Word<'_>], first: usize) -> (usize, usize) {
        let skip = |modifiers: &dyn Fn(&[Word<'_>]) -> usize| {
            let mut i = first;
            while let n @ 1.. = modifiers(&all[i..]) {
                i += n;
            }
            (i, Self::longest(&self.verb_forms, &all[i..]))
        };
        let pre = skip(&|w| Self::longest(&self.pre_modifiers, w));
        if pre.1 > 0 {
            return pre;
        }
        let any = skip(&|w| {
            Self::longest(&self.pre_modifiers, w).max(Self::longest(&self.post_modifiers, w))
        });
        if any.1 > 0 { any } else { pre }
    }

    /// The opening phrase of `text`, if it has one.
    pub(crate) fn opening(&self, text: &str) -> Option<Opening> {
        let all = words(text, 24);
        let mut i = 0;
        // "The Security Council requests": skip a capitalised subject before a verb form.
        if all.first().is_some_and(|w| w.text == "The") {
            let mut j = 1;
            while j < all.len() && all[j].text.starts_with(char::is_uppercase) {
                j += 1;
            }
            if j > 1 && j < all.len() && Self::longest(&self.verb_forms, &all[j..]) > 0 {
                i = j;
            }
        }
        let first = i;
        let (i, verb_len) = self.verb_after_modifiers(&all, first);
        let (verb_start, verb_end) = if verb_len > 0 {
            (i, i + verb_len)
        } else {
            // No known form: the first word stands for the phrase, if it looks like one.
            let word = all.get(first)?;
            if !word.text.starts_with(char::is_uppercase) {
                return None;
            }
            (first, first + 1)
        };
        let mut end = verb_end;
        if verb_len > 0 {
            while let n @ 1.. = Self::longest(&self.post_modifiers, &all[end..]) {
                end += n;
            }
        }
        let verb = all[verb_start..verb_end]
            .iter()
            .map(|w| w.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let phrase = text[all[first].start..all[end - 1].end].to_string();
        let mood = mood_of(&verb, verb_len > 0);
        Some(Opening {
            phrase,
            verb,
            verb_range: all[verb_start].start..all[verb_end - 1].end,
            mood,
            known: verb_len > 0,
        })
    }
}

/// Reads the mood from the form: "-ing" and adjectives are preambular, "-s" is operative.
fn mood_of(verb: &str, known: bool) -> Mood {
    let head = verb.split(' ').next().unwrap_or(verb);
    if head.ends_with("ing") {
        Mood::Preambular
    } else if head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us") {
        Mood::Operative
    } else if known {
        Mood::Preambular
    } else {
        Mood::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        Lexicon {
            verb_forms: v(&[
                "requests",
                "calls upon",
                "decides",
                "reaffirming",
                "noting",
                "taking note of",
                "deeply concerned",
                "concerned",
                "acting under chapter vii of the charter",
                "having considered",
                "to request",
            ]),
            pre_modifiers: v(&["also", "further", "deeply"]),
            post_modifiers: v(&["also", "further", "with appreciation", "hereby"]),
        }
    }

    #[test]
    fn opening_phrases() {
        let rows = [
            (
                "Reaffirming also that terrorism",
                "Reaffirming also",
                Mood::Preambular,
            ),
            (
                "Noting with appreciation the work",
                "Noting with appreciation",
                Mood::Preambular,
            ),
            ("Also requests the Office", "Also requests", Mood::Operative),
            ("Calls upon Member States", "Calls upon", Mood::Operative),
            ("Decides further that", "Decides further", Mood::Operative),
            (
                "Deeply concerned by the",
                "Deeply concerned",
                Mood::Preambular,
            ),
            (
                "Taking note of the report",
                "Taking note of",
                Mood::Preambular,
            ),
            (
                "Acting under Chapter VII of the Charter of the United Nations,",
                "Acting under Chapter VII of the Charter",
                Mood::Preambular,
            ),
            (
                "Having considered the statement",
                "Having considered",
                Mood::Preambular,
            ),
            (
                "The Security Council requests the",
                "requests",
                Mood::Operative,
            ),
            ("Welcomes the signature", "Welcomes", Mood::Operative),
            ("Therefore", "Therefore", Mood::Unknown),
            // A modifier listed after the verb only still counts before a verb form.
            ("Hereby requests the", "Hereby requests", Mood::Operative),
            ("Hereby, the Council", "Hereby", Mood::Unknown),
        ];
        let lexicon = lexicon();
        for (text, phrase, mood) in rows {
            let got = lexicon.opening(text).unwrap();
            assert_eq!((got.phrase.as_str(), got.mood), (phrase, mood), "{text}");
        }
        assert_eq!(lexicon.opening("including the national context"), None);
    }

    #[test]
    fn verb_ranges() {
        // (text, verb form, its byte range in the text)
        let rows = [
            ("Calls upon Member States", "calls upon", 0..10),
            ("Also requests the Office", "requests", 5..13),
            ("Decides further that", "decides", 0..7),
            ("The Security Council requests the", "requests", 21..29),
            ("“Requests the Council", "requests", 3..11),
        ];
        let lexicon = lexicon();
        for (text, verb, range) in rows {
            let got = lexicon.opening(text).unwrap();
            assert_eq!(
                (got.verb.as_str(), got.verb_range),
                (verb, range.clone()),
                "{text}"
            );
            assert_eq!(text[range].to_lowercase(), verb, "{text}");
        }
    }
}
