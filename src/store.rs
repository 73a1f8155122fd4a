//! The store stage: quads -> an embedded Oxigraph store on disk; SPARQL and export.
//!
//! This is the only module that touches `oxigraph::store::Store`. Each document lives in
//! its own named graph (its IRI); [`GraphStore::replace_graph`] swaps a graph in one
//! transaction, so a re-ingest leaves no stale triples and a crash leaves the old graph or
//! the new one, never half of either. The ontology and registries live in the graph
//! [`crate::iri::VOCABULARY_GRAPH`].
//!
//! One writer or many readers: [`GraphStore::open`] (read-write) takes an exclusive advisory
//! lock on the file [`LOCK_FILE`] in the store directory, [`GraphStore::open_read_only`] a
//! shared one, each held as long as the store is open; a process that cannot have its lock
//! (a second ingest, a query during an ingest) gets [`StoreError::InUse`]. The lock goes
//! with the lock file's open description: a program that spawns processes while it closes
//! a store may see the lock outlive the store for the moment a child holds the inherited
//! descriptor (between its fork and its exec).

use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef,
    Triple, Variable,
};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator,
};
use oxigraph::store::{StorageError, Store};

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the store open for writing.
    #[error(
        "store in use: {0} is open in another resograph process (an ingest?); wait for it to finish"
    )]
    InUse(PathBuf),
    /// There is no store at the path given to a command that only reads.
    #[error("no store at {0}: `resograph ingest` makes one (or give --store)")]
    Missing(PathBuf),
    /// The store could not be opened or written.
    #[error("store {path}: {source}")]
    Storage {
        /// The store directory.
        path: PathBuf,
        /// The cause.
        source: StorageError,
    },
    /// A storage error during work.
    #[error(transparent)]
    Io(#[from] StorageError),
    /// The query is not valid SPARQL.
    #[error("invalid SPARQL query: {0}")]
    Syntax(String),
    /// The text is an update; the query path only reads.
    #[error("updates are not allowed: queries only read the store")]
    Update,
    /// A parameter cannot be bound: its name is no SPARQL variable name.
    #[error("parameter `{name}`: {problem}")]
    Parameter {
        /// The parameter's name.
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Parameters were given for a CONSTRUCT query, which cannot bind them.
    #[error(
        "parameters bind variables of SELECT and ASK queries; for CONSTRUCT, select the rows first"
    )]
    ParametersNeedRows,
    /// Query evaluation failed.
    #[error("query failed: {0}")]
    Evaluation(String),
    /// The query ran past its time limit.
    #[error("query cancelled after {0} s")]
    Timeout(u64),
    /// Writing output failed.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

/// The advisory lock file in a store directory, held while a process has the store open.
pub const LOCK_FILE: &str = "resograph.lock";

/// The embedded store.
pub struct GraphStore {
    // Declared before `_lock`, so that the store is closed before the lock is released.
    store: Store,
    /// The locked [`LOCK_FILE`] of an on-disk store; unlocked when dropped.
    _lock: Option<File>,
}

/// Writes documents' graphs in batches, each graph old or new, never half written.
///
/// The graphs already in the store are replaced in one transaction per
/// [`write`](Self::write), committed at once. The new ones go through one Oxigraph bulk
/// loader that lives across writes: each write sorts its quads into index files on disk
/// (on a thread of the loader's own, so the caller goes on), and [`commit`](Self::commit)
/// moves all the files into the database in one atomic step. Until then the new graphs
/// are absent: a crash loses them whole. Committing seldom is what makes the bulk path
/// fast: every commit adds a set of overlapping files that RocksDB must compact, and
/// compaction was a third of an ingest's CPU with a commit every 250,000 quads.
pub struct GraphWriter<'a> {
    store: &'a GraphStore,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// The graphs in the uncommitted bulk load.
    loading: HashSet<NamedNode>,
    loading_quads: usize,
}

