//! The question users ask most: which paragraphs request ACTOR to act on TOPIC?
//!
//! Three steps, each saying why it decided what it did:
//! 1. **Who.** The actor is resolved through the registry (acronym, name, alias or IRI, with
//!    or without "the") and widened to the groups a user means by it: "Member States" also
//!    finds "States", "all States", "States in a position to do so" and "requesting States"
//!    (`skos:closeMatch` and `skos:broader` in `data/actors.ttl`); named subsets ("States
//!    parties", "nuclear-weapon States") only with `narrower`. A name the registry lacks is
//!    looked for in the addressees as printed; a name found nowhere is an error that lists
//!    the closest registry names.
//! 2. **Which mandates.** The canned query `queries/mandates-to-actor.rq`, with the actor
//!    (or the printed words) bound as a parameter, gives every request, call, urging,
//!    encouragement, invitation or demand to it, with its operative paragraph.
//! 3. **On what.** The topic is matched against the mandate's own topics and the places and
//!    bodies it concerns (a concept of the topic scheme and its narrower concepts, or an
//!    actor named as a place), then against its own words, then against the subject of the
//!    document it stands in (its title, or its preamble), which a mandate inherits.
//!
//! Answers are operative paragraphs: a request made in sub-paragraph (h) answers for its
//! paragraph, and says so.

mod lookup;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use oxigraph::model::{Literal, NamedNode};

use crate::vocab::{rdfs, rg};
use serde::Serialize;

use crate::extract::normalize;
use crate::extract::text::{actor_words, content_words, segments};
use crate::knowledge::{Actor, Knowledge};
use crate::store::{GraphStore, StoreError};

/// One answer: an operative paragraph that asks the actor to act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The document: its symbol, else its body, session and title.
    pub document: String,
    /// The document's IRI.
    pub document_iri: String,
    /// Paragraph number as printed ("13"), empty when unnumbered.
    pub number: String,
    /// Label of the section the paragraph stands in ("C", or a position for a heading
    /// printed without a label), empty when none. Not in the output, which has the IRI.
    #[serde(skip)]
    pub section: String,
    /// Paragraph IRI.
    pub iri: String,
    /// The verbs as printed ("Also requests"), joined by "; " when several clauses ask.
    pub verb: String,
    /// The paragraph text.
    pub text: String,
    /// Why it answers.
    pub why: Why,
}

/// Why a paragraph answers the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// Who is asked, as printed ("all States and relevant international organizations").
    pub addressee: String,
    /// The verb as printed.
    pub verb: String,
    /// The sub-paragraphs that ask, as printed ("h"); empty when the paragraph itself asks.
    pub parts: Vec<String>,
    /// What matched the topic; absent when no topic was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<TopicMatch>,
}

/// How the topic matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicMatch {
    /// `concept`: a topic of the mandate; `words`: the mandate's own words; `context`: the
    /// subject of the document, which the mandate inherits.
    pub by: MatchKind,
    /// The concept or actor matched, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    /// Its label, or the words matched.
    pub label: String,
}

/// The ways a topic can match, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// A concept (or place) the mandate is about.
    Concept,
    /// The mandate's own words.
    Words,
    /// The subject of the document.
    Context,
}

impl MatchKind {
    /// Its name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Concept => "concept",
            Self::Words => "words",
            Self::Context => "context",
        }
    }
}

/// The question.
#[derive(Debug, Clone, Default)]
pub struct Question<'a> {
    /// The actor, as the user typed it.
    pub actor: &'a str,
    /// The topic, free text.
    pub topic: Option<&'a str>,
    /// Only this document: its symbol, IRI or source file.
    pub document: Option<&'a str>,
    /// Include named subsets of a group ("States parties" for "States").
    pub narrower: bool,
}

