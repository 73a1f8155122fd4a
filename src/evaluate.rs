//! Scores the answers of `requests` against a question set with annotated answers.
//!
//! A question set is CSV with the header `id,document,actor,topic,must,optional,note`: the
//! document by symbol, IRI or source file; `must` the paragraphs that certainly answer,
//! `optional` those that may; both as space-separated references: the operative paragraph
//! number as printed (`13`), with its section letter in lettered sections (`C_13`), `#k` for
//! the k-th unnumbered operative paragraph (`B_#2` in a section). A question is answered
//! right when every must paragraph is found and nothing outside must and optional is.
//!
//! A timeline key (header `entity,document,number,kind,until`) scores `resograph timeline`
//! instead: [`run_timelines`]; a reporting key (header
//! `document,number,by,to,due,session,within,every`) scores `resograph reports`:
//! [`run_reports`].

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

/// One annotated change of a timeline key: CSV with the header
/// `entity,document,number,kind,until` (`until` empty when the text sets no end).
#[derive(Debug, Clone, Deserialize)]
pub struct AnnotatedChange {
    /// The body or operation, as a user would type it.
    pub entity: String,
    /// The document's symbol.
    pub document: String,
    /// The operative paragraph (informative: a change is matched by document and kind).
    #[serde(default)]
    pub number: String,
    /// "establish", "extend", "renew" or "terminate".
    pub kind: String,
    /// The end date the change sets, YYYY-MM-DD.
    #[serde(default)]
    pub until: String,
}

/// How one annotated change, or one listed change the key lacks, came out.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredChange {
    /// The entity asked for.
    pub entity: String,
    /// The document.
    pub document: String,
    /// The kind.
    pub kind: String,
    /// The end date of the key, empty for a change the key lacks.
    pub expected_until: String,
    /// What the timeline listed: its end date ("" when none), or `None` when it did not
    /// list the change.
    pub listed_until: Option<String>,
    /// Listed with the key's end date.
    pub right: bool,
    /// Listed by the timeline, absent from the key.
    pub extra: bool,
}

/// The score of a timeline key.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineReport {
    /// Per change, the key's in order, then what the timelines listed beyond it.
    pub changes: Vec<ScoredChange>,
    /// Changes of the key listed with the right end date.
    pub right: usize,
    /// Changes in the key.
    pub expected: usize,
    /// Changes the timelines listed (for the entities of the key).
    pub listed: usize,
    /// Listed changes that are in the key with the right end date.
    pub listed_right: usize,
}

impl TimelineReport {
    /// Recall with the end date: right / expected.
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.expected)
    }

    /// Precision: listed right / listed.
    pub fn precision(&self) -> f64 {
        ratio(self.listed_right, self.listed)
    }
}

/// Whether the CSV file at `path` is a timeline key (its header names `entity`).
pub fn is_timeline_key(path: &Path) -> Result<bool, csv::Error> {
    let mut reader = csv::Reader::from_path(path)?;
    Ok(reader.headers()?.iter().any(|h| h == "entity"))
}

/// Reads a timeline key.
pub fn read_timelines(path: &Path) -> Result<Vec<AnnotatedChange>, csv::Error> {
    csv::Reader::from_path(path)?.deserialize().collect()
}

