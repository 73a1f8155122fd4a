//! The whole pipeline for files: read -> parse -> extract -> graph -> store.
//!
//! Reading is strict: a file that is not UTF-8 text is refused with the line and column of
//! the first bad byte, never decoded by guesswork. Files are read, parsed and extracted on
//! all cores and written in batches ([`ingest_files`]), each batch one atomic write: a
//! document is in the store whole or not at all. A failure on one file is reported and the
//! others go on. That includes a panic
//! while parsing or extracting a file: [`ingest_file_with`] turns it into
//! [`InputError::Panic`] for that file, and nothing of that file reaches the store.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use oxigraph::model::{NamedNode, Quad};

use crate::extract::{Extractor, Findings};
use crate::graph::{self, Source};
use crate::knowledge::Knowledge;
use crate::model::{Document, Warning};
use crate::parse::{self, ParseError};
use crate::relink::Touched;
use crate::store::{GraphStore, GraphWriter, StoreError};

/// Why a file could not be ingested.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The file holds binary data.
    #[error("line {line}, column {column}: binary data (NUL byte); not a text file")]
    Binary {
        /// 1-based line.
        line: usize,
        /// 1-based column (bytes).
        column: usize,
    },
    /// The file is UTF-16.
    #[error("line 1, column 1: UTF-16 text (byte-order mark {0}); convert it to UTF-8")]
    Utf16(&'static str),
    /// The file is not valid UTF-8.
    #[error(
        "line {line}, column {column}: not valid UTF-8 (byte 0x{byte:02X}); convert the file to UTF-8 (Latin-1 text?)"
    )]
    NotUtf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column (bytes).
        column: usize,
        /// The offending byte.
        byte: u8,
    },
    /// The text has no resolution in it.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The store refused the document.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store refused the batch the file was written in (with other files).
    #[error("the store refused the batch this file was written in: {0}")]
    Batch(String),
    /// Parsing or extracting the file panicked: a bug in resograph, not in the file.
    #[error("internal error (a bug in resograph, please report it): {0}")]
    Panic(String),
}

/// Reads a file as UTF-8 text, refusing binary, UTF-16 and other encodings.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path)?;
    decode(bytes)
}

/// Decodes bytes as UTF-8 text (a leading byte-order mark is dropped).
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(InputError::Utf16("FF FE"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16("FE FF"));
    }
    let position = |at: usize| {
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        (line, column)
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = position(at);
        return Err(InputError::Binary { line, column });
    }
    if let Err(e) = std::str::from_utf8(&bytes) {
        let at = e.valid_up_to();
        let (line, column) = position(at);
        return Err(InputError::NotUtf8 {
            line,
            column,
            byte: bytes[at],
        });
    }
    let mut s = String::from_utf8(bytes).expect("checked above");
    if s.starts_with('\u{feff}') {
        s.drain(..3);
    }
    Ok(s)
}

/// The files under `paths`: files as given, directories walked for `.txt` and `.md` files
/// (symbolic links followed), in file-name order, each once. A path that does not exist or a
/// directory that cannot be read is an `Err` with its path, in its place in the order.
pub fn collect_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, std::io::Error)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(walk(p));
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err((
                p.clone(),
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            )));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|r| match r {
        Ok(p) => seen.insert(p.clone()),
        Err(_) => true,
    });
    out
}

/// The resolution files under `dir`, depth first in file-name order.
fn walk(dir: &Path) -> impl Iterator<Item = Result<PathBuf, (PathBuf, std::io::Error)>> {
    let is_text = |p: &Path| {
        p.extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "markdown")
    };
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() || !is_text(e.path()) => None,
            Ok(e) => Some(Ok(e.into_path())),
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let io = e.into_io_error().unwrap_or_else(|| {
                    std::io::Error::other("symbolic link loop (a link to a folder above it)")
                });
                Some(Err((path, io)))
            }
        })
}