impl GraphWriter<'_> {
    /// Writes `graphs`: see [`GraphWriter`]. A graph already in the uncommitted bulk load
    /// (a second document of the same IRI) commits that load first, so that the later
    /// document replaces the earlier one as it would one by one.
    pub fn write(&mut self, graphs: Vec<(NamedNode, Vec<Quad>)>) -> Result<(), StoreError> {
        if graphs.iter().any(|(g, _)| self.loading.contains(g)) {
            self.commit()?;
        }
        let mut fresh = Vec::with_capacity(graphs.len());
        let mut t = self.store.store.start_transaction()?;
        let mut replaced = 0;
        for (graph, quads) in graphs {
            if t.contains_named_graph(graph.as_ref())? {
                t.remove_named_graph(graph.as_ref())?;
                t.insert_named_graph(graph.as_ref());
                for q in &quads {
                    t.insert(q.as_ref());
                }
                replaced += 1;
            } else {
                self.loading_quads += quads.len();
                self.loading.insert(graph);
                fresh.push(quads);
            }
        }
        if replaced > 0 {
            t.commit()?;
        } else {
            drop(t);
        }
        if !fresh.is_empty() {
            let loader = self
                .loader
                .get_or_insert_with(|| self.store.store.bulk_loader().with_num_threads(2));
            loader.load_quads(fresh.into_iter().flatten())?;
        }
        Ok(())
    }

    /// How many quads of new graphs are written but not yet committed.
    pub fn uncommitted_quads(&self) -> usize {
        self.loading_quads
    }

    /// Moves the new graphs written so far into the database, in one atomic step.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        self.loading.clear();
        self.loading_quads = 0;
        if let Some(loader) = self.loader.take() {
            loader.commit()?;
        }
        Ok(())
    }
}

/// `read` applied to each of `items` on every core, the results in the order of `items`;
/// the first error, if any. Each thread takes the next item not yet taken, so one slow
/// item does not hold up the rest. For independent lookups: they wait on RocksDB and scale
/// with threads.
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    read: impl Fn(&T) -> Result<R, StoreError> + Sync,
) -> Result<Vec<R>, StoreError> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, items.len().max(1));
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<Vec<(usize, R)>, StoreError> {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return Ok(out);
                        };
                        out.push((i, read(item)?));
                    }
                })
            })
            .collect();
        let mut done = Vec::with_capacity(items.len());
        for handle in handles {
            let found = handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
            done.extend(found);
        }
        Ok::<_, StoreError>(done)
    })?;
    done.sort_unstable_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}

pub(crate) fn storage_error(path: &Path, source: StorageError) -> StoreError {
    StoreError::Storage {
        path: path.to_path_buf(),
        source,
    }
}

/// Takes the advisory lock on the [`LOCK_FILE`] of the store at `path` with `try_lock`
/// (exclusive for a writer, shared for a reader); [`StoreError::InUse`] when it is held
/// otherwise.
fn lock(path: &Path, try_lock: fn(&File) -> Result<(), TryLockError>) -> Result<File, StoreError> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.join(LOCK_FILE))
        .map_err(|e| storage_error(path, e.into()))?;
    match try_lock(&file) {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StoreError::InUse(path.to_path_buf())),
        Err(TryLockError::Error(e)) => Err(storage_error(path, e.into())),
    }
}