/// Asks the timeline of every entity of `key` and scores it: a change is found when the
/// timeline lists one of its kind in its document, right when its end date is the key's;
/// everything else the timeline lists is an extra.
pub fn run_timelines(
    store: &GraphStore,
    knowledge: &Knowledge,
    key: &[AnnotatedChange],
    timeout: Option<Duration>,
) -> Result<TimelineReport, crate::timeline::TimelineError> {
    let mut entities: Vec<&str> = key.iter().map(|c| c.entity.as_str()).collect();
    entities.sort_unstable();
    entities.dedup();
    let symbol = crate::symbol::undocs_form;
    let mut changes = Vec::new();
    let (mut listed, mut listed_right) = (0, 0);
    for entity in entities {
        let events = match crate::timeline::timeline(store, knowledge, entity, timeout) {
            Ok(events) => events,
            Err(crate::timeline::TimelineError::NotFound { .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        let expected: Vec<&AnnotatedChange> = key.iter().filter(|c| c.entity == entity).collect();
        let mut used = vec![false; events.len()];
        for c in &expected {
            let hit = events.iter().enumerate().position(|(i, e)| {
                !used[i] && e.kind == c.kind && symbol(&e.document) == symbol(&c.document)
            });
            let listed_until = hit.map(|i| {
                used[i] = true;
                events[i].until.clone().unwrap_or_default()
            });
            let right = listed_until.as_deref() == Some(c.until.trim());
            changes.push(ScoredChange {
                entity: entity.to_string(),
                document: c.document.clone(),
                kind: c.kind.clone(),
                expected_until: c.until.trim().to_string(),
                right,
                listed_until,
                extra: false,
            });
        }
        listed += events.len();
        listed_right += changes
            .iter()
            .filter(|c| c.entity == entity && c.right)
            .count();
        for (e, _) in events.iter().zip(&used).filter(|(_, used)| !**used) {
            changes.push(ScoredChange {
                entity: entity.to_string(),
                document: e.document.clone(),
                kind: e.kind.clone(),
                expected_until: String::new(),
                listed_until: Some(e.until.clone().unwrap_or_default()),
                right: false,
                extra: true,
            });
        }
    }
    Ok(TimelineReport {
        right: changes.iter().filter(|c| c.right).count(),
        expected: key.len(),
        listed,
        listed_right,
        changes,
    })
}

/// One annotated reporting duty of a reporting key: CSV with the header
/// `document,number,by,to,due,session,within,every` (the timing columns empty where the text
/// sets none; `number` with its sub-paragraph, "10 (e)"; a row with the document alone: it
/// was read and asks for no report, so whatever is listed in it is an extra).
#[derive(Debug, Clone, Deserialize)]
pub struct AnnotatedDuty {
    /// The document's symbol.
    pub document: String,
    /// The operative paragraph as printed, with its sub-paragraph.
    pub number: String,
    /// Who reports (informative: the extractor's addressees are scored by the question set).
    #[serde(default)]
    pub by: String,
    /// To whom, as a user would type it; empty to leave it unscored.
    #[serde(default)]
    pub to: String,
    /// The due date, YYYY-MM-DD (printed, or counted from the adoption date).
    #[serde(default)]
    pub due: String,
    /// The session at which the report is due.
    #[serde(default)]
    pub session: String,
    /// The period after adoption, `xsd:duration`.
    #[serde(default)]
    pub within: String,
    /// The recurrence, `xsd:duration`.
    #[serde(default)]
    pub every: String,
}

/// How one annotated duty, or one listed duty the key lacks, came out.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredDuty {
    /// The document.
    pub document: String,
    /// The paragraph, with its sub-paragraph.
    pub number: String,
    /// The key's timing ("to Security Council; due 1972-07-31"), empty for an extra.
    pub expected: String,
    /// What `reports` listed, or `None` when it did not list the duty.
    pub listed: Option<String>,
    /// Listed in that paragraph (whatever its timing).
    pub found: bool,
    /// Listed with the key's addressee of the report and timing.
    pub right: bool,
    /// Listed by `reports`, absent from the key.
    pub extra: bool,
}

/// The score of a reporting key.
#[derive(Debug, Clone, Serialize)]
pub struct DutyReport {
    /// Per duty, the key's in order, then what `reports` listed beyond it.
    pub duties: Vec<ScoredDuty>,
    /// Duties of the key listed in their paragraph.
    pub found: usize,
    /// Duties of the key listed with the right recipient and timing.
    pub right: usize,
    /// Duties in the key.
    pub expected: usize,
    /// Duties `reports` listed in the key's documents.
    pub listed: usize,
}

impl DutyReport {
    /// Recall of the duties, whatever their timing: found / expected.
    pub fn found_recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }

    /// Recall with recipient and timing: right / expected.
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.expected)
    }

    /// Precision: right / listed (an extra and a listed duty with a wrong date both count
    /// against it).
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.listed)
    }
}

/// Whether the CSV file at `path` is a reporting key (its header names `due`).
pub fn is_reports_key(path: &Path) -> Result<bool, csv::Error> {
    let mut reader = csv::Reader::from_path(path)?;
    Ok(reader.headers()?.iter().any(|h| h == "due"))
}

/// Reads a reporting key.
pub fn read_duties(path: &Path) -> Result<Vec<AnnotatedDuty>, csv::Error> {
    csv::Reader::from_path(path)?.deserialize().collect()
}