/// A document carried through the pipeline.
pub struct Processed {
    /// The parsed document.
    pub document: Document,
    /// What was extracted.
    pub findings: Findings,
    /// Its graph name.
    pub graph: NamedNode,
    /// Its quads.
    pub quads: Vec<Quad>,
}

/// Parses, extracts and builds the graph of one text.
pub fn process(
    text: &str,
    knowledge: &Knowledge,
    extractor: &Extractor<'_>,
    source: &Source<'_>,
) -> Result<Processed, ParseError> {
    let document = parse::parse(text, &knowledge.lexicon)?;
    let findings = extractor.extract(&document, source);
    let quads = graph::build(&document, &findings, source);
    let graph = graph::graph_name(&document, &findings);
    Ok(Processed {
        document,
        findings,
        graph,
        quads,
    })
}

/// One file's outcome.
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its graph, paragraphs and triples, or why it failed.
    pub outcome: Result<(NamedNode, usize, usize), InputError>,
    /// Parse warnings.
    pub warnings: Vec<Warning>,
}

/// A file read and processed, its quads not yet in the store.
pub struct Prepared {
    /// The file.
    pub path: PathBuf,
    /// Its graph, paragraph count and quads (the ingest activity included), or why it
    /// failed.
    pub outcome: Result<(NamedNode, usize, Vec<Quad>), InputError>,
    /// Parse warnings.
    pub warnings: Vec<Warning>,
}

impl Prepared {
    /// A file that failed before it could be read (a folder that cannot be listed).
    pub fn failed(path: PathBuf, error: InputError) -> Self {
        Self {
            path,
            outcome: Err(error),
            warnings: Vec::new(),
        }
    }

    /// The report of this file once its `triples` are stored (or the store refused the
    /// batch they were written in).
    fn report(self, stored: Result<(), &StoreError>, triples: usize) -> FileReport {
        let outcome = match (self.outcome, stored) {
            (Ok((graph, paragraphs, _)), Ok(())) => Ok((graph, paragraphs, triples)),
            (Ok(_), Err(e)) => Err(InputError::Batch(e.to_string())),
            (Err(e), _) => Err(e),
        };
        FileReport {
            path: self.path,
            outcome,
            warnings: self.warnings,
        }
    }
}

/// Ingests one file into the store, atomically.
pub fn ingest_file(
    store: &GraphStore,
    path: &Path,
    knowledge: &Knowledge,
    extractor: &Extractor<'_>,
    symbol: Option<&str>,
) -> FileReport {
    ingest_file_with(store, path, symbol, |text, source| {
        process(text, knowledge, extractor, source)
    })
}

