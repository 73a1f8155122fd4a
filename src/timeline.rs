//! Mandates over time. `resograph timeline`: the establishment, extensions, renewals and
//! termination of a body's mandate, in date order, from the `rg:lifecycle` statements of
//! every document in the store (see [`crate::extract::lifecycle`]); it runs the canned query
//! `queries/timeline.rq` with the entity's IRI bound. `resograph reports`: the reporting
//! duties ([`crate::extract::reporting`]), from `queries/reports.rq`. And the histories
//! that link each change to the one before it ([`link_histories`]).

use std::time::{Duration, Instant};

use std::collections::{BTreeSet, HashMap, HashSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, Quad, Term, TermRef};
use serde::Serialize;

use crate::knowledge::Knowledge;
use crate::store::{Answer, GraphStore, StoreError};
use crate::vocab::{rg, skos};

/// One change to the mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The document's symbol, else its IRI.
    pub document: String,
    /// The document's IRI.
    pub document_iri: String,
    /// The operative paragraph's number as printed, else its position.
    pub number: String,
    /// The sub-paragraph as printed ("b"), when the change stands in one.
    pub subparagraph: Option<String>,
    /// The adoption date, YYYY-MM-DD.
    pub date: Option<String>,
    /// "establish", "extend", "renew" or "terminate".
    pub kind: String,
    /// The last day of the mandate as this change sets it, YYYY-MM-DD.
    pub until: Option<String>,
    /// Whether `until` is counted from the adoption date (only a period was printed).
    pub until_computed: bool,
    /// The period granted, as `xsd:duration` ("P6M").
    pub period: Option<String>,
    /// The directive's IRI.
    pub directive: String,
    /// The operative paragraph's text.
    pub text: String,
}