/// Lists the reporting duties of the key's documents and scores them: a duty is found when
/// `reports` lists one in its paragraph, right when the organ it reports to, its due date,
/// session, period and recurrence are the key's (durations compared as values: PT24H is
/// P1D); everything else listed in those documents is an extra.
pub fn run_reports(
    store: &GraphStore,
    knowledge: &Knowledge,
    key: &[AnnotatedDuty],
    timeout: Option<Duration>,
) -> Result<DutyReport, crate::timeline::TimelineError> {
    let symbol = crate::symbol::undocs_form;
    let documents: BTreeSet<String> = key.iter().map(|d| symbol(&d.document)).collect();
    let listed: Vec<crate::timeline::Duty> =
        crate::timeline::reports(store, knowledge, None, timeout)?
            .into_iter()
            .filter(|d| documents.contains(&symbol(&d.document)))
            .collect();
    let place = |number: &str, sub: Option<&str>| -> String {
        format!(
            "{number}{}",
            sub.map(|s| format!("({s})")).unwrap_or_default()
        )
        .replace(' ', "")
    };
    let organ = |name: &str| -> Option<String> {
        knowledge
            .find_actor(name)
            .map(|a| a.iri.as_str().to_string())
    };
    let timing_of = |d: &crate::timeline::Duty| Timing {
        to: d.to.clone().unwrap_or_default(),
        due: d.due.clone().unwrap_or_default(),
        session: d.session.map(|s| s.to_string()).unwrap_or_default(),
        within: d.within.clone().unwrap_or_default(),
        every: d.every.clone().unwrap_or_default(),
    };
    let mut used = vec![false; listed.len()];
    let mut duties = Vec::new();
    // A row without a paragraph says its document was read and asks for no report.
    let key: Vec<&AnnotatedDuty> = key.iter().filter(|k| !k.number.trim().is_empty()).collect();
    for k in &key {
        let expected = Timing {
            to: if k.to.trim().is_empty() {
                String::new()
            } else {
                organ(k.to.trim()).unwrap_or_else(|| k.to.trim().to_string())
            },
            due: k.due.trim().to_string(),
            session: k.session.trim().to_string(),
            within: k.within.trim().to_string(),
            every: k.every.trim().to_string(),
        };
        let here: Vec<usize> = (0..listed.len())
            .filter(|&i| {
                !used[i]
                    && symbol(&listed[i].document) == symbol(&k.document)
                    && place(&listed[i].number, listed[i].subparagraph.as_deref())
                        == k.number.replace(' ', "")
            })
            .collect();
        let hit = here
            .iter()
            .copied()
            .find(|&i| expected.matches(&timing_of(&listed[i])))
            .or_else(|| here.first().copied());
        let right = hit.is_some_and(|i| expected.matches(&timing_of(&listed[i])));
        if let Some(i) = hit {
            used[i] = true;
        }
        duties.push(ScoredDuty {
            document: k.document.clone(),
            number: k.number.clone(),
            expected: expected.to_string(),
            listed: hit.map(|i| timing_of(&listed[i]).to_string()),
            found: hit.is_some(),
            right,
            extra: false,
        });
    }
    for (d, _) in listed.iter().zip(&used).filter(|(_, used)| !**used) {
        duties.push(ScoredDuty {
            document: d.document.clone(),
            number: place(&d.number, d.subparagraph.as_deref()),
            expected: String::new(),
            listed: Some(timing_of(d).to_string()),
            found: false,
            right: false,
            extra: true,
        });
    }
    Ok(DutyReport {
        found: duties.iter().filter(|d| d.found).count(),
        right: duties.iter().filter(|d| d.right).count(),
        expected: key.len(),
        listed: listed.len(),
        duties,
    })
}

/// When and to whom a report is due, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Timing {
    to: String,
    due: String,
    session: String,
    within: String,
    every: String,
}

impl Timing {
    /// Whether `listed` has this timing (and this organ, unless none is expected).
    fn matches(&self, listed: &Timing) -> bool {
        (self.to.is_empty() || self.to == listed.to)
            && self.due == listed.due
            && self.session == listed.session
            && same_duration(&self.within, &listed.within)
            && same_duration(&self.every, &listed.every)
    }
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let to = self.to.rsplit('/').next().unwrap_or_default();
        let mut parts = vec![format!("to {}", if to.is_empty() { "?" } else { to })];
        for (label, value) in [
            ("due", &self.due),
            ("session", &self.session),
            ("within", &self.within),
            ("every", &self.every),
        ] {
            if !value.is_empty() {
                parts.push(format!("{label} {value}"));
            }
        }
        f.write_str(&parts.join("; "))
    }
}

/// Whether two `xsd:duration` texts are the same duration (years and months apart from
/// days and time, as XSD compares them when they have no day-month ambiguity); both empty
/// are the same.
fn same_duration(a: &str, b: &str) -> bool {
    a == b || matches!((duration_parts(a), duration_parts(b)), (Some(x), Some(y)) if x == y)
}

/// (months, seconds) of an `xsd:duration` such as `P1Y2M3DT4H`.
fn duration_parts(text: &str) -> Option<(u64, u64)> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let (mut months, mut seconds) = (0u64, 0u64);
    for (part, in_time) in [(date, false), (time, true)] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: u64 = number.parse().ok()?;
            number.clear();
            match (c, in_time) {
                ('Y', false) => months += 12 * n,
                ('M', false) => months += n,
                ('D', false) => seconds += 86_400 * n,
                ('H', true) => seconds += 3_600 * n,
                ('M', true) => seconds += 60 * n,
                ('S', true) => seconds += n,
                _ => return None,
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some((months, seconds))
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
    fn durations_compare_as_values() {
        assert!(same_duration("PT24H", "P1D"));
        assert!(same_duration("P1Y", "P12M"));
        assert!(same_duration("", ""));
        assert!(!same_duration("P30D", "P1M"));
        assert!(!same_duration("P3D", ""));
        assert_eq!(
            duration_parts("P1Y2M3DT4H5M6S"),
            Some((14, 3 * 86_400 + 4 * 3_600 + 5 * 60 + 6))
        );
        assert_eq!(duration_parts("P1X"), None);
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