/// The bytes of the sorted table files (`*.sst`) in the store directory `path`: what an
/// ingest compares before and after to decide whether to compact.
pub fn table_bytes(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "sst"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Parses a SPARQL query: [`StoreError::Syntax`], or [`StoreError::Update`] for an update.
/// [`GraphStore::query`] does it too; a command checks a query before it opens the store.
pub fn parse_query(sparql: &str) -> Result<spargebra::Query, StoreError> {
    spargebra::SparqlParser::new()
        .parse_query(sparql)
        .map_err(|e| {
            if spargebra::SparqlParser::new().parse_update(sparql).is_ok() {
                StoreError::Update
            } else {
                StoreError::Syntax(e.to_string())
            }
        })
}

/// The result of a query, materialised.
#[derive(Debug)]
pub enum Answer {
    /// SELECT: variables and rows.
    Rows {
        /// Variable names in order.
        variables: Vec<String>,
        /// Rows.
        rows: Vec<Vec<Option<Term>>>,
        /// Whether the row limit cut the result.
        truncated: bool,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE.
    Graph(Vec<oxigraph::model::Triple>),
}

/// The dataset of a query as the SPARQL Protocol gives it: the graphs merged into its default
/// graph (`default-graph-uri`) and its named graphs (`named-graph-uri`). Empty: the store's
/// own (the union of its graphs as the default graph, every graph by name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// The graphs merged into the default graph.
    pub default: Vec<NamedNode>,
    /// The named graphs.
    pub named: Vec<NamedNode>,
}

impl Dataset {
    /// Whether neither list names a graph.
    pub fn is_empty(&self) -> bool {
        self.default.is_empty() && self.named.is_empty()
    }
}

impl GraphStore {
    /// Opens (creating if needed) the on-disk store at `path` for writing, holding its lock
    /// alone: [`StoreError::InUse`] when another process has it open.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|e| storage_error(path, e.into()))?;
        let lock = lock(path, File::try_lock)?;
        Ok(Self {
            store: Store::open(path).map_err(|e| storage_error(path, e))?,
            _lock: Some(lock),
        })
    }

    /// Opens the on-disk store at `path` for reading only (queries, the question, exports):
    /// RocksDB then writes nothing (a read-write open rewrites and syncs its manifest and
    /// options files), and several readers can share the store. Readers share the lock
    /// file's lock; a writer holds it alone, so a reader never sees a store being written
    /// ([`StoreError::InUse`]). A store that does not exist is [`StoreError::Missing`], not
    /// created.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let lock = lock(path, File::try_lock_shared)?;
        Ok(Self {
            store: Store::open_read_only(path).map_err(|e| storage_error(path, e))?,
            _lock: Some(lock),
        })
    }

    /// An in-memory store (for `parse --format turtle` and tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
            _lock: None,
        })
    }

    /// Replaces the named graph `graph` with `quads`, atomically.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut t = self.store.start_transaction()?;
        t.remove_named_graph(graph.as_ref())?;
        t.insert_named_graph(graph.as_ref());
        for q in quads {
            t.insert(q.as_ref());
        }
        t.commit()?;
        Ok(())
    }

    /// Replaces the named graphs of `graphs` with their quads, each graph old or new, never
    /// half written: one [`GraphWriter::write`] and its commit.
    pub fn replace_graphs(&self, graphs: Vec<(NamedNode, Vec<Quad>)>) -> Result<(), StoreError> {
        let mut writer = self.writer();
        writer.write(graphs)?;
        writer.commit()
    }

    /// A writer of whole graphs in batches: see [`GraphWriter`].
    pub fn writer(&self) -> GraphWriter<'_> {
        GraphWriter {
            store: self,
            loader: None,
            loading: HashSet::new(),
            loading_quads: 0,
        }
    }

    /// The subjects of `(?, predicate, object)` with the graph each is stated in, in `graph`
    /// only when given: one index lookup, never a scan.
    pub fn subjects_of(
        &self,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Vec<(NamedNode, NamedNode)>, StoreError> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(predicate), Some(object), g)
        {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (q.subject, q.graph_name)
            {
                out.push((s, g));
            }
        }
        Ok(out)
    }

    /// Every (subject, object, graph) of `predicate`, in `graph` only when given: a range of
    /// the predicate-first index, which grows with the store.
    pub fn statements_of(
        &self,
        predicate: NamedNodeRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Vec<(NamedNode, Term, NamedNode)>, StoreError> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut out = Vec::new();
        for q in self.store.quads_for_pattern(None, Some(predicate), None, g) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (q.subject, q.graph_name)
            {
                out.push((s, q.object, g));
            }
        }
        Ok(out)
    }

    /// The objects of `(subject, predicate, ?)` in `graph`: one index lookup.
    pub fn objects(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: &NamedNode,
    ) -> Result<Vec<Term>, StoreError> {
        self.store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(predicate),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .map(|q| q.map(|q| q.object).map_err(StoreError::from))
            .collect()
    }

    /// The distinct IRIs that are objects of `predicate` in any graph, sorted.
    pub fn objects_of_predicate(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = std::collections::BTreeSet::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(predicate), None, None)
        {
            if let Term::NamedNode(n) = q?.object {
                out.insert(n);
            }
        }
        Ok(out.into_iter().collect())
    }

    /// The first object of `(subject, predicate, ?)` in `graph` that passes `keep`: one
    /// index lookup, the statements turned back into text one at a time, only until one
    /// passes.
    pub fn find_object(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: &NamedNode,
        keep: impl Fn(&Term) -> bool,
    ) -> Result<Option<Term>, StoreError> {
        for q in self.store.quads_for_pattern(
            Some(subject.as_ref().into()),
            Some(predicate),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            let q = q?;
            if keep(&q.object) {
                return Ok(Some(q.object));
            }
        }
        Ok(None)
    }

    /// Whether `graph` states `(subject, predicate, object)`: one index lookup that turns
    /// no stored term back into text.
    pub fn states(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
        graph: &NamedNode,
    ) -> Result<bool, StoreError> {
        let quad = oxigraph::model::QuadRef::new(
            subject.as_ref(),
            predicate,
            object,
            GraphNameRef::NamedNode(graph.as_ref()),
        );
        Ok(self.store.contains(quad)?)
    }

    /// Whether the store has the named graph `graph`.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph.as_ref())?)
    }

    /// Compacts the on-disk store (every index, fully): Oxigraph's `optimize`. Takes about
    /// as long as the ingest that wrote the store.
    pub fn optimize(&self) -> Result<(), StoreError> {
        Ok(self.store.optimize()?)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// The named graphs, sorted.
    pub fn graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                out.push(n);
            }
        }
        out.sort();
        Ok(out)
    }

    /// What the store says of `resource`: the triples whose subject it is, in any graph, each
    /// once, sorted.
    pub fn about(&self, resource: &NamedNode) -> Result<Vec<Triple>, StoreError> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(Some(resource.as_ref().into()), None, None, None)
        {
            let t = Triple::from(q?);
            if seen.insert(t.clone()) {
                out.push(t);
            }
        }
        out.sort_by_cached_key(|t| t.to_string());
        Ok(out)
    }

    /// The triples of the store's default graph (resograph writes none there: its documents,
    /// vocabulary and histories are named graphs).
    pub fn default_graph(&self) -> Result<Vec<Triple>, StoreError> {
        self.store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .map(|q| Ok(Triple::from(q?)))
            .collect()
    }

    /// The quads of one graph, or all, sorted (graph, subject, predicate, object).
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>, StoreError> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut quads = self
            .store
            .quads_for_pattern(None, None, None, g)
            .collect::<Result<Vec<_>, _>>()?;
        quads.sort_by_cached_key(sort_key);
        Ok(quads)
    }

    /// Runs a read-only SPARQL query with variables bound to `params` (never spliced into the
    /// text), cancelled after `timeout`, keeping at most `limit` rows.
    pub fn query(
        &self,
        sparql: &str,
        params: &[(String, Term)],
        timeout: Option<Duration>,
        limit: Option<usize>,
    ) -> Result<Answer, StoreError> {
        self.evaluate(sparql, params, None, timeout, limit)
    }

    /// Runs a read-only SPARQL query over `dataset` (the SPARQL Protocol's
    /// `default-graph-uri` and `named-graph-uri`, which override the query's FROM and FROM
    /// NAMED), cancelled after `timeout`, keeping at most `limit` rows.
    pub fn query_in(
        &self,
        sparql: &str,
        dataset: &Dataset,
        timeout: Option<Duration>,
        limit: Option<usize>,
    ) -> Result<Answer, StoreError> {
        self.evaluate(sparql, &[], Some(dataset), timeout, limit)
    }

    fn evaluate(
        &self,
        sparql: &str,
        params: &[(String, Term)],
        dataset: Option<&Dataset>,
        timeout: Option<Duration>,
        limit: Option<usize>,
    ) -> Result<Answer, StoreError> {
        let token = CancellationToken::new();
        let mut parsed = parse_query(sparql)?;
        let ask = matches!(parsed, spargebra::Query::Ask { .. });
        let hidden = project_parameters(&mut parsed, params)?;
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .for_query(parsed);
        // Patterns outside GRAPH see every graph (documents and vocabulary), unless the query
        // names its own dataset with FROM, or the protocol does.
        if let Some(dataset) = dataset.filter(|d| !d.is_empty()) {
            let d = prepared.dataset_mut();
            d.set_default_graph(
                dataset
                    .default
                    .iter()
                    .map(|g| GraphName::NamedNode(g.clone()))
                    .collect(),
            );
            d.set_available_named_graphs(
                dataset
                    .named
                    .iter()
                    .map(|g| NamedOrBlankNode::NamedNode(g.clone()))
                    .collect(),
            );
        } else if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, value) in params {
            prepared = prepared.substitute_variable(parameter_variable(name)?, value.clone());
        }
        let done = Arc::new(AtomicBool::new(false));
        let timed_out = Arc::new(AtomicBool::new(false));
        let watchdog = timeout.map(|t| {
            let done = Arc::clone(&done);
            let timed_out = Arc::clone(&timed_out);
            let token = token.clone();
            std::thread::spawn(move || {
                let step = Duration::from_millis(20);
                let mut waited = Duration::ZERO;
                while waited < t {
                    if done.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(step);
                    waited += step;
                }
                timed_out.store(true, Ordering::Relaxed);
                token.cancel();
            })
        });
        let result = self.collect(prepared.on_store(&self.store).execute(), limit, &hidden);
        done.store(true, Ordering::Relaxed);
        if let Some(w) = watchdog {
            let _ = w.join();
        }
        let result = match result {
            Ok(Answer::Rows { rows, .. }) if ask => Ok(Answer::Boolean(!rows.is_empty())),
            other => other,
        };
        match result {
            Err(_) if timed_out.load(Ordering::Relaxed) => {
                Err(StoreError::Timeout(timeout.map_or(0, |t| t.as_secs())))
            }
            other => other,
        }
    }

    fn collect(
        &self,
        results: Result<QueryResults<'_>, QueryEvaluationError>,
        limit: Option<usize>,
        hidden: &[String],
    ) -> Result<Answer, StoreError> {
        let eval = |e: QueryEvaluationError| StoreError::Evaluation(e.to_string());
        match results.map_err(eval)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .filter(|v| !hidden.contains(v))
                    .collect();
                let mut rows = Vec::new();
                let mut truncated = false;
                for s in solutions {
                    let s: QuerySolution = s.map_err(eval)?;
                    if limit.is_some_and(|l| rows.len() >= l) {
                        truncated = true;
                        break;
                    }
                    rows.push(
                        variables
                            .iter()
                            .map(|v| s.get(v.as_str()).cloned())
                            .collect(),
                    );
                }
                Ok(Answer::Rows {
                    variables,
                    rows,
                    truncated,
                })
            }
            QueryResults::Boolean(b) => Ok(Answer::Boolean(b)),
            QueryResults::Graph(triples) => {
                let mut out = Vec::new();
                for t in triples {
                    out.push(t.map_err(eval)?);
                }
                out.sort_by_cached_key(|t| t.to_string());
                Ok(Answer::Graph(out))
            }
        }
    }
}