/// Why the question could not be answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestsError {
    /// The actor is neither in the registry nor printed as an addressee in the store.
    #[error("actor {name:?} not found: not in the actor registry (data/actors.ttl) and no paragraph in the store addresses it{}", suggest(.suggestions))]
    NotFound {
        /// The name asked for.
        name: String,
        /// The closest registry names.
        suggestions: Vec<String>,
    },
    /// The document is not in the store.
    #[error("document {0:?} not found in the store (give its symbol, IRI or source file)")]
    UnknownDocument(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(crate) fn suggest(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("; closest names: {}", names.join(", "))
    }
}

/// The preferred label of the topic that `query` names, if any.
pub fn resolve_topic(knowledge: &Knowledge, query: &str) -> Option<String> {
    topic_concept(knowledge, query).map(|i| knowledge.topics[i].label.clone())
}

/// The index of the topic concept `query` names: a label or form, ignoring case, plurals,
/// hyphens and word order.
fn topic_concept(knowledge: &Knowledge, query: &str) -> Option<usize> {
    let folded = normalize(query);
    let words = content_words(query);
    let topics = &knowledge.topics;
    topics
        .iter()
        .position(|t| t.phrases.iter().any(|p| normalize(p) == folded))
        .or_else(|| {
            topics.iter().position(|t| {
                !words.is_empty() && t.phrases.iter().any(|p| content_words(p) == words)
            })
        })
}

/// One thing a topic query names: a concept with its narrower concepts, an activity kind,
/// an actor (a place or body) or an instrument; IRI to label.
type Requirement = BTreeMap<String, String>;

/// What a topic query stands for: the things it names (all must match), and its words.
struct Target {
    parts: Vec<Requirement>,
    /// Words of the query outside the things it names: the mandate's own words must hold
    /// them ("UNODC || true" is not a question about UNODC).
    rest: BTreeSet<String>,
    words: Vec<BTreeSet<String>>,
    text: String,
}

impl Target {
    fn new(knowledge: &Knowledge, query: &str) -> Self {
        let whole = named_by(knowledge, query);
        let (parts, rest) = if whole.is_empty() {
            named_within(knowledge, query)
        } else {
            (vec![whole], BTreeSet::new())
        };
        // The words of the query, and of every name of the concept it names: "financing of
        // terrorism" is also found as "terrorist financing".
        let mut words = vec![content_words(query)];
        if let Some(i) = topic_concept(knowledge, query) {
            words.extend(knowledge.topics[i].phrases.iter().map(|p| content_words(p)));
        }
        words.retain(|w| !w.is_empty());
        Self {
            parts,
            rest,
            words,
            text: query.trim().to_string(),
        }
    }

    /// What of a mandate's own topics matching needs: the IRIs of the things named.
    fn topics_needed(&self) -> lookup::Topics {
        let iris: BTreeSet<&String> = self.parts.iter().flat_map(|p| p.keys()).collect();
        if iris.is_empty() {
            lookup::Topics::Skip
        } else if iris.len() > lookup::MAX_PROBED {
            lookup::Topics::All
        } else {
            lookup::Topics::Probe(
                iris.into_iter()
                    .map(|i| NamedNode::new_unchecked(i.as_str()))
                    .collect(),
            )
        }
    }

    /// The best match of this target: the mandate's own topics, places, instruments and
    /// activities; its words (with its addressees as printed); the subject of its document;
    /// the words of the document's title.
    ///
    /// `title` holds the content words of the document's title (the caller keeps them per
    /// document: a document has many mandates).
    fn matches(&self, row: &Row, title: &BTreeSet<String>) -> Option<TopicMatch> {
        let own: Vec<&str> = row.topics.split(' ').collect();
        let context: Vec<&str> = row.subjects.split(' ').collect();
        let asked = content_words(&format!("{} {}", row.addressee, row.action));
        if !self.parts.is_empty() && self.rest.is_subset(&asked) {
            let mut by = MatchKind::Concept;
            let mut labels = Vec::new();
            let mut concepts = Vec::new();
            for part in &self.parts {
                let found = |list: &[&str]| list.iter().find_map(|iri| part.get_key_value(*iri));
                let (iri, label) = match found(&own) {
                    Some(x) => x,
                    // The document's subject counts for a mandate that names no subject
                    // of its own ("to quell this rebellion").
                    None if !row.says_what => {
                        by = MatchKind::Context;
                        match found(&context) {
                            Some(x) => x,
                            None => return self.by_words(&asked, title),
                        }
                    }
                    None => return self.by_words(&asked, title),
                };
                labels.push(label.clone());
                concepts.push(iri.clone());
            }
            return Some(TopicMatch {
                by,
                concept: Some(concepts.join(" ")),
                label: labels.join(", "),
            });
        }
        self.by_words(&asked, title)
    }

