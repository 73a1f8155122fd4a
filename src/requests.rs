//! The question users ask most: which paragraphs request ACTOR to act on TOPIC?
//!
//! Answered by the canned query `queries/requests-to-actor-on-topic.rq`, with the actor and
//! the topic bound as parameters. Before binding, the actor is resolved through the actor
//! registry (acronym, name, alias or IRI) and the topic through the topic scheme, tolerant of
//! case, plurals, hyphens and word order ("terrorist-financing", "financing terrorism").

use std::collections::BTreeSet;
use std::time::Duration;

use oxigraph::model::{Literal, Term};
use serde::Serialize;

use crate::extract::normalize;
use crate::knowledge::Knowledge;
use crate::store::{Answer, GraphStore, StoreError};

/// One answer: a paragraph that asks the actor to act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Document symbol, or IRI when it has none.
    pub document: String,
    /// Paragraph number as printed ("13", "8 (a)"), empty when unnumbered.
    pub number: String,
    /// Paragraph IRI.
    pub iri: String,
    /// The verb as printed ("Requests", "Also requests").
    pub verb: String,
    /// The paragraph text.
    pub text: String,
}

/// Why the question could not be answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestsError {
    /// The actor is not in the registry.
    #[error(
        "unknown actor {0:?}: not a name, acronym or alias in the actor registry (data/actors.ttl)"
    )]
    UnknownActor(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
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
    let folded = normalize(query);
    let words = content_words(query);
    knowledge
        .topics
        .iter()
        .find(|t| t.phrases.iter().any(|p| normalize(p) == folded))
        .or_else(|| {
            knowledge
                .topics
                .iter()
                .find(|t| !words.is_empty() && t.phrases.iter().any(|p| content_words(p) == words))
        })
        .map(|t| t.label.clone())
}

/// Answers the question. `topic` is free text; `None` lists every mandate to the actor.
pub fn ask(
    store: &GraphStore,
    knowledge: &Knowledge,
    actor: &str,
    topic: Option<&str>,
    timeout: Option<Duration>,
) -> Result<Vec<Hit>, RequestsError> {
    let found = knowledge
        .find_actor(actor)
        .ok_or_else(|| RequestsError::UnknownActor(actor.to_string()))?;
    // The registry resolved the actor: bind its node too, so the query need not search labels.
    let mut params: Vec<(String, Term)> = vec![
        ("actor".into(), Term::from(found.iri.clone())),
        ("actorNode".into(), Term::from(found.iri.clone())),
    ];
    if let Some(topic) = topic {
        let label = resolve_topic(knowledge, topic).unwrap_or_else(|| topic.trim().to_string());
        params.push(("topic".into(), Literal::new_simple_literal(label).into()));
    }
    let query = crate::queries::find("requests-to-actor-on-topic").expect("built-in query");
    let Answer::Rows {
        variables, rows, ..
    } = store.query(query.text, &params, timeout, None)?
    else {
        return Ok(Vec::new());
    };
    let col = |name: &str| variables.iter().position(|v| v == name);
    let value = |row: &[Option<Term>], name: &str| -> String {
        match col(name).and_then(|i| row[i].as_ref()) {
            Some(Term::Literal(l)) => l.value().to_string(),
            Some(Term::NamedNode(n)) => n.as_str().to_string(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let mut hits: Vec<Hit> = Vec::new();
    for row in &rows {
        let hit = Hit {
            document: value(row, "document"),
            number: value(row, "number"),
            iri: value(row, "paragraph"),
            verb: value(row, "verb"),
            text: value(row, "text"),
        };
        // One line per paragraph: several mandates to the same actor join their verbs.
        if let Some(prev) = hits.iter_mut().find(|h| h.iri == hit.iri) {
            if !prev.verb.split("; ").any(|v| v == hit.verb) {
                prev.verb = format!("{}; {}", prev.verb, hit.verb);
            }
        } else {
            hits.push(hit);
        }
    }
    Ok(hits)
}