/// Makes sure a SELECT projects the variables to bind, as pre-binding (SPARQL SEP-0007,
/// which Oxigraph implements) requires; returns the variables added, to hide from results.
fn project_parameters(
    query: &mut spargebra::Query,
    params: &[(String, Term)],
) -> Result<Vec<String>, StoreError> {
    use spargebra::algebra::GraphPattern;

    // Nothing to bind: the query as written (a CONSTRUCT too).
    if params.is_empty() {
        return Ok(Vec::new());
    }
    let wanted = params
        .iter()
        .map(|(name, _)| parameter_variable(name))
        .collect::<Result<Vec<_>, _>>()?;
    let pattern = match query {
        spargebra::Query::Select { pattern, .. } | spargebra::Query::Describe { pattern, .. } => {
            pattern
        }
        spargebra::Query::Ask {
            pattern,
            dataset,
            base_iri,
        } => {
            // Pre-binding works through a SELECT projection: ask "is there a row?" instead.
            let mut inner = std::mem::replace(
                pattern,
                GraphPattern::Bgp {
                    patterns: Vec::new(),
                },
            );
            if !matches!(inner, GraphPattern::Project { .. }) {
                let mut variables = Vec::new();
                inner.on_in_scope_variable(|v| variables.push(v.clone()));
                inner = GraphPattern::Project {
                    inner: Box::new(inner),
                    variables,
                };
            }
            *query = spargebra::Query::Select {
                dataset: dataset.take(),
                base_iri: base_iri.take(),
                pattern: GraphPattern::Slice {
                    inner: Box::new(inner),
                    start: 0,
                    length: Some(1),
                },
            };
            return project_parameters(query, params);
        }
        spargebra::Query::Construct { .. } => return Err(StoreError::ParametersNeedRows),
    };
    let mut node = pattern;
    loop {
        node = match node {
            GraphPattern::Slice { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner } => inner,
            GraphPattern::Project { variables, .. } => {
                let mut added = Vec::new();
                for v in wanted {
                    if !variables.contains(&v) {
                        added.push(v.as_str().to_string());
                        variables.push(v);
                    }
                }
                return Ok(added);
            }
            _ => return Ok(Vec::new()),
        };
    }
}

