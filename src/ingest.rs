//! The whole pipeline for files: read -> parse -> extract -> graph -> store.
//!
//! Reading is strict: a file that is not UTF-8 text is refused with the line and column of
//! the first bad byte, never decoded by guesswork. Each file is one transaction in the
//! store; a failure on one file is reported and the others go on.

use std::path::{Path, PathBuf};

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

/// The files under `paths`: files as given, directories walked for `.txt` and `.md` files,
/// sorted, each once.
pub fn collect_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, std::io::Error)>> {
    fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, (PathBuf, std::io::Error)>>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return out.push(Err((dir.to_path_buf(), e))),
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "markdown")
            {
                out.push(Ok(p));
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
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
    let mut warnings = Vec::new();
    let outcome = (|| {
        let text = read_text(path)?;
        let file = path.display().to_string();
        let source = Source {
            text: &text,
            file: Some(&file),
            symbol,
        };
        let p = process(&text, knowledge, extractor, &source)?;
        warnings = p.document.warnings.clone();
        store.replace_graph(&p.graph, &p.quads)?;
        let paragraphs = p.document.all_paragraphs().len();
        Ok((p.graph, paragraphs, p.quads.len()))
    })();
    FileReport {
        path: path.to_path_buf(),
        outcome,
        warnings,
    }
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
