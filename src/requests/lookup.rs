//! The mandates that ask an actor, read from the store by index lookups, never a scan.
//!
//! ```text
//! actor IRI ──(?, rg:addressee, actor)──▶ mandates ──(mandate, ?, ?)──▶ verb, action, topics
//! name keys ──(?, rg:addresseeKey, key)─▶ mandates         │
//!                                                         ▼ once per document
//!                                         (document, ?, ?) ──▶ symbol, title, subject
//! answers only: (?, rg:mandate, m) ──rg:isPartOf*──▶ operative paragraph ──▶ text, number
//! ```
//!
//! Each arrow is one lookup in one of Oxigraph's quad indexes (POS from a bound object,
//! SPO from a bound subject), so the cost grows with the mandates that ask the actor, not
//! with the store. Whether a verb asks for action comes from the knowledge in memory; the
//! paragraph of a mandate is looked up only for the mandates that answer the topic.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use oxigraph::model::{NamedNode, NamedNodeRef, Term, TermRef};

use super::{RequestsError, Row, display_name};
use crate::knowledge::Knowledge;
use crate::store::{GraphStore, StoreError};
use crate::vocab::{dcterms, rdf, rg};

/// Reads mandates and their documents (each document's context and display once).
pub(super) struct Lookup<'a> {
    store: &'a GraphStore,
    knowledge: &'a Knowledge,
    /// The verb lemmas of the asking categories.
    asking: HashSet<String>,
    /// Each document as shown (its symbol, else body, session and title).
    displays: HashMap<NamedNode, String>,
    /// Each document's subjects and title.
    contexts: HashMap<NamedNode, Context>,
    /// Mandates already read (a mandate may ask two of the actors meant).
    seen: HashSet<(NamedNode, NamedNode)>,
    /// When to give up (`--timeout`), and the timeout it came from.
    deadline: Option<(Instant, Duration)>,
}

/// What a document is about, for the mandates in it that name no topic of their own.
#[derive(Clone, Default)]
struct Context {
    title: String,
    subjects: String,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(
        store: &'a GraphStore,
        knowledge: &'a Knowledge,
        timeout: Option<Duration>,
    ) -> Self {
        // The lemmas of the categories marked `rg:asking` in data/verbs.ttl.
        let asking = knowledge
            .verb_forms
            .values()
            .filter(|v| v.asking)
            .map(|v| v.iri.as_str().to_string())
            .collect();
        Self {
            store,
            knowledge,
            asking,
            displays: HashMap::new(),
            contexts: HashMap::new(),
            seen: HashSet::new(),
            deadline: timeout.map(|t| (Instant::now() + t, t)),
        }
    }

    /// An error once the deadline has passed.
    fn check_time(&self) -> Result<(), RequestsError> {
        match self.deadline {
            Some((at, t)) if Instant::now() > at => Err(StoreError::Timeout(t.as_secs()).into()),
            _ => Ok(()),
        }
    }

    /// The asking mandates whose `rg:addressee` is `actor` (in `graph`, when given).
    pub(super) fn addressed_to(
        &mut self,
        actor: &NamedNode,
        graph: Option<&NamedNode>,
    ) -> Result<Vec<Row>, RequestsError> {
        let found =
            self.store
                .subjects_of(rg::ADDRESSEE, TermRef::NamedNode(actor.as_ref()), graph)?;
        self.rows(found)
    }

    /// The asking mandates with one of the `rg:addresseeKey`s `keys`.
    pub(super) fn by_keys(
        &mut self,
        keys: &[String],
        graph: Option<&NamedNode>,
    ) -> Result<Vec<Row>, RequestsError> {
        let mut found = Vec::new();
        for key in keys {
            let literal = oxigraph::model::Literal::new_simple_literal(key);
            found.extend(self.store.subjects_of(
                rg::ADDRESSEE_KEY,
                TermRef::Literal(literal.as_ref()),
                graph,
            )?);
        }
        self.rows(found)
    }

