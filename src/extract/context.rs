//! What a directive means in its document: whom "those countries", "the parties" and "both
//! Governments" name, what "its decision" and "paragraph 1 above" are about, and what the
//! document as a whole is about (its subject, which a mandate that names none inherits).
//!
//! These run after every directive of the document is read, in text order.

use std::collections::BTreeMap;

use oxigraph::model::NamedNode;

use super::{Directive, Extractor, dedup, normalize};
use crate::knowledge::Actor;
use crate::model::Document;

/// Phrases that name the parties to the situation a resolution is about.
const PARTIES: &[&str] = &[
    "the parties",
    "both parties",
    "the two parties",
    "both governments",
    "the two governments",
    "the governments concerned",
    "both sides",
    "the two sides",
];

/// What later directives may refer back to.
struct Referents {
    /// The addressees of the last directive that named any.
    addressees: Vec<NamedNode>,
    /// The addressees as printed of the last mandate.
    phrase: String,
    /// The States last asked together (two or more), else those the preamble names.
    states: Vec<NamedNode>,
}

impl Extractor<'_> {
    /// Resolves what the directives of `doc` refer back to (see the module documentation).
    pub(super) fn refer_back(
        &self,
        doc: &Document,
        named: &BTreeMap<usize, usize>,
        directives: &mut [Directive],
    ) {
        let mut last = Referents {
            addressees: Vec::new(),
            phrase: String::new(),
            states: self.states_of_preamble(doc, named),
        };
        for i in 0..directives.len() {
            self.resolve_addressees(&mut directives[i], &mut last);
            inherit_referred_topics(doc, directives, i);
        }
    }

    /// Addressees named by a demonstrative ("Also invites those countries": whoever
    /// "countries" were before) or as the parties ("Calls upon both Governments").
    fn resolve_addressees(&self, d: &mut Directive, last: &mut Referents) {
        let phrase = d.addressee_phrase.to_ascii_lowercase();
        let demonstrative = points_back_to(&phrase, &last.phrase);
        if d.addressees.is_empty() && demonstrative {
            d.addressees = last.addressees.clone();
            // Printed as it stands, with what it stands for: "those countries [all
            // countries of the region]", so an unregistered addressee stays findable.
            if !last.phrase.is_empty() {
                d.addressee_phrase = format!("{} [{}]", d.addressee_phrase, last.phrase);
            }
        }
        if !demonstrative && !d.addressee_phrase.is_empty() && d.mandating {
            last.phrase = d.addressee_phrase.clone();
        }
        if names_the_parties(&phrase) {
            for state in &last.states {
                if !d.addressees.contains(state) {
                    d.addressees.push(state.clone());
                }
            }
        }
        if !d.addressees.is_empty() {
            last.addressees = d.addressees.clone();
            let states: Vec<NamedNode> = d
                .addressees
                .iter()
                .filter(|a| self.actor(a).is_some_and(Actor::is_state))
                .cloned()
                .collect();
            if states.len() >= 2 {
                last.states = states;
            }
        }
    }

    /// The actor of the registry with IRI `iri`.
    fn actor(&self, iri: &NamedNode) -> Option<&Actor> {
        self.knowledge.actors.iter().find(|a| &a.iri == iri)
    }

    /// The States the preamble names, when it names two to four: the parties to the
    /// situation it describes.
    fn states_of_preamble(&self, doc: &Document, named: &BTreeMap<usize, usize>) -> Vec<NamedNode> {
        let mut states: Vec<NamedNode> = Vec::new();
        for p in &doc.preamble {
            for h in self.actors_in(&p.text, named) {
                let actor = &self.knowledge.actors[h.entry];
                if actor.is_state() && !states.contains(&actor.iri) {
                    states.push(actor.iri.clone());
                }
            }
        }
        if (2..=4).contains(&states.len()) {
            states
        } else {
            Vec::new()
        }
    }

    /// What the document is about: the topics, places and instruments of its title; without
    /// a title that names any, those of the first preambular paragraph and those the
    /// preamble names again and again (in at least two paragraphs, and a fifth of a long
    /// preamble).
    pub(super) fn subjects(
        &self,
        doc: &Document,
        named: &BTreeMap<usize, usize>,
    ) -> Vec<NamedNode> {
        let about = |text: &str| -> Vec<NamedNode> {
            let mut found: Vec<NamedNode> = self
                .topics_in(&self.without_compliance(text))
                .into_iter()
                .map(|t| self.knowledge.topics[t].iri.clone())
                .collect();
            found.extend(self.places_in(text, named));
            found.extend(
                self.instruments
                    .find(text)
                    .into_iter()
                    .map(|h| self.knowledge.instruments[h.entry].iri.clone()),
            );
            dedup(found)
        };
        if let Some(title) = &doc.metadata.title {
            let found = about(&title.value);
            if !found.is_empty() {
                return found;
            }
        }
        let mut counts: BTreeMap<NamedNode, usize> = BTreeMap::new();
        for p in &doc.preamble {
            for x in about(&p.text) {
                *counts.entry(x).or_default() += 1;
            }
        }
        let mut found: Vec<NamedNode> = doc
            .preamble
            .first()
            .map(|p| about(&p.text))
            .unwrap_or_default();
        let often = (doc.preamble.len() / 5).max(2);
        found.extend(
            counts
                .into_iter()
                .filter(|(_, n)| *n >= often)
                .map(|(x, _)| x),
        );
        dedup(found)
    }
}