/// Ingests one file into the store, atomically, with `step` doing the work of [`process`]
/// on its text. The file reaches the store only when `step` has finished: an error or a
/// panic in `step` is this file's failure ([`InputError::Panic`] with the panic's message)
/// and leaves the store as it was.
///
/// The panic is caught, not silenced: the panic hook still runs, and can ask
/// [`panic_is_caught`] to stay quiet (the binary does).
pub fn ingest_file_with(
    store: &GraphStore,
    path: &Path,
    symbol: Option<&str>,
    step: impl Fn(&str, &Source<'_>) -> Result<Processed, ParseError>,
) -> FileReport {
    let prepared = prepare_with(path, symbol, step);
    let (stored, triples) = match &prepared.outcome {
        Ok((graph, _, quads)) => (store.replace_graph(graph, quads), quads.len()),
        Err(_) => (Ok(()), 0),
    };
    match stored {
        Ok(()) => prepared.report(Ok(()), triples),
        Err(e) => FileReport {
            path: prepared.path,
            outcome: Err(e.into()),
            warnings: prepared.warnings,
        },
    }
}

/// Reads and processes one file ([`process`]), catching a panic as the file's failure.
pub fn prepare(
    path: &Path,
    knowledge: &Knowledge,
    extractor: &Extractor<'_>,
    symbol: Option<&str>,
) -> Prepared {
    prepare_with(path, symbol, |text, source| {
        process(text, knowledge, extractor, source)
    })
}

/// [`prepare`] with `step` doing the work of [`process`].
fn prepare_with(
    path: &Path,
    symbol: Option<&str>,
    step: impl Fn(&str, &Source<'_>) -> Result<Processed, ParseError>,
) -> Prepared {
    let mut warnings = Vec::new();
    let outcome = (|| {
        let started = SystemTime::now();
        let text = read_text(path)?;
        let file = path.display().to_string();
        let source = Source {
            text: &text,
            file: Some(&file),
            symbol,
        };
        // `step` only reads what it is given; after a panic nothing it built is used.
        let p = catch_unwind(AssertUnwindSafe(|| {
            let _catching = Catching::enter();
            step(&text, &source)
        }))
        .map_err(|payload| {
            let at = PANIC_AT.with(RefCell::take).map(|at| format!(" (at {at})"));
            InputError::Panic(panic_message(payload.as_ref()) + &at.unwrap_or_default())
        })??;
        warnings = p.document.warnings.clone();
        let mut quads = p.quads;
        let now = SystemTime::now();
        quads.extend(graph::ingest_activity(
            &p.findings.document.iri,
            &p.graph,
            &text,
            started.into(),
            now.into(),
        ));
        let paragraphs = p.document.all_paragraphs().len();
        Ok((p.graph, paragraphs, quads))
    })();
    Prepared {
        path: path.to_path_buf(),
        outcome,
        warnings,
    }
}

/// How [`ingest_files`] shares out its work and groups its writes.
#[derive(Debug, Clone, Copy)]
pub struct Batching {
    /// Threads that read, parse, extract and build graphs.
    pub workers: usize,
    /// A batch is written when it holds this many quads...
    pub max_quads: usize,
    /// ... or when its first document has waited this long.
    pub max_wait: Duration,
    /// The new graphs written are committed (made durable and visible) once this many of
    /// their quads wait...
    pub commit_quads: usize,
    /// ... or once the first of them has waited this long, and at the end.
    pub commit_wait: Duration,
}

impl Default for Batching {
    /// All cores; batches of up to 100,000 quads or 2 seconds of work, committed every
    /// 4,000,000 quads or 30 seconds.
    fn default() -> Self {
        Self {
            workers: std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
            max_quads: 100_000,
            max_wait: Duration::from_secs(2),
            commit_quads: 4_000_000,
            commit_wait: Duration::from_secs(30),
        }
    }
}

/// Ingests `files` (or the errors met while listing them): read, parse, extract and graph
/// on [`Batching::workers`] threads, stored in batches by a writer thread while the next
/// batch is being made, each batch one atomic write ([`GraphStore::replace_graphs`]): a
/// crash leaves every document whole or absent.
///
/// `on_processed` is called for each file as soon as it is processed (for a progress bar),
/// `on_report` for each file in the order of `files` once its batch is written (on the
/// writer thread). A file that names the same graph as an earlier one in the same run
/// replaces it, as it would one by one.
///
/// Returns what the documents written touch, for [`crate::relink`].
pub fn ingest_files(
    store: &GraphStore,
    files: Vec<Result<PathBuf, (PathBuf, std::io::Error)>>,
    knowledge: &Knowledge,
    symbol: Option<&str>,
    batching: Batching,
    mut on_processed: impl FnMut(&Prepared),
    mut on_report: impl FnMut(FileReport) + Send,
) -> Touched {
    let extractor = Extractor::new(knowledge);
    let next = AtomicUsize::new(0);
    let workers = batching.workers.clamp(1, files.len().max(1));
    let (sender, receiver) = mpsc::sync_channel::<(usize, Prepared)>(2 * workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (files, next, extractor) = (&files, &next, &extractor);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let prepared = match file {
                        Ok(path) => prepare(path, knowledge, extractor, symbol),
                        Err((path, e)) => Prepared::failed(
                            path.clone(),
                            std::io::Error::new(e.kind(), e.to_string()).into(),
                        ),
                    };
                    if sender.send((i, prepared)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // One batch written while the next fills: the workers never wait for the store.
        let (to_writer, batches) = mpsc::sync_channel::<Vec<Prepared>>(1);
        let writing = scope.spawn(move || {
            let mut writer = Writer::new(store, batching);
            for batch in batches {
                writer.write(batch, &mut on_report);
            }
            writer.commit(&mut on_report);
            writer.touched
        });
        let mut batcher = Batcher::new(batching);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, prepared) in receiver {
            on_processed(&prepared);
            waiting.insert(i, prepared);
            while let Some(prepared) = waiting.remove(&due) {
                due += 1;
                for full in batcher.push(prepared) {
                    // The writer ends only when this sender is dropped.
                    let _ = to_writer.send(full);
                }
            }
        }
        let rest = batcher.take();
        if !rest.is_empty() {
            let _ = to_writer.send(rest);
        }
        drop(to_writer);
        writing.join().unwrap_or_else(|_| Touched {
            everything: true,
            ..Touched::default()
        })
    })
}

/// What an ingest did, counted over its files.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Documents stored.
    pub documents: usize,
    /// Their paragraphs.
    pub paragraphs: usize,
    /// Their triples.
    pub triples: usize,
    /// Parse warnings, over all files.
    pub warnings: usize,
    /// Files that failed.
    pub failures: usize,
    /// Seconds the whole ingest took.
    pub seconds: f64,
    /// Seconds spent relinking the histories and repeats the files touch
    /// ([`crate::relink`]); part of `seconds`.
    #[serde(default)]
    pub linked: f64,
    /// Seconds spent compacting the store at the end, when it was compacted; part of
    /// `seconds`.
    pub compacted: Option<f64>,
}