/// Why there is no timeline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TimelineError {
    /// The entity is not in the actor registry.
    #[error("{name:?} is not in the actor registry (data/actors.ttl) nor a body the store's documents establish{}", crate::requests::suggest(.suggestions))]
    NotFound {
        /// The name asked for.
        name: String,
        /// The closest registry names.
        suggestions: Vec<String>,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The changes to the mandate of `entity` (an acronym, name, alias or IRI of the registry).
pub fn timeline(
    store: &GraphStore,
    knowledge: &Knowledge,
    entity: &str,
    timeout: Option<Duration>,
) -> Result<Vec<Event>, TimelineError> {
    let iri = match knowledge.find_actor(entity) {
        Some(actor) => actor.iri.clone(),
        None => match grown_actor(store, entity, timeout)? {
            Some(iri) => iri,
            None => return Err(find(knowledge, entity).expect_err("not in the registry")),
        },
    };
    Ok(events_of(store, &iri, timeout)?)
}

/// A body the store's documents established and the registry lacks ([`crate::iri::established_body`]),
/// by its name, its name as printed, or its IRI's local name ("committee-455").
pub fn grown_actor(
    store: &GraphStore,
    name: &str,
    timeout: Option<Duration>,
) -> Result<Option<NamedNode>, StoreError> {
    let Answer::Rows { rows, .. } = store.query(
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?actor WHERE {
           GRAPH ?g { ?actor rg:establishedIn ?g ; skos:prefLabel|skos:altLabel ?label }
           FILTER(LCASE(STR(?label)) = LCASE(?name)
             || STR(?actor) = CONCAT(\"https://w3id.org/resograph/actor/\", LCASE(?name))
             || STR(?actor) = ?name)
         } ORDER BY ?actor LIMIT 1",
        &[(
            "name".to_string(),
            oxigraph::model::Literal::new_simple_literal(name.trim()).into(),
        )],
        timeout,
        None,
    )?
    else {
        unreachable!("a SELECT");
    };
    Ok(rows
        .into_iter()
        .find_map(|r| match r.into_iter().next().flatten() {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        }))
}

/// The changes to the mandate of the actor `entity`, in date order: what the canned query
/// `queries/timeline.rq` selects, read by index lookups that start from the entity
/// (`(?, rg:lifecycleOf, entity)`) and climb from each directive to its operative paragraph.
/// Oxigraph plans the query from the other end, every operative paragraph of the store
/// (about 2 s an entity at 10,000 documents), and every ingest reads the events of the
/// entities it touched.
fn events_of(
    store: &GraphStore,
    entity: &NamedNode,
    timeout: Option<Duration>,
) -> Result<Vec<Event>, StoreError> {
    let started = Instant::now();
    let vocabulary = NamedNode::new_unchecked(crate::iri::VOCABULARY_GRAPH);
    let mut kinds: HashMap<NamedNode, Option<String>> = HashMap::new();
    let mut headers: HashMap<NamedNode, (Option<String>, Option<String>)> = HashMap::new();
    // Each event with its paragraph's position.
    let mut placed: Vec<(i64, Event)> = Vec::new();
    for (directive, graph) in store.subjects_of(rg::LIFECYCLE_OF, entity.as_ref().into(), None)? {
        if let Some(limit) = timeout
            && started.elapsed() > limit
        {
            return Err(StoreError::Timeout(limit.as_secs()));
        }
        let text_of = |subject: &NamedNode, predicate| -> Result<Option<String>, StoreError> {
            Ok(store
                .objects(subject, predicate, &graph)?
                .first()
                .and_then(term_text))
        };
        let mut lifecycle = Vec::new();
        for term in store.objects(&directive, rg::LIFECYCLE, &graph)? {
            let Term::NamedNode(concept) = term else {
                continue;
            };
            if !kinds.contains_key(&concept) {
                let label = store
                    .objects(&concept, skos::PREF_LABEL, &vocabulary)?
                    .first()
                    .and_then(term_text);
                kinds.insert(concept.clone(), label);
            }
            if let Some(kind) = &kinds[&concept] {
                lifecycle.push(kind.clone());
            }
        }
        if lifecycle.is_empty() {
            continue;
        }
        let until = text_of(&directive, rg::UNTIL)?;
        let until_computed = text_of(&directive, rg::UNTIL_COMPUTED)?.is_some_and(|v| v == "true");
        let period = text_of(&directive, rg::PERIOD)?;
        if !headers.contains_key(&graph) {
            let header = (text_of(&graph, rg::SYMBOL)?, text_of(&graph, rg::DATE)?);
            headers.insert(graph.clone(), header);
        }
        let (symbol, date) = headers[&graph].clone();
        let parts = store.subjects_of(
            rg::DIRECTIVE_PROP,
            TermRef::NamedNode(directive.as_ref()),
            Some(&graph),
        )?;
        for (part, _) in parts {
            let Some(paragraph) = operative_paragraph(store, &part, &graph)? else {
                continue;
            };
            let (Some(position), Some(text)) = (
                text_of(&paragraph, rg::POSITION)?,
                text_of(&paragraph, rg::TEXT)?,
            ) else {
                continue;
            };
            let subparagraph = if part == paragraph {
                None
            } else {
                text_of(&part, rg::NUMBER)?
            };
            let number = text_of(&paragraph, rg::NUMBER)?.unwrap_or_else(|| position.clone());
            for kind in &lifecycle {
                placed.push((
                    position.parse().unwrap_or(0),
                    Event {
                        document: symbol.clone().unwrap_or_else(|| graph.as_str().to_string()),
                        number: number.clone(),
                        subparagraph: subparagraph.clone(),
                        date: date.clone(),
                        kind: kind.clone(),
                        until: until.clone(),
                        until_computed,
                        period: period.clone(),
                        directive: directive.as_str().to_string(),
                        text: text.clone(),
                        document_iri: graph.as_str().to_string(),
                    },
                ));
            }
        }
    }
    // As the query orders them: an unbound date first, positions as numbers.
    placed.sort_by(|(p, a), (q, b)| {
        (&a.date, &a.document_iri, p, &a.directive).cmp(&(
            &b.date,
            &b.document_iri,
            q,
            &b.directive,
        ))
    });
    let mut events: Vec<Event> = placed.into_iter().map(|(_, e)| e).collect();
    // One event per directive (a paragraph reached through two parts is listed once), and
    // one per kind in a document: "Decides to set up ... a Group" and "Also decides that the
    // Group shall be established for a period of six months" are one establishment, for
    // six months.
    events.dedup_by(|later, first| {
        let same = later.directive == first.directive
            || (later.document_iri == first.document_iri && later.kind == first.kind);
        if same && first.until.is_none() && later.until.is_some() {
            first.until = later.until.take();
            first.until_computed = later.until_computed;
            first.period = first.period.take().or(later.period.take());
        }
        same
    });
    Ok(events)
}

/// A reporting duty: who reports, to whom, when, on what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    /// The document's symbol, else its IRI.
    pub document: String,
    /// The adoption date, YYYY-MM-DD.
    pub date: Option<String>,
    /// The operative paragraph's number as printed, else its position.
    pub number: String,
    /// The sub-paragraph as printed, when the duty stands in one.
    pub subparagraph: Option<String>,
    /// Who reports: the addressees' IRIs.
    pub by: Vec<String>,
    /// Who reports, as printed.
    pub by_phrase: Option<String>,
    /// To whom: the organ's IRI.
    pub to: Option<String>,
    /// Due date, YYYY-MM-DD.
    pub due: Option<String>,
    /// Whether `due` was counted from the adoption date ("within thirty days").
    pub due_computed: bool,
    /// The period after adoption ("P30D").
    pub within: Option<String>,
    /// The session at which it is due.
    pub session: Option<u32>,
    /// The year that session opens.
    pub session_year: Option<i32>,
    /// How often ("P1Y").
    pub every: Option<String>,
    /// On what, as printed.
    pub on: Option<String>,
    /// The mandate's IRI.
    pub duty: String,
    /// The operative paragraph's text.
    pub text: String,
}

impl Duty {
    /// Whether the duty falls due before `date`: its due date is earlier, or its session
    /// opens in an earlier year. A duty with neither is not kept.
    pub fn due_before(&self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        match (&self.due, self.session_year) {
            (Some(due), _) => due.as_str() < date.to_string().as_str(),
            (None, Some(year)) => year < date.year(),
            (None, None) => false,
        }
    }
}

/// The reporting duties of the store, in date order: all, or those asked of `by` (an
/// acronym, name, alias or IRI of the registry).
pub fn reports(
    store: &GraphStore,
    knowledge: &Knowledge,
    by: Option<&str>,
    timeout: Option<Duration>,
) -> Result<Vec<Duty>, TimelineError> {
    let actor = by.map(|name| find(knowledge, name)).transpose()?;
    let query = crate::queries::find("reports").expect("the reports query is built in");
    let Answer::Rows {
        variables, rows, ..
    } = store.query(query.text, &[], timeout, None)?
    else {
        unreachable!("the reports query is a SELECT");
    };
    let cells = Cells::new(&variables);
    let mut duties: Vec<Duty> = rows
        .iter()
        .map(|row| {
            let v = |name: &str| cells.get(row, name);
            let document_iri = v("g").unwrap_or_default();
            Duty {
                document: v("symbol").unwrap_or(document_iri),
                date: v("date"),
                number: v("number").or_else(|| v("position")).unwrap_or_default(),
                subparagraph: v("partNumber"),
                by: v("by")
                    .map(|b| b.split_whitespace().map(str::to_string).collect())
                    .unwrap_or_default(),
                by_phrase: v("byPhrase"),
                to: v("to"),
                due: v("due"),
                due_computed: v("dueComputed").is_some_and(|x| x == "true"),
                within: v("within"),
                session: v("session").and_then(|s| s.parse().ok()),
                session_year: v("sessionYear").and_then(|s| s.parse().ok()),
                every: v("every"),
                on: v("on"),
                duty: v("duty").unwrap_or_default(),
                text: v("text").unwrap_or_default(),
            }
        })
        .collect();
    duties.dedup_by(|a, b| a.duty == b.duty);
    if let Some(actor) = actor {
        duties.retain(|d| d.by.iter().any(|b| b == actor.iri.as_str()));
    }
    Ok(duties)
}

/// One mandate of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registered {
    /// The document's symbol, else its IRI.
    pub document: String,
    /// The document's IRI.
    pub document_iri: String,
    /// The adoption date, YYYY-MM-DD.
    pub date: Option<String>,
    /// The body that adopted it (IRI).
    pub body: Option<String>,
    /// The operative paragraph's number as printed, else its position.
    pub number: String,
    /// The sub-paragraph as printed, when the mandate stands in one.
    pub subparagraph: Option<String>,
    /// The verb as printed.
    pub verb: String,
    /// The addressees (IRIs).
    pub addressees: Vec<String>,
    /// The addressees as printed.
    pub addressee_phrase: Option<String>,
    /// Kinds of activity (IRIs).
    pub activities: Vec<String>,
    /// Topics (IRIs).
    pub topics: Vec<String>,
    /// A report's due date, YYYY-MM-DD.
    pub report_due: Option<String>,
    /// The session a report is due at.
    pub report_session: Option<u32>,
    /// The end date the mandate sets (of its own or of the entity it extends).
    pub until: Option<String>,
    /// What it does to a mandate: "establish", "extend", "renew", "terminate".
    pub lifecycle: Option<String>,
    /// Whose mandate it changes (IRI).
    pub entity: Option<String>,
    /// The earlier change it extends or renews (IRI).
    pub extends: Option<String>,
    /// The earlier mandate to the same addressee that it asks again (IRI; see
    /// [`crate::repeats`]).
    pub repeats: Option<String>,
    /// Whether its document provides for review or termination: a review clause, an end
    /// date or a termination.
    pub review_or_end: bool,
    /// The mandate's IRI.
    pub mandate: String,
}

