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
    /// What of each mandate's own topics the question needs.
    topics: Topics,
}

/// What of a mandate's own topics (its `rg:topic`, `rg:concerns` and `rg:activity`) a
/// question needs: reading them all was half of the terms a question turned back into text.
#[derive(Debug, Clone)]
pub(super) enum Topics {
    /// Nothing: no topic asked, or one named only by words.
    Skip,
    /// Which of these few IRIs (what the topic names) are among them: a look-up each that
    /// turns nothing into text.
    Probe(Vec<NamedNode>),
    /// All of them: the topic names too many things to probe one by one.
    All,
}

/// The own topics of a mandate are probed for at most this many IRIs (three look-ups
/// each); a topic naming more reads them all.
pub(super) const MAX_PROBED: usize = 8;

/// Mandates read per thread at least: fewer are read on one thread.
const MIN_PER_THREAD: usize = 64;

/// The properties that hold a mandate's own topics.
const TOPIC_PROPS: [NamedNodeRef<'static>; 3] = [rg::TOPIC_PROP, rg::CONCERNS, rg::ACTIVITY];

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
        topics: Topics,
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
            topics,
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

    /// The rows of the mandates `found` not read before, in the order found. The mandates
    /// are read on every core, in runs of consecutive ones (a document's mandates come
    /// together, so each run reads few documents' context): reading is lookups, which wait
    /// on RocksDB and scale with threads.
    fn rows(&mut self, found: Vec<(NamedNode, NamedNode)>) -> Result<Vec<Row>, RequestsError> {
        let fresh: Vec<(NamedNode, NamedNode)> = found
            .into_iter()
            .filter(|f| self.seen.insert(f.clone()))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(fresh.len().div_ceil(MIN_PER_THREAD))
            .max(1);
        let run = fresh.len().div_ceil(threads).max(1);
        let this = &*self;
        let read = |run: &[(NamedNode, NamedNode)]| {
            let mut contexts = HashMap::new();
            let mut rows = Vec::new();
            for (mandate, graph) in run {
                this.check_time()?;
                rows.extend(this.mandate(mandate, graph, &mut contexts)?);
            }
            Ok::<_, RequestsError>((rows, contexts))
        };
        let results: Vec<_> = if threads == 1 {
            vec![read(&fresh)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = fresh
                    .chunks(run)
                    .map(|run| scope.spawn(move || read(run)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            })
        };
        let mut rows = Vec::new();
        for result in results {
            let (run_rows, contexts) = result?;
            rows.extend(run_rows);
            self.contexts.extend(contexts);
        }
        Ok(rows)
    }

    /// A mandate's rows (one per action it states), if its verb asks for action, with what
    /// the topic is matched against; the rest waits for [`Lookup::complete`]. Each property
    /// is looked up on its own, the verb first: a lookup turns every term of the
    /// statements it finds back into text, so reading all of a mandate's statements would
    /// cost four times as much.
    fn mandate(
        &self,
        mandate: &NamedNode,
        graph: &NamedNode,
        contexts: &mut HashMap<NamedNode, Context>,
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
        let context = match contexts.get(graph) {
            Some(c) => c.clone(),
            None => {
                let c = self.read_context(graph)?;
                contexts.insert(graph.clone(), c.clone());
                c
            }
        };
        let (topics, says_what) = self.own_topics(mandate, graph, &context)?;
        if actions.is_empty() {
            actions.push(String::new());
        }
        Ok(actions
            .into_iter()
            .map(|action| Row {
                graph: graph.as_str().to_string(),
                mandate: mandate.as_str().to_string(),
                addressee: phrase.clone(),
                action,
                topics: topics.clone(),
                says_what,
                subjects: context.subjects.clone(),
                title: context.title.clone(),
                ..Row::default()
            })
            .collect())
    }

    /// The mandate's own topics as far as the question needs them (see [`Topics`]), space-
    /// separated, and whether it names what it is about ([`super::says_what_about`]).
    /// Probed, the answer is exact whenever it matters: a mandate with a probed topic of
    /// its own says what it is about; without one, it matters only when its document's
    /// subject has a probed topic, and only then are its topics read, until one says.
    fn own_topics(
        &self,
        mandate: &NamedNode,
        graph: &NamedNode,
        context: &Context,
    ) -> Result<(String, bool), RequestsError> {
        match &self.topics {
            Topics::Skip => Ok((String::new(), false)),
            Topics::All => {
                let mut all = BTreeSet::new();
                for p in TOPIC_PROPS {
                    all.extend(self.texts(mandate, p, graph)?);
                }
                let all: Vec<String> = all.into_iter().collect();
                let says =
                    super::says_what_about(&all.iter().map(String::as_str).collect::<Vec<_>>());
                Ok((all.join(" "), says))
            }
            Topics::Probe(iris) => {
                let mut found = Vec::new();
                for iri in iris {
                    for p in TOPIC_PROPS {
                        if self
                            .store
                            .states(mandate, p, TermRef::NamedNode(iri.as_ref()), graph)?
                        {
                            found.push(iri.as_str());
                            break;
                        }
                    }
                }
                let mut says = super::says_what_about(&found);
                let subject_probed = || {
                    context
                        .subjects
                        .split(' ')
                        .any(|s| iris.iter().any(|i| i.as_str() == s))
                };
                if !says && subject_probed() {
                    let what = |t: &Term| super::says_what_about(&[term_text(t).as_str()]);
                    for p in TOPIC_PROPS {
                        if self.store.find_object(mandate, p, graph, what)?.is_some() {
                            says = true;
                            break;
                        }
                    }
                }
                Ok((found.join(" "), says))
            }
        }
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
        let context = self.read_context(graph)?;
        self.contexts.insert(graph.clone(), context.clone());
        Ok(context)
    }

    fn read_context(&self, graph: &NamedNode) -> Result<Context, RequestsError> {
        let mut subjects = self.texts(graph, dcterms::SUBJECT, graph)?;
        subjects.sort();
        Ok(Context {
            title: self.first_text(graph, rg::TITLE, graph)?,
            subjects: subjects.join(" "),
        })
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
    /// stands in no operative paragraph (a preambular one). Each property is looked up on
    /// its own: a paragraph node has a score of statements, and only five are needed.
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
        let Some(paragraph) = crate::timeline::operative_paragraph(self.store, &part, &graph)?
        else {
            return Ok(false);
        };
        let parents = self.store.objects(&paragraph, rg::IS_PART_OF, &graph)?;
        self.fill_paragraph(row, &paragraph, &parents, &graph)?;
        if paragraph != part {
            row.part = self.first_text(&part, rg::NUMBER, &graph)?;
        }
        Ok(true)
    }

    fn fill_paragraph(
        &self,
        row: &mut Row,
        paragraph: &NamedNode,
        parents: &[Term],
        graph: &NamedNode,
    ) -> Result<(), RequestsError> {
        row.paragraph = paragraph.as_str().to_string();
        row.text = self.first_text(paragraph, rg::TEXT, graph)?;
        row.number = self.first_text(paragraph, rg::NUMBER, graph)?;
        row.start = self
            .first_text(paragraph, rg::CHAR_START, graph)?
            .parse()
            .unwrap_or(0);
        let section = TermRef::NamedNode(rg::SECTION);
        for parent in parents {
            if let Term::NamedNode(parent) = parent
                && self.store.states(parent, rdf::TYPE, section, graph)?
            {
                row.section = self.first_text(parent, rg::NUMBER, graph)?;
            }
        }
        Ok(())
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