impl Summary {
    /// Counts one file.
    pub fn add(&mut self, report: &Reported) {
        self.warnings += report.warnings.len();
        match (&report.graph, &report.error) {
            (Some(_), None) => {
                self.documents += 1;
                self.paragraphs += report.paragraphs;
                self.triples += report.triples;
            }
            _ => self.failures += 1,
        }
    }
}

/// One file's outcome as plain data: what the CLI prints, and what `resograph serve` sends
/// back to the `resograph ingest` that handed it the file ([`crate::handoff`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reported {
    /// The file's position in the list ingested.
    pub index: usize,
    /// The file.
    pub file: PathBuf,
    /// Its graph, when it was stored.
    pub graph: Option<String>,
    /// Its paragraphs.
    pub paragraphs: usize,
    /// Its triples.
    pub triples: usize,
    /// Parse warnings.
    pub warnings: Vec<Warning>,
    /// Why it failed.
    pub error: Option<String>,
}

impl Reported {
    /// The report of the `index`th file.
    pub fn new(index: usize, report: FileReport) -> Self {
        let (graph, paragraphs, triples, error) = match report.outcome {
            Ok((graph, paragraphs, triples)) => {
                (Some(graph.into_string()), paragraphs, triples, None)
            }
            Err(e) => (None, 0, 0, Some(e.to_string())),
        };
        Self {
            index,
            file: report.path,
            graph,
            paragraphs,
            triples,
            warnings: report.warnings,
            error,
        }
    }
}

