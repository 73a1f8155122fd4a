//! The whole pipeline for files: read -> parse -> extract -> graph -> store.
//!
//! Reading is strict: a file that is not UTF-8 text is refused with the line and column of
//! the first bad byte, never decoded by guesswork. Each file is one transaction in the
//! store; a failure on one file is reported and the others go on. That includes a panic
//! while parsing or extracting a file: [`ingest_file_with`] turns it into
//! [`InputError::Panic`] for that file, and nothing of that file reaches the store.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use oxigraph::model::{NamedNode, Quad};

use crate::extract::{Extractor, Findings};
use crate::graph::{self, Source};
use crate::knowledge::Knowledge;
use crate::model::{Document, Warning};
use crate::parse::{self, ParseError};
use crate::store::{GraphStore, StoreError};

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
    let graph = findings.document.iri.clone();
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
        .map_err(|payload| InputError::Panic(panic_message(payload.as_ref())))??;
        warnings = p.document.warnings.clone();
        let mut quads = p.quads;
        let now = SystemTime::now();
        quads.extend(graph::ingest_activity(
            &p.graph,
            &text,
            started.into(),
            now.into(),
        ));
        store.replace_graph(&p.graph, &quads)?;
        let paragraphs = p.document.all_paragraphs().len();
        Ok((p.graph, paragraphs, quads.len()))
    })();
    FileReport {
        path: path.to_path_buf(),
        outcome,
        warnings,
    }
}

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether a panic on this thread, now, would be caught by [`ingest_file_with`] and
/// reported as a file's failure: a panic hook can stay quiet for those.
pub fn panic_is_caught() -> bool {
    CATCHING.with(Cell::get)
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
    store.replace_graph(&graph, &quads)?;
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
