//! Scores the answers of `requests` against a question set with annotated answers.
//!
//! A question set is CSV with the header `id,document,actor,topic,must,optional,note`: the
//! document by symbol, IRI or source file; `must` the paragraphs that certainly answer,
//! `optional` those that may; both as space-separated references: the operative paragraph
//! number as printed (`13`), with its section letter in lettered sections (`C_13`), `#k` for
//! the k-th unnumbered operative paragraph (`B_#2` in a section). A question is answered
//! right when every must paragraph is found and nothing outside must and optional is.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::knowledge::Knowledge;
use crate::requests::{self, Hit, Question, RequestsError};
use crate::store::GraphStore;

/// One annotated question.
#[derive(Debug, Clone, Deserialize)]
pub struct Annotated {
    /// Identifier.
    pub id: String,
    /// The document asked about.
    pub document: String,
    /// The actor, as a user would type it.
    pub actor: String,
    /// The topic, empty for any.
    #[serde(default)]
    pub topic: String,
    /// Paragraphs that must be found.
    #[serde(default)]
    pub must: String,
    /// Paragraphs that may be found.
    #[serde(default)]
    pub optional: String,
    /// Annotators' note.
    #[serde(default)]
    pub note: String,
}

/// The score of one question.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    /// Identifier.
    pub id: String,
    /// Every must paragraph found and nothing unacceptable.
    pub right: bool,
    /// Must paragraphs not found.
    pub missing: Vec<String>,
    /// Paragraphs found that are neither must nor optional.
    pub extra: Vec<String>,
    /// Paragraphs found.
    pub found: Vec<String>,
    /// Must paragraphs.
    pub must: usize,
    /// Found paragraphs that are acceptable.
    pub acceptable_found: usize,
    /// Found must paragraphs.
    pub must_found: usize,
    /// An error the question met (a document not in the store).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The score of a question set.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Per question.
    pub questions: Vec<Scored>,
    /// Questions answered right.
    pub right: usize,
    /// Precision over all paragraphs found (acceptable / found).
    pub precision: f64,
    /// Recall over all must paragraphs (found / must).
    pub recall: f64,
}

impl Report {
    /// The share of questions answered right.
    pub fn right_share(&self) -> f64 {
        if self.questions.is_empty() {
            0.0
        } else {
            self.right as f64 / self.questions.len() as f64
        }
    }
}

/// Reads a question set.
pub fn read(path: &Path) -> Result<Vec<Annotated>, csv::Error> {
    csv::Reader::from_path(path)?.deserialize().collect()
}

/// The reference of the operative paragraph `hit` in the question set's notation: its
/// number as printed, else `#` and its position in the operative part (the first number
/// after `para_` in its element id), after its section's label when the section prints
/// one (`C_13`, `B_#2`; a heading without a label has its position as label, all digits).
pub fn reference(hit: &Hit) -> String {
    let printed = !hit.section.chars().all(|c| c.is_ascii_digit());
    let section = if printed {
        format!("{}_", hit.section)
    } else {
        String::new()
    };
    if hit.number.is_empty() {
        let eid = hit.iri.rsplit('/').next().unwrap_or_default();
        let after = eid.rsplit("para_").next().unwrap_or_default();
        let ordinal: String = after.chars().take_while(char::is_ascii_digit).collect();
        format!("{section}#{ordinal}")
    } else {
        format!("{section}{}", hit.number)
    }
}

fn refs(list: &str) -> BTreeSet<String> {
    list.split_whitespace().map(str::to_string).collect()
}

/// Scores `found` against the annotation.
pub fn score(q: &Annotated, found: &BTreeSet<String>, error: Option<String>) -> Scored {
    let must = refs(&q.must);
    let acceptable: BTreeSet<String> = must.union(&refs(&q.optional)).cloned().collect();
    let missing: Vec<String> = must.difference(found).cloned().collect();
    let extra: Vec<String> = found.difference(&acceptable).cloned().collect();
    Scored {
        id: q.id.clone(),
        right: missing.is_empty() && extra.is_empty() && error.is_none(),
        must: must.len(),
        must_found: must.intersection(found).count(),
        acceptable_found: found.intersection(&acceptable).count(),
        found: found.iter().cloned().collect(),
        missing,
        extra,
        error,
    }
}

