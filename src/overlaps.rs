//! `resograph overlaps FILE`: for each operative mandate of a text that is not in the store
//! (a draft), the closest mandates the store already holds, with a score and why; "new"
//! where none is close. Nothing is stored.
//!
//! Candidates are the store's mandates with an addressee in common (one targeted query per
//! addressee, `queries/mandates-to-addressee.rq`; for an addressee the registry does not
//! name, by the index keys of its printed words) and, for a clause that changes a body's
//! mandate, the earlier changes to it (`queries/timeline.rq`). The score, between 0 and 1, weighs
//!
//! ```text
//! score = (0.5 wording + 0.25 activity + 0.25 topic) / (the weights of what is known)
//! ```
//!
//! - wording: the Dice coefficient of the content words (folded, singular, words of four
//!   letters or more) of the two actions ("to report to the General Assembly at its
//!   eighty-first session on the implementation of the present resolution"); 0 when either
//!   has fewer than two;
//! - activity, topic: the Jaccard index of the two mandates' kinds of activity and topics,
//!   counted (with its weight) only when either mandate has some: two mandates without
//!   topics are compared on their wording alone;
//! - for an earlier change to the same body's mandate, activity and topic give way to
//!   whether it is the same kind of change (0.5: an extension after an extension).
//!
//! A mandate is close from [`CLOSE`] on; see `tests/overlaps.rs` for the threshold on the
//! corpus.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

use oxigraph::model::{Literal, NamedNode, Term};
use serde::Serialize;

use crate::extract::{Directive, Extractor};
use crate::knowledge::Knowledge;
use crate::store::{Answer, GraphStore, StoreError};

/// From this score on, an existing mandate is close to a draft's.
pub const CLOSE: f64 = 0.5;

/// How many existing mandates are listed per draft mandate.
pub const SHOWN: usize = 3;

/// A mandate of the draft and the closest existing ones.
#[derive(Debug, Clone, Serialize)]
pub struct Overlap {
    /// The draft's operative paragraph (number as printed, else position).
    pub number: String,
    /// The verb as printed.
    pub verb: String,
    /// Who is asked, as printed.
    pub addressee: String,
    /// What is asked (a change without an infinitive: its paragraph).
    pub action: String,
    /// The closest existing mandates, best first (at most [`SHOWN`]).
    pub closest: Vec<Match>,
    /// Whether none is close ([`CLOSE`]).
    pub new: bool,
}

/// An existing mandate and how close it is.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// The document's symbol, else its IRI.
    pub document: String,
    /// Its operative paragraph (number as printed, else position).
    pub number: String,
    /// The mandate's IRI.
    pub mandate: String,
    /// Between 0 and 1.
    pub score: f64,
    /// Why: the addressee, the activities and topics in common, the shared wording.
    pub why: Vec<String>,
    /// What it asks.
    pub action: String,
}