/// The SPARQL variable a parameter binds.
fn parameter_variable(name: &str) -> Result<Variable, StoreError> {
    Variable::new(name).map_err(|e| StoreError::Parameter {
        name: name.to_string(),
        problem: e.to_string(),
    })
}

fn sort_key(q: &Quad) -> (String, String, String, String) {
    let graph = match &q.graph_name {
        GraphName::DefaultGraph => String::new(),
        g => g.to_string(),
    };
    (
        graph,
        q.subject.to_string(),
        q.predicate.to_string(),
        q.object.to_string(),
    )
}

impl GraphStore {
    /// Writes the store (or one graph) in `format` as it streams out of the store's index,
    /// without holding it in memory: graph by graph, in the order of the store's encoded
    /// terms, which depends on the content only (the same quads give the same file, and a
    /// change stays where it is in a diff). A triple format (Turtle, N-Triples, RDF/XML)
    /// merges the graphs, each triple once. With `sorted`, the quads are collected and
    /// sorted lexically first (graph, subject, predicate, object), as a person would read
    /// them; slower, and in memory. Returns the number of statements written.
    pub fn export(
        &self,
        graph: Option<&NamedNode>,
        format: RdfFormat,
        sorted: bool,
        out: impl Write,
    ) -> Result<usize, StoreError> {
        if sorted {
            let quads = self.quads(graph)?;
            return write_quads(&quads, format, out);
        }
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut writer = serializer(format).for_writer(out);
        let mut seen: HashSet<(u64, u64)> = HashSet::new();
        let mut written = 0;
        for q in self.store.quads_for_pattern(None, None, None, g) {
            let q = q?;
            if format.supports_datasets() {
                writer.serialize_quad(&q)?;
            } else {
                let triple = Triple::from(q);
                if !seen.insert(fingerprint(&triple)) {
                    continue;
                }
                writer.serialize_triple(&triple)?;
            }
            written += 1;
        }
        writer.finish()?;
        Ok(written)
    }
}