    /// The match by words: the query's (or a name's) words all among the words `asked`
    /// (addressees as printed and the action), else all among the title's.
    fn by_words(&self, asked: &BTreeSet<String>, title: &BTreeSet<String>) -> Option<TopicMatch> {
        if self.words.is_empty() {
            return None;
        }
        let by = if self.words.iter().any(|w| w.is_subset(asked)) {
            MatchKind::Words
        } else if self.words.iter().any(|w| w.is_subset(title)) {
            MatchKind::Context
        } else {
            return None;
        };
        Some(TopicMatch {
            by,
            concept: None,
            label: self.text.clone(),
        })
    }
}

/// Whether a mandate's topics (IRIs) name what it is about: a topic, place or instrument, not
/// only a kind of activity.
pub(super) fn says_what_about(topics: &[&str]) -> bool {
    topics
        .iter()
        .any(|t| !t.is_empty() && !t.starts_with(crate::iri::MANDATE_TERM_BASE))
}

/// What `query` as a whole names: a topic concept (with the concepts narrower than it, three
/// levels down), an activity kind, an actor, an instrument.
fn named_by(knowledge: &Knowledge, query: &str) -> Requirement {
    let mut found = Requirement::new();
    if let Some(i) = topic_concept(knowledge, query) {
        let mut level = vec![knowledge.topics[i].iri.clone()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for iri in &level {
                if let Some(t) = knowledge.topics.iter().find(|t| &t.iri == iri) {
                    found.insert(t.iri.as_str().to_string(), t.label.clone());
                }
                next.extend(
                    knowledge
                        .topics
                        .iter()
                        .filter(|t| t.broader.contains(iri))
                        .map(|t| t.iri.clone()),
                );
            }
            level = next;
        }
    }
    let folded = normalize(query);
    for a in &knowledge.activities {
        if a.phrases.iter().any(|p| normalize(p) == folded) {
            found.insert(a.iri.as_str().to_string(), a.label.clone());
        }
    }
    let by_adjective = || {
        knowledge
            .actors
            .iter()
            .find(|a| a.demonyms.iter().any(|d| normalize(d) == folded))
    };
    if let Some(actor) = knowledge.find_actor(query).or_else(by_adjective) {
        found.insert(actor.iri.as_str().to_string(), actor.name.clone());
        // A country is also what it was before: Zimbabwe is Southern Rhodesia in 1965.
        for before in knowledge
            .actors
            .iter()
            .filter(|a| a.replaced_by.contains(&actor.iri))
        {
            found.insert(before.iri.as_str().to_string(), before.name.clone());
        }
    }
    for i in &knowledge.instruments {
        if i.labels.iter().any(|l| normalize(l) == folded) {
            found.insert(i.iri.as_str().to_string(), i.labels[0].clone());
        }
    }
    found
}