/// The whole of an ingest into the store at `path`: the vocabulary graph, the files
/// ([`ingest_files`]), the links between documents derived from many of them (histories,
/// repeats) of what the files touch ([`crate::relink`]), and a compaction when the ingest
/// wrote a good share of the store.
/// `on_processed` and `on_report` as for [`ingest_files`]; the counts come back at the end.
///
/// The command `resograph ingest` runs it, and so does `resograph serve` for an ingest
/// handed to it.
#[allow(clippy::too_many_arguments)]
pub fn run(
    store: &GraphStore,
    path: &Path,
    files: Vec<Result<PathBuf, (PathBuf, std::io::Error)>>,
    knowledge: &Knowledge,
    symbol: Option<&str>,
    batching: Batching,
    on_processed: impl FnMut(&Prepared),
    mut on_report: impl FnMut(Reported) + Send,
) -> Result<Summary, StoreError> {
    let started = Instant::now();
    store_vocabulary(store, knowledge)?;
    let tables_before = crate::store::table_bytes(path);
    let mut summary = Summary::default();
    let mut index = 0;
    // A mark left by an ingest killed before it linked: this one relinks everything.
    let lagging = crate::relink::is_marked(path);
    crate::relink::mark(path).map_err(|e| crate::store::storage_error(path, e.into()))?;
    let touched = ingest_files(
        store,
        files,
        knowledge,
        symbol,
        batching,
        on_processed,
        |report| {
            let reported = Reported::new(index, report);
            index += 1;
            summary.add(&reported);
            on_report(reported);
        },
    );
    // Relinking before the compaction, so that its writes are compacted too: written after
    // it, they overlap the compacted files and every later read merges them (an export took
    // half as long again).
    let t = Instant::now();
    crate::relink::relink(store, (!lagging).then_some(&touched))?;
    summary.linked = t.elapsed().as_secs_f64();
    crate::relink::unmark(path).map_err(|e| crate::store::storage_error(path, e.into()))?;
    // The bulk loader's files enter the store unmerged with what was there: until RocksDB
    // compacts them, every lookup reads each of them (the question was four times slower
    // on a store just written). Compacting everything is worth it when the ingest wrote a
    // good share of the store, as a first ingest does; after a small one RocksDB's own
    // background compaction keeps up.
    let tables_after = crate::store::table_bytes(path);
    let written = tables_after.saturating_sub(tables_before);
    if written > 0 && written * 4 >= tables_after {
        let t = Instant::now();
        store.optimize()?;
        summary.compacted = Some(t.elapsed().as_secs_f64());
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Groups documents, in file order, into batches to write.
struct Batcher {
    batching: Batching,
    pending: Vec<Prepared>,
    graphs: HashSet<NamedNode>,
    quads: usize,
    since: Option<Instant>,
}

impl Batcher {
    fn new(batching: Batching) -> Self {
        Self {
            batching,
            pending: Vec::new(),
            graphs: HashSet::new(),
            quads: 0,
            since: None,
        }
    }

    /// Adds a document; returns the batches it completes: the pending one before a second
    /// document of the same graph (the later one wins, as one by one), and the batch it
    /// fills (by quads or by time waited).
    fn push(&mut self, prepared: Prepared) -> Vec<Vec<Prepared>> {
        let mut full = Vec::new();
        if let Ok((graph, _, quads)) = &prepared.outcome {
            if self.graphs.contains(graph) {
                full.push(self.take());
            }
            self.graphs.insert(graph.clone());
            self.quads += quads.len();
        }
        self.since.get_or_insert_with(Instant::now);
        self.pending.push(prepared);
        let waited = self
            .since
            .is_some_and(|t| t.elapsed() >= self.batching.max_wait);
        if self.quads >= self.batching.max_quads || waited {
            full.push(self.take());
        }
        full
    }

    /// The pending documents, leaving none.
    fn take(&mut self) -> Vec<Prepared> {
        self.graphs.clear();
        self.quads = 0;
        self.since = None;
        std::mem::take(&mut self.pending)
    }
}

/// The writer thread's side: batches written to a [`GraphWriter`], their documents
/// reported once committed.
struct Writer<'a> {
    store: &'a GraphStore,
    graphs: GraphWriter<'a>,
    /// What the documents written touch, in their new and their replaced versions.
    touched: Touched,
    batching: Batching,
    /// The documents written and not yet committed, with their triple counts, in order.
    uncommitted: Vec<(Prepared, usize)>,
    since: Option<Instant>,
}

impl<'a> Writer<'a> {
    fn new(store: &'a GraphStore, batching: Batching) -> Self {
        Self {
            store,
            graphs: store.writer(),
            touched: Touched::default(),
            batching,
            uncommitted: Vec::new(),
            since: None,
        }
    }

    /// Writes a batch; commits when enough waits (see [`Batching::commit_quads`]) or when a
    /// write fails (the failure is then every uncommitted document's).
    fn write(&mut self, batch: Vec<Prepared>, on_report: &mut impl FnMut(FileReport)) {
        let mut graphs = Vec::new();
        for mut p in batch {
            let triples = match &mut p.outcome {
                Ok((graph, _, quads)) => {
                    let n = quads.len();
                    self.touched.note_quads(quads);
                    if self.store.has_graph(graph).unwrap_or(true) {
                        self.touched.note_stored(self.store, graph);
                    }
                    graphs.push((graph.clone(), std::mem::take(quads)));
                    n
                }
                Err(_) => 0,
            };
            self.uncommitted.push((p, triples));
        }
        self.since.get_or_insert_with(Instant::now);
        let written = if graphs.is_empty() {
            Ok(())
        } else {
            self.graphs.write(graphs)
        };
        match written {
            Err(e) => self.report(Err(&e), on_report),
            Ok(()) => {
                let waited = self
                    .since
                    .is_some_and(|t| t.elapsed() >= self.batching.commit_wait);
                if self.graphs.uncommitted_quads() >= self.batching.commit_quads || waited {
                    self.commit(on_report);
                }
            }
        }
    }

    /// Commits what was written and reports its documents, in order.
    fn commit(&mut self, on_report: &mut impl FnMut(FileReport)) {
        let committed = self.graphs.commit();
        self.report(committed.as_ref().map(|_| ()), on_report);
    }

    fn report(&mut self, stored: Result<(), &StoreError>, on_report: &mut impl FnMut(FileReport)) {
        self.since = None;
        for (p, n) in self.uncommitted.drain(..) {
            on_report(p.report(stored, n));
        }
    }
}

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether a panic on this thread, now, would be caught by [`ingest_file_with`] and
/// reported as a file's failure: a panic hook can stay quiet for those.
pub fn panic_is_caught() -> bool {
    CATCHING.with(Cell::get)
}

/// Records where a caught panic happened, for the file's [`InputError::Panic`]: a panic
/// hook that stays quiet for caught panics ([`panic_is_caught`]) calls it with the
/// panic's location.
pub fn note_panic_location(at: String) {
    PANIC_AT.with(|p| *p.borrow_mut() = Some(at));
}

/// Marks the thread as catching panics while it lives (the hook runs before it drops).
struct Catching;

impl Catching {
    fn enter() -> Self {
        CATCHING.with(|c| c.set(true));
        Self
    }
}

impl Drop for Catching {
    fn drop(&mut self) {
        CATCHING.with(|c| c.set(false));
    }
}

/// The message of a panic (`panic!` with a string or a format).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic with a value that is not a message".to_string())
}