/// Two independent 64-bit hashes of a triple: 128 bits tell 10^9 triples apart with a
/// chance of collision below 10^-20, in 16 bytes a triple.
fn fingerprint(triple: &Triple) -> (u64, u64) {
    let hash = |salt: u64| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        triple.hash(&mut h);
        h.finish()
    };
    (hash(0x5eed_0001), hash(0x5eed_0002))
}

/// A serializer for `format` with the project's prefixes.
fn serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in crate::vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .expect("valid prefix IRI");
    }
    serializer
}

/// An RDF format by name: turtle, trig, ntriples, nquads, rdfxml, jsonld.
pub fn rdf_format(name: &str) -> Option<RdfFormat> {
    match name {
        "turtle" | "ttl" => Some(RdfFormat::Turtle),
        "trig" => Some(RdfFormat::TriG),
        "ntriples" | "nt" => Some(RdfFormat::NTriples),
        "nquads" | "nq" => Some(RdfFormat::NQuads),
        "rdfxml" | "xml" | "rdf" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" => RdfFormat::from_extension("jsonld"),
        _ => None,
    }
}

/// Writes quads in `format`, with our prefixes, in the order given (sort them first for a
/// deterministic file). Formats without graphs get the triples, each once.
pub fn write_quads(
    quads: &[Quad],
    format: RdfFormat,
    out: impl Write,
) -> Result<usize, StoreError> {
    let mut writer = serializer(format).for_writer(out);
    let mut written = 0;
    if format.supports_datasets() {
        for q in quads {
            writer.serialize_quad(q)?;
        }
        written = quads.len();
    } else {
        let mut triples: Vec<Quad> = quads
            .iter()
            .map(|q| Triple::from(q.clone()).in_graph(GraphName::DefaultGraph))
            .collect();
        triples.sort_by_cached_key(sort_key);
        triples.dedup();
        for q in &triples {
            writer.serialize_quad(q)?;
        }
        written += triples.len();
    }
    writer.finish()?;
    Ok(written)
}