/// The things named inside a longer query ("Middle East nuclear-weapon-free zone": a place
/// and a topic), longest first, without overlap; and the words left over ("release" in
/// "release of detainees").
fn named_within(knowledge: &Knowledge, query: &str) -> (Vec<Requirement>, BTreeSet<String>) {
    let folded = format!(" {} ", normalize(query));
    let mut candidates: Vec<String> = Vec::new();
    let phrases = knowledge
        .topics
        .iter()
        .flat_map(|t| t.phrases.iter().cloned())
        .chain(knowledge.actors.iter().flat_map(|a| {
            std::iter::once(a.name.clone())
                .chain(a.aliases.iter().cloned())
                .chain(a.acronyms.iter().cloned())
                .chain(a.demonyms.iter().cloned())
        }))
        .chain(
            knowledge
                .instruments
                .iter()
                .flat_map(|i| i.labels.iter().cloned()),
        );
    for p in phrases {
        let p = normalize(&p);
        if !content_words(&p).is_empty() && folded.contains(&format!(" {p} ")) {
            candidates.push(p);
        }
    }
    candidates.sort_by_key(|p| std::cmp::Reverse(p.len()));
    candidates.dedup();
    let mut taken = folded.clone();
    let mut parts = Vec::new();
    for p in candidates {
        let padded = format!(" {p} ");
        if let Some(at) = taken.find(&padded) {
            taken.replace_range(at + 1..at + padded.len() - 1, &"_".repeat(p.len()));
            let part = named_by(knowledge, &p);
            if !part.is_empty() {
                parts.push(part);
            }
        }
    }
    (parts, content_words(&taken.replace('_', " ")))
}

/// The actors a question about `actor` means: itself, the actors close to it, the officials who
/// head it, and the groups narrower than those (named subsets only when `narrower`).
pub fn actors_meant<'k>(
    knowledge: &'k Knowledge,
    actor: &'k Actor,
    narrower: bool,
) -> Vec<&'k Actor> {
    let mut meant: Vec<&Actor> = vec![actor];
    for a in &knowledge.actors {
        if actor.close.contains(&a.iri) || a.close.contains(&actor.iri) {
            meant.push(a);
        }
    }
    // The officials who head it: the Director General for the Agency.
    for a in &knowledge.actors {
        if a.is_official() && a.part_of.contains(&actor.iri) {
            meant.push(a);
        }
    }
    let mut i = 0;
    while i < meant.len() {
        let iri = meant[i].iri.clone();
        for a in &knowledge.actors {
            if a.broader.contains(&iri)
                && (narrower || !a.is_named_group())
                && !meant.iter().any(|m| m.iri == a.iri)
            {
                meant.push(a);
            }
        }
        i += 1;
    }
    meant
}