/// Whether an addressee phrase (lower case) is a demonstrative with the head noun of the
/// last one: "those countries" after "all countries of the region", not "those concerned".
fn points_back_to(phrase: &str, last_phrase: &str) -> bool {
    ["those ", "these ", "such ", "the said "].iter().any(|d| {
        phrase.strip_prefix(d).is_some_and(|rest| {
            let head = normalize(rest.split(' ').next().unwrap_or(""));
            !head.is_empty() && normalize(last_phrase).split(' ').any(|w| w == head)
        })
    })
}

/// Whether an addressee phrase (lower case) names the parties: "the parties", "both
/// Governments", "the parties concerned", not "the Parties to the Treaty".
fn names_the_parties(phrase: &str) -> bool {
    PARTIES.iter().any(|p| {
        phrase.strip_prefix(p).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(',')
                || [
                    " concerned",
                    " to the conflict",
                    " to the dispute",
                    " themselves",
                ]
                .iter()
                .any(|r| rest.starts_with(r))
        })
    })
}

/// Topics the `i`-th directive takes from what it refers to, besides its own: "should rescind
/// forthwith its decision" what the paragraph before decided; "the implementation of
/// paragraph 1 above" what paragraph 1 is about.
fn inherit_referred_topics(doc: &Document, directives: &mut [Directive], i: usize) {
    re!(
        PARAGRAPH_REFERENCE,
        r"(?i)\bparagraphs? ((?:[0-9]+(?: \([a-z]\))?(?:, | and | to )?)+)"
    );
    re!(NUMBER, r"[0-9]+");
    re!(
        REFERRING,
        r"(?i)\b(?:(?:that|this|those|these|the said|the above|the aforementioned) (?:decisions?|requests?|demands?|measures|commitments|obligations|provisions|efforts|undertakings|proposals?|recommendations?)|(?:its|their) (?:decisions?|demands?))\b"
    );
    // "to prevent the departure of such personnel": "such" pointing back, unlike "such
    // measures as may be necessary" and "such as", which point ahead.
    re!(SUCH, r"(?i)\b(?:such|the said|the aforementioned) [a-z]+\b");
    let action = &directives[i].action;
    let points_back = REFERRING.is_match(action)
        || SUCH.find_iter(action).any(|m| {
            !m.as_str().to_ascii_lowercase().ends_with(" as")
                && !action[m.end()..].starts_with(" as ")
        });
    // Only a directive that names no topic of its own: "such personnel for the Congo".
    if points_back && directives[i].topics.is_empty() {
        let here = top_paragraph(&directives[i].paragraph).to_string();
        let before = directives[..i]
            .iter()
            .rev()
            .map(|d| top_paragraph(&d.paragraph))
            .find(|p| *p != here)
            .map(str::to_string);
        if let Some(before) = before {
            let (topics, concerns) = topics_of(directives, &before);
            let d = &mut directives[i];
            d.topics = dedup(d.topics.iter().cloned().chain(topics).collect());
            d.concerns = dedup(d.concerns.iter().cloned().chain(concerns).collect());
        }
    }
    // "paragraph 18", "paragraph 1 above", "paragraphs 4 to 8 of the present resolution";
    // not "paragraph 3 of resolution 1373 (2001)" or "of Article 2".
    let action = &directives[i].action;
    let referred: Vec<String> = PARAGRAPH_REFERENCE
        .captures_iter(action)
        .filter(|c| {
            let after = action[c.get(0).map_or(0, |m| m.end())..].trim_start();
            !after.starts_with("of ")
                || after.starts_with("of the present resolution")
                || after.starts_with("of this resolution")
        })
        .flat_map(|c| {
            NUMBER
                .find_iter(c.get(1).map_or("", |m| m.as_str()))
                .map(|m| m.as_str().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for number in referred {
        let Some(target) = doc
            .operative
            .iter()
            .find(|p| p.number.as_deref() == Some(number.as_str()))
        else {
            continue;
        };
        let (topics, concerns) = topics_of(directives, &target.eid);
        let d = &mut directives[i];
        d.topics = dedup(d.topics.iter().cloned().chain(topics).collect());
        d.concerns = dedup(d.concerns.iter().cloned().chain(concerns).collect());
    }
}

/// The element id of the operative paragraph that holds part `eid`: `para_8` for
/// `para_8__list_1__point_a`.
fn top_paragraph(eid: &str) -> &str {
    match eid.find("__list_") {
        Some(at) => &eid[..at],
        None => eid,
    }
}

/// The topics and concerns of the directives of paragraph `eid` and its parts.
fn topics_of(directives: &[Directive], eid: &str) -> (Vec<NamedNode>, Vec<NamedNode>) {
    let prefix = format!("{eid}__");
    let mut topics = Vec::new();
    let mut concerns = Vec::new();
    for d in directives
        .iter()
        .filter(|d| d.paragraph == eid || d.paragraph.starts_with(&prefix))
    {
        topics.extend(d.topics.iter().cloned());
        concerns.extend(d.concerns.iter().cloned());
    }
    (dedup(topics), dedup(concerns))
}