/// Writes triples (CONSTRUCT results) as Turtle.
pub fn write_triples(
    triples: &[oxigraph::model::Triple],
    out: impl Write,
) -> Result<(), StoreError> {
    write_triples_as(triples, RdfFormat::Turtle, out)
}

/// Writes triples in a triple format (Turtle, N-Triples, RDF/XML, JSON-LD), with the
/// project's prefixes where the format has them.
pub fn write_triples_as(
    triples: &[oxigraph::model::Triple],
    format: RdfFormat,
    out: impl Write,
) -> Result<(), StoreError> {
    let quads: Vec<Quad> = triples
        .iter()
        .map(|t| t.clone().in_graph(GraphName::DefaultGraph))
        .collect();
    write_quads(&quads, format, out).map(|_| ())
}

/// Writes SELECT rows in a SPARQL results format.
pub fn write_results(
    variables: &[String],
    rows: &[Vec<Option<Term>>],
    format: QueryResultsFormat,
    out: impl Write,
) -> Result<(), StoreError> {
    let vars: Vec<Variable> = variables
        .iter()
        .map(|v| Variable::new_unchecked(v.clone()))
        .collect();
    let mut w = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(out, vars.clone())?;
    for row in rows {
        w.serialize(
            vars.iter()
                .zip(row)
                .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
        )?;
    }
    w.finish()?;
    Ok(())
}

/// Writes an ASK result.
pub fn write_boolean(
    value: bool,
    format: QueryResultsFormat,
    out: impl Write,
) -> Result<(), StoreError> {
    QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(out, value)?;
    Ok(())
}