    /// The asking mandates whose addressees as printed pass `keep` (in `graph`, when
    /// given). This one reads every printed addressee, for names the registry lacks; the
    /// mandates are read only for the phrases kept.
    pub(super) fn printed_where(
        &mut self,
        graph: Option<&NamedNode>,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<Row>, RequestsError> {
        let found = self
            .store
            .statements_of(rg::ADDRESSEE_PHRASE, graph)?
            .into_iter()
            .filter(|(_, phrase, _)| keep(&term_text(phrase)))
            .map(|(mandate, _, graph)| (mandate, graph))
            .collect();
        self.rows(found)
    }

    fn rows(&mut self, found: Vec<(NamedNode, NamedNode)>) -> Result<Vec<Row>, RequestsError> {
        let mut rows = Vec::new();
        for (mandate, graph) in found {
            self.check_time()?;
            if self.seen.insert((mandate.clone(), graph.clone())) {
                rows.extend(self.mandate(&mandate, &graph)?);
            }
        }
        Ok(rows)
    }

    /// A mandate's rows (one per action it states), if its verb asks for action, with what
    /// the topic is matched against; the rest waits for [`Lookup::complete`]. Each property
    /// is looked up on its own, the verb first: a lookup turns every term of the
    /// statements it finds back into text, so reading all of a mandate's statements would
    /// cost four times as much.
    fn mandate(
        &mut self,
        mandate: &NamedNode,
        graph: &NamedNode,
    ) -> Result<Vec<Row>, RequestsError> {
        let texts = |p| self.texts(mandate, p, graph);
        let asks = texts(rg::VERB)?.iter().any(|l| self.asking.contains(l));
        let is_mandate = || {
            self.store
                .states(mandate, rdf::TYPE, TermRef::NamedNode(rg::MANDATE), graph)
        };
        if !asks || !is_mandate()? {
            return Ok(Vec::new());
        }
        let phrase = self.first_text(mandate, rg::ADDRESSEE_PHRASE, graph)?;
        let mut actions = texts(rg::ACTION)?;
        let mut topics = BTreeSet::new();
        for p in [rg::TOPIC_PROP, rg::CONCERNS, rg::ACTIVITY] {
            topics.extend(texts(p)?);
        }
        let context = self.context(graph)?;
        if actions.is_empty() {
            actions.push(String::new());
        }
        let topics = topics.into_iter().collect::<Vec<_>>().join(" ");
        Ok(actions
            .into_iter()
            .map(|action| Row {
                graph: graph.as_str().to_string(),
                mandate: mandate.as_str().to_string(),
                addressee: phrase.clone(),
                action,
                topics: topics.clone(),
                subjects: context.subjects.clone(),
                title: context.title.clone(),
                ..Row::default()
            })
            .collect())
    }

    /// Completes a row that answers: its verb as printed, its addressees and its document
    /// as shown.
    pub(super) fn complete(&mut self, row: &mut Row) -> Result<(), RequestsError> {
        if !row.display.is_empty() {
            return Ok(());
        }
        let graph = NamedNode::new_unchecked(row.graph.as_str());
        let mandate = NamedNode::new_unchecked(row.mandate.as_str());
        row.verb = self.first_text(&mandate, rg::VERB_PHRASE, &graph)?;
        let mut addressees = self.texts(&mandate, rg::ADDRESSEE, &graph)?;
        addressees.sort();
        row.addressees = addressees.join(" ");
        row.display = self.display(&graph)?;
        Ok(())
    }

    /// What a document is about, for mandates that name no topic of their own: its
    /// subjects and title, read once per document.
    fn context(&mut self, graph: &NamedNode) -> Result<Context, RequestsError> {
        if let Some(c) = self.contexts.get(graph) {
            return Ok(c.clone());
        }
        let mut subjects = self.texts(graph, dcterms::SUBJECT, graph)?;
        subjects.sort();
        let context = Context {
            title: self.first_text(graph, rg::TITLE, graph)?,
            subjects: subjects.join(" "),
        };
        self.contexts.insert(graph.clone(), context.clone());
        Ok(context)
    }

    /// How the document whose graph is `graph` is shown: its symbol, else its body,
    /// session and title; read once per document.
    fn display(&mut self, graph: &NamedNode) -> Result<String, RequestsError> {
        if let Some(d) = self.displays.get(graph) {
            return Ok(d.clone());
        }
        let mut symbols = self.texts(graph, rg::SYMBOL, graph)?;
        symbols.sort();
        let issuer = self.first_text(graph, rg::ISSUED_BY, graph)?;
        let body = self
            .knowledge
            .actors
            .iter()
            .find(|a| a.iri.as_str() == issuer)
            .map(|a| a.acronyms.first().unwrap_or(&a.name).clone())
            .unwrap_or_default();
        let session = self.first_text(graph, rg::SESSION, graph)?;
        let title = self.context(graph)?.title;
        let symbol = symbols.into_iter().next().unwrap_or_default();
        let display = display_name(&symbol, &body, &session, &title, graph.as_str());
        self.displays.insert(graph.clone(), display.clone());
        Ok(display)
    }

    /// The objects of `(subject, predicate, ?)` in `graph` as text (one lookup).
    fn texts(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: &NamedNode,
    ) -> Result<Vec<String>, RequestsError> {
        let objects = self.store.objects(subject, predicate, graph)?;
        Ok(objects.iter().map(term_text).collect())
    }

    /// The first object of `(subject, predicate, ?)` as text, empty when there is none.
    fn first_text(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: &NamedNode,
    ) -> Result<String, RequestsError> {
        Ok(self
            .texts(subject, predicate, graph)?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// Fills in the operative paragraph that holds the row's mandate (through its
    /// sub-paragraphs), its number, section, text and place; `false` when the mandate
    /// stands in no operative paragraph (a preambular one).
    pub(super) fn locate(&self, row: &mut Row) -> Result<bool, RequestsError> {
        let graph = NamedNode::new_unchecked(row.graph.as_str());
        let mandate = NamedNode::new_unchecked(row.mandate.as_str());
        let parts = self.store.subjects_of(
            rg::MANDATE_PROP,
            TermRef::NamedNode(mandate.as_ref()),
            Some(&graph),
        )?;
        let Some((part, _)) = parts.into_iter().next() else {
            return Ok(false);
        };
        let mut node = part.clone();
        // Sub-paragraphs nest a few levels at most (the parser keeps eight).
        for _ in 0..10 {
            let props = self.store.properties(&node, &graph)?;
            let is_operative = props.iter().any(|(p, o)| {
                p.as_ref() == rdf::TYPE
                    && matches!(o, Term::NamedNode(n) if n.as_ref() == rg::OPERATIVE_PARAGRAPH)
            });
            if is_operative {
                self.fill_paragraph(row, &node, &props, &graph)?;
                if node != part {
                    row.part = self.number_of(&part, &graph)?;
                }
                return Ok(true);
            }
            let parent = props.iter().find_map(|(p, o)| match o {
                Term::NamedNode(n) if p.as_ref() == rg::IS_PART_OF => Some(n.clone()),
                _ => None,
            });
            match parent {
                Some(parent) => node = parent,
                None => return Ok(false),
            }
        }
        Ok(false)
    }

    fn fill_paragraph(
        &self,
        row: &mut Row,
        paragraph: &NamedNode,
        props: &[(NamedNode, Term)],
        graph: &NamedNode,
    ) -> Result<(), RequestsError> {
        row.paragraph = paragraph.as_str().to_string();
        for (p, o) in props {
            let p = p.as_ref();
            if p == rg::TEXT {
                row.text = term_text(o);
            } else if p == rg::NUMBER {
                row.number = term_text(o);
            } else if p == rg::CHAR_START {
                row.start = term_text(o).parse().unwrap_or(0);
            } else if p == rg::IS_PART_OF
                && let Term::NamedNode(section) = o
                && self.is_section(section, graph)?
            {
                row.section = self.number_of(section, graph)?;
            }
        }
        Ok(())
    }

    fn is_section(&self, node: &NamedNode, graph: &NamedNode) -> Result<bool, RequestsError> {
        Ok(self.store.properties(node, graph)?.iter().any(|(p, o)| {
            p.as_ref() == rdf::TYPE && matches!(o, Term::NamedNode(n) if n.as_ref() == rg::SECTION)
        }))
    }

    fn number_of(&self, node: &NamedNode, graph: &NamedNode) -> Result<String, RequestsError> {
        Ok(self
            .store
            .properties(node, graph)?
            .iter()
            .find(|(p, _)| p.as_ref() == rg::NUMBER)
            .map(|(_, o)| term_text(o))
            .unwrap_or_default())
    }
}

/// The text of a term as the rows keep it: an IRI's string, a literal's value.
fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}