/// Asks every question of `set` of the store and scores the answers.
pub fn run(
    store: &GraphStore,
    knowledge: &Knowledge,
    set: &[Annotated],
    timeout: Option<Duration>,
) -> Result<Report, RequestsError> {
    let mut questions = Vec::new();
    for q in set {
        let topic = q.topic.trim();
        let question = Question {
            actor: &q.actor,
            topic: (!topic.is_empty()).then_some(topic),
            document: Some(&q.document),
            narrower: false,
        };
        let (found, error) = match requests::ask(store, knowledge, &question, timeout) {
            Ok(hits) => (hits.iter().map(reference).collect(), None),
            // An actor found nowhere is an empty answer.
            Err(RequestsError::NotFound { .. }) => (BTreeSet::new(), None),
            Err(RequestsError::UnknownDocument(d)) => (
                BTreeSet::new(),
                Some(format!("document {d:?} not in the store")),
            ),
            Err(e) => return Err(e),
        };
        questions.push(score(q, &found, error));
    }
    let sum = |f: fn(&Scored) -> usize| questions.iter().map(f).sum::<usize>();
    let found = sum(|s| s.found.len());
    let must = sum(|s| s.must);
    Ok(Report {
        right: questions.iter().filter(|s| s.right).count(),
        precision: ratio(sum(|s| s.acceptable_found), found),
        recall: ratio(sum(|s| s.must_found), must),
        questions,
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(must: &str, optional: &str) -> Annotated {
        Annotated {
            id: "q".into(),
            document: "d".into(),
            actor: "a".into(),
            topic: String::new(),
            must: must.into(),
            optional: optional.into(),
            note: String::new(),
        }
    }

    fn found(list: &str) -> BTreeSet<String> {
        refs(list)
    }

    #[test]
    fn right_needs_every_must_and_nothing_unacceptable() {
        assert!(score(&q("1 3", "4"), &found("1 3"), None).right);
        assert!(score(&q("1 3", "4"), &found("1 3 4"), None).right);
        let missing = score(&q("1 3", "4"), &found("1 4"), None);
        assert!(!missing.right);
        assert_eq!(missing.missing, vec!["3"]);
        let extra = score(&q("1", ""), &found("1 2"), None);
        assert!(!extra.right);
        assert_eq!(extra.extra, vec!["2"]);
        assert!(score(&q("", ""), &found(""), None).right);
        assert!(!score(&q("", ""), &found(""), Some("no document".into())).right);
    }

    #[test]
    fn references_follow_sections_and_unnumbered_paragraphs() {
        let hit = |iri: &str, section: &str, number: &str| Hit {
            document: String::new(),
            document_iri: String::new(),
            number: number.into(),
            section: section.into(),
            iri: iri.into(),
            verb: String::new(),
            text: String::new(),
            why: requests::Why {
                addressee: String::new(),
                verb: String::new(),
                parts: Vec::new(),
                topic: None,
            },
        };
        assert_eq!(reference(&hit("urn:d/para_13", "", "13")), "13");
        assert_eq!(reference(&hit("urn:d/para_13", "C", "13")), "C_13");
        assert_eq!(reference(&hit("urn:d/sec_B__para_2", "B", "2")), "B_2");
        assert_eq!(reference(&hit("urn:d/para_13", "3", "13")), "13");
        assert_eq!(reference(&hit("urn:d/para_2", "", "")), "#2");
        assert_eq!(reference(&hit("urn:d/sec_B__para_2", "B", "")), "B_#2");
        // An unnumbered paragraph whose position is another's printed number.
        assert_eq!(reference(&hit("urn:d/para_1_1", "", "")), "#1");
    }
}
