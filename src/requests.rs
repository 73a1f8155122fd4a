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

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use oxigraph::model::{Literal, NamedNode, Term};
use serde::Serialize;

use crate::extract::normalize;
use crate::knowledge::{Actor, Knowledge};
use crate::store::{Answer, GraphStore, StoreError};

/// One answer: an operative paragraph that asks the actor to act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The document: its symbol, else its body, session and title.
    pub document: String,
    /// The document's IRI.
    pub document_iri: String,
    /// Paragraph number as printed ("13"), empty when unnumbered.
    pub number: String,
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

fn suggest(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("; closest names: {}", names.join(", "))
    }
}

const STOPWORDS: &[&str] = &["of", "the", "and", "in", "on", "for", "to", "a", "an"];

fn content_words(text: &str) -> BTreeSet<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
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

/// What a topic query stands for: concepts (with their labels), an actor as a place, words.
struct Target {
    concepts: BTreeMap<String, String>,
    words: BTreeSet<String>,
    text: String,
}

impl Target {
    fn new(knowledge: &Knowledge, query: &str) -> Self {
        let mut concepts = BTreeMap::new();
        if let Some(i) = topic_concept(knowledge, query) {
            // The concept and its narrower concepts, two levels down.
            let mut level = vec![knowledge.topics[i].iri.clone()];
            for _ in 0..3 {
                let mut next = Vec::new();
                for iri in &level {
                    if let Some(t) = knowledge.topics.iter().find(|t| &t.iri == iri) {
                        concepts.insert(t.iri.as_str().to_string(), t.label.clone());
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
        if let Some(actor) = knowledge.find_actor(query) {
            concepts.insert(actor.iri.as_str().to_string(), actor.name.clone());
        }
        Self {
            concepts,
            words: content_words(query),
            text: query.trim().to_string(),
        }
    }

    /// The best match of this target among a mandate's topics, its words and its document's
    /// subjects.
    fn matches(&self, topics: &str, action: &str, subjects: &str) -> Option<TopicMatch> {
        let concept = |list: &str, by: MatchKind| {
            list.split(' ')
                .find_map(|iri| self.concepts.get_key_value(iri))
                .map(|(iri, label)| TopicMatch {
                    by,
                    concept: Some(iri.clone()),
                    label: label.clone(),
                })
        };
        concept(topics, MatchKind::Concept)
            .or_else(|| {
                let have = content_words(action);
                (!self.words.is_empty() && self.words.is_subset(&have)).then(|| TopicMatch {
                    by: MatchKind::Words,
                    concept: None,
                    label: self.text.clone(),
                })
            })
            .or_else(|| concept(subjects, MatchKind::Context))
    }
}

/// The actors a question about `actor` means: itself, the actors close to it, and the groups
/// narrower than those (named subsets only when `narrower`).
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

/// One row of the candidate query.
struct Row {
    graph: String,
    display: String,
    paragraph: String,
    number: String,
    part: String,
    verb: String,
    addressee: String,
    action: String,
    text: String,
    topics: String,
    subjects: String,
}

/// Answers the question.
pub fn ask(
    store: &GraphStore,
    knowledge: &Knowledge,
    question: &Question<'_>,
    timeout: Option<Duration>,
) -> Result<Vec<Hit>, RequestsError> {
    let graph = match question.document {
        Some(d) => Some(find_document(store, d, timeout)?),
        None => None,
    };
    let rows = match knowledge.find_actor(question.actor) {
        Some(actor) => {
            let mut rows = Vec::new();
            for a in actors_meant(knowledge, actor, question.narrower) {
                let params = vec![("addressee".to_string(), Term::from(a.iri.clone()))];
                rows.extend(candidates(
                    store,
                    knowledge,
                    params,
                    graph.as_ref(),
                    timeout,
                )?);
            }
            rows
        }
        None => {
            let phrase = normalize(question.actor);
            let params = vec![(
                "phrase".to_string(),
                Term::from(Literal::new_simple_literal(question.actor.trim())),
            )];
            let rows: Vec<Row> = candidates(store, knowledge, params, graph.as_ref(), timeout)?
                .into_iter()
                .filter(|r| contains_phrase(&normalize(&r.addressee), &phrase))
                .collect();
            if rows.is_empty() {
                return Err(RequestsError::NotFound {
                    name: question.actor.to_string(),
                    suggestions: closest_names(knowledge, question.actor, 3),
                });
            }
            rows
        }
    };
    let target = question.topic.map(|t| Target::new(knowledge, t));
    Ok(answers(rows, target.as_ref()))
}

/// Whether `haystack` holds `needle` as whole words (both normalized).
fn contains_phrase(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// The rows, grouped by paragraph in document order, each with why it answers.
fn answers(mut rows: Vec<Row>, target: Option<&Target>) -> Vec<Hit> {
    rows.sort_by(|a, b| a.graph.cmp(&b.graph));
    let mut hits: Vec<Hit> = Vec::new();
    for row in rows {
        let topic = match target {
            Some(t) => match t.matches(&row.topics, &row.action, &row.subjects) {
                Some(m) => Some(m),
                None => continue,
            },
            None => None,
        };
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

/// Runs the candidate query with `params` (and the document graph, if any).
fn candidates(
    store: &GraphStore,
    knowledge: &Knowledge,
    mut params: Vec<(String, Term)>,
    graph: Option<&NamedNode>,
    timeout: Option<Duration>,
) -> Result<Vec<Row>, RequestsError> {
    if let Some(g) = graph {
        params.push(("g".into(), Term::from(g.clone())));
    }
    let query = crate::queries::find("mandates-to-actor").expect("built-in query");
    let Answer::Rows {
        variables, rows, ..
    } = store.query(query.text, &params, timeout, None)?
    else {
        return Ok(Vec::new());
    };
    let col = |name: &str| variables.iter().position(|v| v == name);
    let mut out = Vec::new();
    for row in &rows {
        let value = |name: &str| -> String {
            match col(name).and_then(|i| row[i].as_ref()) {
                Some(Term::Literal(l)) => l.value().to_string(),
                Some(Term::NamedNode(n)) => n.as_str().to_string(),
                Some(other) => other.to_string(),
                None => String::new(),
            }
        };
        let issuer = value("issuer");
        let body = knowledge
            .actors
            .iter()
            .find(|a| a.iri.as_str() == issuer)
            .map(|a| a.acronyms.first().unwrap_or(&a.name).clone())
            .unwrap_or_default();
        out.push(Row {
            display: display_name(
                &value("symbol"),
                &body,
                &value("session"),
                &value("title"),
                &value("g"),
            ),
            graph: value("g"),
            paragraph: value("paragraph"),
            number: value("number"),
            part: value("partNumber"),
            verb: value("verb"),
            addressee: value("addresseePhrase"),
            action: value("action"),
            text: value("text"),
            topics: value("topics"),
            subjects: value("subjects"),
        });
    }
    Ok(out)
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

/// The graph of the document `name`: a symbol, an IRI, or (the end of) its source file path.
pub fn find_document(
    store: &GraphStore,
    name: &str,
    timeout: Option<Duration>,
) -> Result<NamedNode, RequestsError> {
    let query = "PREFIX rg: <https://w3id.org/resograph/ontology#>\n\
                 SELECT ?g ?symbol ?file WHERE { GRAPH ?g { ?g rg:sourceFile ?file OPTIONAL { ?g rg:symbol ?symbol } } }";
    let Answer::Rows { rows, .. } = store.query(query, &[], timeout, None)? else {
        return Err(RequestsError::UnknownDocument(name.into()));
    };
    let wanted = name.trim();
    let canonical = crate::iri::canonical_symbol(wanted);
    let text = |t: &Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        _ => String::new(),
    };
    for row in &rows {
        let (g, symbol, file) = (text(&row[0]), text(&row[1]), text(&row[2]));
        let stem = std::path::Path::new(&file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if g == wanted
            || (!symbol.is_empty() && crate::iri::canonical_symbol(&symbol) == canonical)
            || file == wanted
            || file.ends_with(&format!("/{wanted}"))
            || stem == wanted
        {
            return NamedNode::new(g).map_err(|_| RequestsError::UnknownDocument(name.into()));
        }
    }
    Err(RequestsError::UnknownDocument(name.into()))
}