/// Why there is no answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OverlapsError {
    /// The file could not be read or parsed.
    #[error("{path}: {message}")]
    Input {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An existing mandate as the candidate query gives it.
#[derive(Debug, Clone)]
struct Candidate {
    graph: String,
    document: String,
    number: String,
    mandate: String,
    action: String,
    activities: BTreeSet<String>,
    topics: BTreeSet<String>,
    /// For an earlier change to the same mandate: its kind ("extend").
    kind: Option<String>,
}

/// The overlaps of the operative mandates of the text at `path` with the store.
pub fn overlaps(
    store: &GraphStore,
    knowledge: &Knowledge,
    path: &Path,
    timeout: Option<Duration>,
) -> Result<Vec<Overlap>, OverlapsError> {
    let input = |message: String| OverlapsError::Input {
        path: path.display().to_string(),
        message,
    };
    let text = crate::ingest::read_text(path).map_err(|e| input(e.to_string()))?;
    let doc = crate::parse(&text, &knowledge.lexicon).map_err(|e| input(e.to_string()))?;
    let file = path.display().to_string();
    let source = crate::model::Source {
        text: &text,
        file: Some(&file),
        symbol: None,
    };
    let findings = Extractor::new(knowledge).extract(&doc, &source);
    let own = findings.document.iri.as_str().to_string();
    let mut cache: HashMap<Term, Vec<Candidate>> = HashMap::new();
    let mut out = Vec::new();
    for d in findings.directives.iter().filter(|d| d.mandating) {
        let mut scored: Vec<Match> = Vec::new();
        let paragraph = doc
            .operative
            .iter()
            .find(|p| d.paragraph == p.eid || d.paragraph.starts_with(&format!("{}__", p.eid)));
        // What is asked; a change without an infinitive ("Extends the stationing ...") is
        // its paragraph, as the earlier changes are.
        let text = if d.action.is_empty() {
            paragraph.map_or(String::new(), |p| p.text.clone())
        } else {
            d.action.clone()
        };
        // Who is asked: the registry's actors, else the index keys of the printed phrase
        // (as the store keeps them for mandates to actors it does not name).
        let mut asked: Vec<(Term, String)> = d
            .addressees
            .iter()
            .map(|a| {
                let name = knowledge
                    .find_actor(a.as_str())
                    .map_or(a.as_str(), |x| x.name.as_str());
                (Term::from(a.clone()), name.to_string())
            })
            .collect();
        if asked.is_empty() {
            asked = crate::extract::text::addressee_keys(&d.addressee_phrase)
                .into_iter()
                .map(|k| {
                    (
                        Term::from(Literal::new_simple_literal(k)),
                        d.addressee_phrase.clone(),
                    )
                })
                .collect();
        }
        for (addressee, name) in &asked {
            if !cache.contains_key(addressee) {
                let found = candidates(
                    store,
                    "mandates-to-addressee",
                    "addressee",
                    addressee,
                    timeout,
                )?;
                cache.insert(addressee.clone(), found);
            }
            for c in &cache[addressee] {
                if c.graph != own {
                    scored.push(score(
                        d,
                        &text,
                        c,
                        &format!("same addressee: {name}"),
                        knowledge,
                    ));
                }
            }
        }
        // A change to a body's mandate: the earlier changes to the same mandate.
        if let Some(change) = &d.change {
            let entity = Term::from(change.entity.clone());
            let name = knowledge
                .find_actor(change.entity.as_str())
                .map_or(change.entity.as_str(), |x| x.name.as_str());
            for c in candidates(store, "timeline", "entity", &entity, timeout)? {
                if c.graph != own {
                    let same = format!("same mandate: {name} ({})", change.label);
                    scored.push(score(d, &text, &c, &same, knowledge));
                }
            }
        }
        // Best first; a mandate reached twice (by its addressee and as a change to the same
        // body) keeps its better score.
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.mandate.cmp(&b.mandate)));
        let mut seen = std::collections::HashSet::new();
        scored.retain(|m| seen.insert(m.mandate.clone()));
        scored.truncate(SHOWN);
        out.push(Overlap {
            number: paragraph
                .map(|p| p.number.clone().unwrap_or_else(|| p.position.to_string()))
                .unwrap_or_default(),
            verb: d.verb_phrase.clone(),
            addressee: d.addressee_phrase.clone(),
            action: text,
            new: scored.first().is_none_or(|m| m.score < CLOSE),
            closest: scored,
        });
    }
    Ok(out)
}