/// The registry names closest to `name`, best first.
pub fn closest_names(knowledge: &Knowledge, name: &str, n: usize) -> Vec<String> {
    let wanted = normalize(name);
    let mut scored: Vec<(f64, String)> = knowledge
        .actors
        .iter()
        .flat_map(|a| {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .chain(&a.acronyms)
                .map(move |label| (label, a))
        })
        .map(|(label, a)| {
            let score = strsim::sorensen_dice(&wanted, &normalize(label));
            let shown = if label == &a.name {
                a.name.clone()
            } else {
                format!("{label} ({})", a.name)
            };
            (score, shown)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, shown) in scored {
        if !out.contains(&shown) {
            out.push(shown);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// One mandate that may answer (one row per action it states).
#[derive(Debug, Clone, Default)]
struct Row {
    graph: String,
    /// The mandate's IRI.
    mandate: String,
    display: String,
    paragraph: String,
    number: String,
    section: String,
    part: String,
    verb: String,
    addressee: String,
    action: String,
    text: String,
    /// The mandate's own topics (IRIs), as far as the question needs them
    /// ([`lookup::Topics`]).
    topics: String,
    /// Whether the mandate names what it is about ([`says_what_about`]).
    says_what: bool,
    subjects: String,
    title: String,
    addressees: String,
    /// Where the paragraph starts in its source: answers come in the order of the text.
    start: u64,
}

/// Answers the question.
///
/// For an actor of the registry nothing is scanned (index lookups only): its mandates come from the
/// addressee index (the actor and the actors it means, [`actors_meant`]) and from the
/// addressee keys of its names (short forms the registry lacks); each is matched against
/// the topic, and only the mandates that answer are located in their paragraphs. An actor
/// the registry lacks is found by the words printed, which reads every mandate's printed
/// addressees.
pub fn ask(
    store: &GraphStore,
    knowledge: &Knowledge,
    question: &Question<'_>,
    timeout: Option<Duration>,
) -> Result<Vec<Hit>, RequestsError> {
    let graph = match question.document {
        Some(d) => Some(find_document(store, d)?),
        None => None,
    };
    let target = question.topic.map(|t| Target::new(knowledge, t));
    let topics = target
        .as_ref()
        .map_or(lookup::Topics::Skip, Target::topics_needed);
    let mut lookup = lookup::Lookup::new(store, knowledge, timeout, topics);
    let rows = match knowledge.find_actor(question.actor) {
        Some(actor) => {
            let mut rows = Vec::new();
            for a in actors_meant(knowledge, actor, question.narrower) {
                rows.extend(lookup.addressed_to(&a.iri, graph.as_ref())?);
            }
            // Addressed by a short form the registry does not list ("the Group of Scientific
            // and Technical Experts"): printed words all among the words of one of its names.
            let mut keys: Vec<String> = std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .flat_map(|n| crate::extract::text::subset_keys(&actor_words(n), MAX_KEY_WORDS))
                .collect();
            keys.sort();
            keys.dedup();
            rows.extend(lookup.by_keys(&keys, graph.as_ref())?);
            rows
        }
        None => {
            let rows = unregistered(&mut lookup, knowledge, question.actor, graph.as_ref())?;
            if rows.is_empty() {
                return Err(RequestsError::NotFound {
                    name: question.actor.to_string(),
                    suggestions: closest_names(knowledge, question.actor, 3),
                });
            }
            rows
        }
    };
    let mut matched = Vec::new();
    let mut titles: HashMap<String, BTreeSet<String>> = HashMap::new();
    for mut row in rows {
        let topic = match &target {
            Some(t) => match t.matches(&row, {
                let title = &row.title;
                titles
                    .entry(row.graph.clone())
                    .or_insert_with(|| content_words(title))
            }) {
                Some(m) => Some(m),
                None => continue,
            },
            None => None,
        };
        lookup.complete(&mut row)?;
        if !lookup.locate(&mut row)? {
            continue;
        }
        matched.push((row, topic));
    }
    Ok(answers(matched))
}

/// Printed addressees of up to this many content words are found by the words of a name.
const MAX_KEY_WORDS: usize = 6;

/// The mandates to an actor the registry lacks, by the words printed: "International Olympic
/// Committee" in "the International Olympic Committee and ..."; "countries of the Middle East
/// region" as "all countries of the region"; "Chair of the Ad Hoc Committee on the Indian
/// Ocean" as the chair of a registry body, printed "the Chair of the Ad Hoc Committee".
fn unregistered(
    lookup: &mut lookup::Lookup<'_>,
    knowledge: &Knowledge,
    name: &str,
    graph: Option<&NamedNode>,
) -> Result<Vec<Row>, RequestsError> {
    let wanted = actor_words(name);
    let folded = normalize(name);
    // "<role> of <registry actor>": the role's words printed with the actor.
    let role_of = folded.match_indices(" of ").find_map(|(at, _)| {
        let actor = knowledge.find_actor(&folded[at + 4..])?;
        Some((actor.iri.as_str().to_string(), actor_words(&folded[..at])))
    });
    let by_words = |phrase: &str| {
        contains_phrase(&normalize(phrase), &folded)
            || (!wanted.is_empty() && wanted.is_subset(&actor_words(phrase)))
            || segments(phrase)
                .iter()
                .any(|s| s.len() >= 2 && s.is_subset(&wanted))
    };
    let role_printed = |phrase: &str| {
        role_of
            .as_ref()
            .is_some_and(|(_, role)| !role.is_empty() && role.is_subset(&actor_words(phrase)))
    };
    let mut rows =
        lookup.printed_where(graph, |phrase| by_words(phrase) || role_printed(phrase))?;
    for r in &mut rows {
        lookup.complete(r)?;
    }
    Ok(rows
        .into_iter()
        .filter(|r| {
            let by_role = role_of.as_ref().is_some_and(|(iri, _)| {
                role_printed(&r.addressee) && r.addressees.split(' ').any(|a| a == iri)
            });
            by_words(&r.addressee) || by_role
        })
        .collect())
}

/// Whether `haystack` holds `needle` as whole words (both normalized).
fn contains_phrase(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// The rows that answer, grouped by paragraph in document order, each with why it answers.
fn answers(mut rows: Vec<(Row, Option<TopicMatch>)>) -> Vec<Hit> {
    rows.sort_by(|(a, _), (b, _)| (&a.graph, a.start).cmp(&(&b.graph, b.start)));
    let mut hits: Vec<Hit> = Vec::new();
    for (row, topic) in rows {
        let part = (!row.part.is_empty()).then(|| row.part.clone());
        if let Some(hit) = hits.iter_mut().find(|h| h.iri == row.paragraph) {
            if !hit.verb.split("; ").any(|v| v == row.verb) {
                hit.verb = format!("{}; {}", hit.verb, row.verb);
            }
            match part {
                Some(p) if !hit.why.parts.contains(&p) => hit.why.parts.push(p),
                _ => {}
            }
            if let (Some(new), Some(old)) = (&topic, &hit.why.topic)
                && new.by < old.by
            {
                hit.why.topic = topic;
            }
            continue;
        }
        hits.push(Hit {
            document: row.display,
            document_iri: row.graph,
            number: row.number,
            section: row.section,
            iri: row.paragraph,
            verb: row.verb.clone(),
            text: row.text,
            why: Why {
                addressee: row.addressee,
                verb: row.verb,
                parts: part.into_iter().collect(),
                topic,
            },
        });
    }
    hits
}

/// How a document is shown: its symbol; without one, its body, session and title.
fn display_name(symbol: &str, body: &str, session: &str, title: &str, iri: &str) -> String {
    if !symbol.is_empty() {
        return symbol.to_string();
    }
    let head: Vec<&str> = [body, session]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    let title: String = if title.chars().count() > 60 {
        format!("{}…", title.chars().take(59).collect::<String>().trim_end())
    } else {
        title.to_string()
    };
    match (head.is_empty(), title.is_empty()) {
        (true, true) => iri.to_string(),
        (true, false) => title,
        (false, true) => head.join(", "),
        (false, false) => format!("{}: {title}", head.join(", ")),
    }
}

/// The graph of the document `name`: a symbol, an IRI, or its source file (the graph keeps
/// the file's name, not its path: a path is matched by its last component).
pub fn find_document(store: &GraphStore, name: &str) -> Result<NamedNode, RequestsError> {
    let wanted = name.trim();
    let unknown = || RequestsError::UnknownDocument(name.into());
    if let Ok(iri) = NamedNode::new(wanted.trim_start_matches('<').trim_end_matches('>'))
        && store.has_graph(&iri)?
    {
        return Ok(iri);
    }
    // By symbol: the document's own graph states its symbol (cited documents' symbols are
    // stated in the graphs that cite them).
    let symbol = Literal::new_simple_literal(crate::symbol::undocs_form(wanted));
    let own = store
        .subjects_of(rg::UNDOCS_SYMBOL, symbol.as_ref().into(), None)?
        .into_iter()
        .find(|(doc, graph)| doc == graph);
    if let Some((doc, _)) = own {
        return Ok(doc);
    }
    // By the source's file name (the graph keeps the name, not the path), or its stem.
    let file_name = std::path::Path::new(wanted)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(wanted);
    let vocabulary = NamedNode::new_unchecked(crate::iri::VOCABULARY_GRAPH);
    for label in [
        file_name.to_string(),
        format!("{wanted}.txt"),
        format!("{wanted}.md"),
    ] {
        let label = Literal::new_simple_literal(label);
        let found = store.subjects_of(rdfs::LABEL, label.as_ref().into(), None)?;
        if let Some((_, graph)) = found.into_iter().find(|(_, g)| *g != vocabulary) {
            return Ok(graph);
        }
    }
    Err(unknown())
}