/// Puts the ontology and registries into their graph, replacing the previous copy.
pub fn store_vocabulary(store: &GraphStore, knowledge: &Knowledge) -> Result<usize, StoreError> {
    let quads = graph::vocabulary(knowledge);
    let graph = NamedNode::new_unchecked(crate::iri::VOCABULARY_GRAPH);
    // Most ingests load the same knowledge as the one before: reading the graph back costs
    // less than rewriting it, and leaves the store as it was.
    let stored: HashSet<Quad> = store.quads(Some(&graph))?.into_iter().collect();
    if stored.len() != quads.len() || !quads.iter().all(|q| stored.contains(q)) {
        store.replace_graph(&graph, &quads)?;
    }
    Ok(quads.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert!(matches!(decode(b"ok\n".to_vec()), Ok(s) if s == "ok\n"));
        assert!(matches!(decode(b"\xEF\xBB\xBFok".to_vec()), Ok(s) if s == "ok"));
        assert!(matches!(
            decode(b"caf\xE9\n".to_vec()),
            Err(InputError::NotUtf8 {
                line: 1,
                column: 4,
                byte: 0xE9
            })
        ));
        assert!(matches!(
            decode(b"a\nb\x00c".to_vec()),
            Err(InputError::Binary { line: 2, column: 2 })
        ));
        assert!(matches!(
            decode(b"\xFF\xFEa\x00".to_vec()),
            Err(InputError::Utf16(_))
        ));
    }
}