/// The store's mandates that the canned query `name` gives with `param` bound to
/// `value` (the mandates addressed to an actor, or the changes to a body's mandate).
fn candidates(
    store: &GraphStore,
    name: &str,
    param: &str,
    value: &Term,
    timeout: Option<Duration>,
) -> Result<Vec<Candidate>, StoreError> {
    let query = crate::queries::find(name).expect("built in");
    let params = [(param.to_string(), value.clone())];
    let Answer::Rows {
        variables, rows, ..
    } = store.query(query.text, &params, timeout, None)?
    else {
        unreachable!("a SELECT");
    };
    let cells = crate::timeline::Cells::new(&variables);
    let get = |row: &[Option<Term>], name: &str| cells.get(row, name);
    let set = |s: Option<String>| -> BTreeSet<String> {
        s.map(|s| s.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    };
    Ok(rows
        .iter()
        .map(|r| {
            let graph = get(r, "g").unwrap_or_default();
            Candidate {
                document: get(r, "symbol").unwrap_or_else(|| graph.clone()),
                number: get(r, "number")
                    .or_else(|| get(r, "position"))
                    .unwrap_or_default(),
                mandate: get(r, "mandate")
                    .or_else(|| get(r, "directive"))
                    .unwrap_or_default(),
                // A change's paragraph text stands for its action.
                action: get(r, "action")
                    .or_else(|| get(r, "text"))
                    .unwrap_or_default(),
                activities: set(get(r, "activities")),
                topics: set(get(r, "topics")),
                kind: get(r, "kind"),
                graph,
            }
        })
        .collect())
}

/// How close the existing mandate `c` is to the draft's `d`, which asks `action`; `same` says
/// what they have in common that made `c` a candidate.
fn score(d: &Directive, action: &str, c: &Candidate, same: &str, knowledge: &Knowledge) -> Match {
    let mine = |list: &[NamedNode]| -> BTreeSet<String> {
        list.iter().map(|n| n.as_str().to_string()).collect()
    };
    let (activities, topics) = (mine(&d.activities), mine(&d.topics));
    let (a, b) = (wording(action), wording(&c.action));
    let shared: Vec<&String> = a.intersection(&b).collect();
    // Fewer than two words of meaning on either side say nothing about the wording.
    let dice = if a.len() < 2 || b.len() < 2 {
        0.0
    } else {
        2.0 * shared.len() as f64 / (a.len() + b.len()) as f64
    };
    // An earlier change to the same mandate: the wording and whether it is the same kind
    // of change (an extension after extensions). Other mandates: activities and topics
    // count too, where either side has some.
    let (mut sum, mut weight) = (0.5 * dice, 0.5);
    match (&c.kind, &d.change) {
        (Some(kind), Some(change)) => {
            sum += if *kind == change.label { 0.5 } else { 0.0 };
            weight += 0.5;
        }
        _ => {
            for (x, y) in [(&activities, &c.activities), (&topics, &c.topics)] {
                if !x.is_empty() || !y.is_empty() {
                    sum += 0.25 * jaccard(x, y);
                    weight += 0.25;
                }
            }
        }
    }
    let s = sum / weight;
    let label = |iri: &String| -> String {
        knowledge
            .activities
            .iter()
            .chain(&knowledge.topics)
            .find(|x| x.iri.as_str() == iri)
            .map_or_else(|| iri.clone(), |x| x.label.clone())
    };
    let mut why = vec![same.to_string()];
    let common = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<String> {
        x.intersection(y).map(label).collect()
    };
    let same_activity = common(&activities, &c.activities);
    if !same_activity.is_empty() {
        why.push(format!("same activity: {}", same_activity.join(", ")));
    }
    let same_topic = common(&topics, &c.topics);
    if !same_topic.is_empty() {
        why.push(format!("same topic: {}", same_topic.join(", ")));
    }
    if !shared.is_empty() {
        let words: Vec<&str> = shared.iter().take(8).map(|w| w.as_str()).collect();
        why.push(format!("shared wording {dice:.2}: {}", words.join(" ")));
    }
    Match {
        document: c.document.clone(),
        number: c.number.clone(),
        mandate: c.mandate.clone(),
        score: (s * 100.0).round() / 100.0,
        why,
        action: c.action.clone(),
    }
}

/// The words of an action that carry its meaning: folded and singular, four letters or more.
pub fn wording(action: &str) -> BTreeSet<String> {
    crate::extract::text::content_words(action)
        .into_iter()
        .filter(|w| w.chars().count() >= 4)
        .collect()
}

/// |x ∩ y| / |x ∪ y|; 1 when both are empty.
fn jaccard(x: &BTreeSet<String>, y: &BTreeSet<String>) -> f64 {
    let union = x.union(y).count();
    if union == 0 {
        1.0
    } else {
        x.intersection(y).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_keeps_the_words_that_carry_meaning() {
        let w = wording(
            "to report to the General Assembly at its eighty-first session on the implementation of the present resolutions",
        );
        assert!(w.contains("implementation") && w.contains("resolution") && w.contains("report"));
        assert!(!w.contains("the") && !w.contains("its") && !w.contains("to"));
    }

    #[test]
    fn jaccard_of_empty_sets_is_one() {
        let set = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(jaccard(&set(&[]), &set(&[])), 1.0);
        assert_eq!(jaccard(&set(&["a"]), &set(&["a", "b"])), 0.5);
    }
}