/// The mandate registry: every mandate of the store (or those asked of `to`), in date
/// order.
pub fn mandates(
    store: &GraphStore,
    knowledge: &Knowledge,
    to: Option<&str>,
    timeout: Option<Duration>,
) -> Result<Vec<Registered>, TimelineError> {
    let actor = to.map(|name| find(knowledge, name)).transpose()?;
    let Answer::Rows { rows, .. } = store.query(
        crate::queries::find("review-provisions")
            .expect("built in")
            .text,
        &[],
        timeout,
        None,
    )?
    else {
        unreachable!("a SELECT");
    };
    let provided: HashSet<String> = rows
        .into_iter()
        .filter_map(|r| match r.into_iter().next().flatten() {
            Some(Term::NamedNode(n)) => Some(n.into_string()),
            _ => None,
        })
        .collect();
    // The chains of changes, from the history graphs, and the earlier mandates each repeats,
    // from the repeats graphs (one per addressee: of two, the first in IRI order).
    let extends = earlier_of(store, rg::EXTENDS)?;
    let repeats = earlier_of(store, rg::REPEATS)?;
    let query = crate::queries::find("mandates").expect("the mandates query is built in");
    let Answer::Rows {
        variables, rows, ..
    } = store.query(query.text, &[], timeout, None)?
    else {
        unreachable!("the mandates query is a SELECT");
    };
    let cells = Cells::new(&variables);
    let list = |s: Option<String>| -> Vec<String> {
        s.map(|s| s.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut out: Vec<Registered> = rows
        .iter()
        .map(|row| {
            let v = |name: &str| cells.get(row, name);
            let g = v("g").unwrap_or_default();
            Registered {
                document: v("symbol").unwrap_or_else(|| g.clone()),
                document_iri: g.clone(),
                date: v("date"),
                body: v("issuer"),
                number: v("number").or_else(|| v("position")).unwrap_or_default(),
                subparagraph: v("partNumber"),
                verb: v("verb").unwrap_or_default(),
                addressees: list(v("addressees")),
                addressee_phrase: v("addresseePhrase"),
                activities: list(v("activities")),
                topics: list(v("topics")),
                report_due: v("due"),
                report_session: v("session").and_then(|s| s.parse().ok()),
                until: v("until"),
                lifecycle: v("kind"),
                entity: v("entity"),
                extends: v("mandate").and_then(|m| extends.get(&m).cloned()),
                repeats: v("mandate").and_then(|m| repeats.get(&m).cloned()),
                review_or_end: provided.contains(&g),
                mandate: v("mandate").unwrap_or_default(),
            }
        })
        .collect();
    out.dedup_by(|a, b| a.mandate == b.mandate);
    if let Some(actor) = actor {
        out.retain(|m| m.addressees.iter().any(|a| a == actor.iri.as_str()));
    }
    Ok(out)
}

/// The actor of the registry that `name` names, or [`TimelineError::NotFound`].
fn find<'k>(
    knowledge: &'k Knowledge,
    name: &str,
) -> Result<&'k crate::knowledge::Actor, TimelineError> {
    knowledge
        .find_actor(name)
        .ok_or_else(|| TimelineError::NotFound {
            name: name.to_string(),
            suggestions: crate::requests::closest_names(knowledge, name, 3),
        })
}

/// The cells of a SELECT answer by variable name, as text.
pub(crate) struct Cells<'a> {
    variables: &'a [String],
}

impl<'a> Cells<'a> {
    pub(crate) fn new(variables: &'a [String]) -> Self {
        Self { variables }
    }

    /// The cell of `row` under `name`: a literal's value or an IRI.
    pub(crate) fn get(&self, row: &[Option<Term>], name: &str) -> Option<String> {
        let i = self.variables.iter().position(|v| v == name)?;
        match row.get(i)?.as_ref()? {
            Term::Literal(l) => Some(l.value().to_string()),
            Term::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        }
    }
}

/// Every `later predicate earlier` link between IRIs in the store, one range of the
/// predicate's index: later -> earlier (the first in IRI order when there are several).
fn earlier_of(
    store: &GraphStore,
    predicate: oxigraph::model::NamedNodeRef<'_>,
) -> Result<HashMap<String, String>, StoreError> {
    let mut out: HashMap<String, String> = HashMap::new();
    for (later, earlier, _) in store.statements_of(predicate, None)? {
        if let Term::NamedNode(earlier) = earlier {
            let earlier = earlier.into_string();
            out.entry(later.into_string())
                .and_modify(|e| {
                    if earlier < *e {
                        e.clone_from(&earlier);
                    }
                })
                .or_insert(earlier);
        }
    }
    Ok(out)
}

/// Rebuilds the mandate histories of the store from the lifecycle statements of all its
/// documents, one graph per entity ([`crate::iri::history_graph`]), each replaced whole:
/// a change that extends or renews links to the change before it (`rg:extends`), the
/// entity to the changes that established and terminated it (`rg:establishedBy`,
/// `rg:terminatedBy`). Returns the number of links.
pub fn link_histories(store: &GraphStore) -> Result<usize, StoreError> {
    link_histories_of(store, None)
}

/// Rebuilds the histories of `entities`, all of the store's when `None` (see
/// [`link_histories`]). An entity's history depends only on the changes to it, so after an
/// ingest only the entities its documents change (new and replaced) need it, and a
/// document added later, or older than those in the store, takes its place in the chain.
/// Returns the number of links of the entities rebuilt.
pub fn link_histories_of(
    store: &GraphStore,
    only: Option<&BTreeSet<NamedNode>>,
) -> Result<usize, StoreError> {
    let entities: Vec<NamedNode> = match only {
        None => store.objects_of_predicate(rg::LIFECYCLE_OF)?,
        Some(entities) => entities.iter().cloned().collect(),
    };
    // Each entity's changes are read by its own lookups: on every core.
    let histories = crate::store::on_every_core(&entities, |e| events_of(store, e, None))?;
    let mut graphs: Vec<(NamedNode, Vec<Quad>)> = Vec::new();
    let mut links = 0;
    for (entity, events) in entities.iter().zip(histories) {
        let graph = crate::iri::history_graph(entity);
        let node = |e: &Event| NamedNode::new_unchecked(e.directive.clone());
        let mut quads = Vec::new();
        let mut previous: Option<&Event> = None;
        for e in &events {
            let link = match e.kind.as_str() {
                "establish" => Some((entity.clone(), rg::ESTABLISHED_BY, node(e))),
                "terminate" => Some((entity.clone(), rg::TERMINATED_BY, node(e))),
                _ => previous.map(|p| (node(e), rg::EXTENDS, node(p))),
            };
            if let Some((s, p, o)) = link {
                quads.push(Quad::new(s, p, o, graph.clone()));
            }
            if e.kind != "terminate" {
                previous = Some(e);
            }
        }
        links += quads.len();
        graphs.push((graph, quads));
    }
    if only.is_none() {
        // Entities that lost their last change (a document re-ingested without it).
        let kept: HashSet<NamedNode> = graphs.iter().map(|(g, _)| g.clone()).collect();
        for g in store.graphs()? {
            if g.as_str().starts_with(crate::iri::HISTORY_GRAPH_BASE) && !kept.contains(&g) {
                graphs.push((g, Vec::new()));
            }
        }
    }
    store.replace_graphs(graphs)?;
    Ok(links)
}

/// The operative paragraph that holds `part` (itself, or the paragraph above its
/// sub-paragraphs), climbing `rg:isPartOf`: a lookup or two a level.
pub(crate) fn operative_paragraph(
    store: &GraphStore,
    part: &NamedNode,
    graph: &NamedNode,
) -> Result<Option<NamedNode>, StoreError> {
    let operative = TermRef::NamedNode(rg::OPERATIVE_PARAGRAPH);
    let mut node = part.clone();
    // Sub-paragraphs nest a few levels at most (the parser keeps eight).
    for _ in 0..10 {
        if store.states(&node, rdf::TYPE, operative, graph)? {
            return Ok(Some(node));
        }
        match store
            .objects(&node, rg::IS_PART_OF, graph)?
            .into_iter()
            .next()
        {
            Some(Term::NamedNode(parent)) => node = parent,
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// A literal's value or an IRI, as the timeline prints them.
fn term_text(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    }
}
