//! The reference document's graph, compared as a graph with the expected graph in
//! `tests/data/golden/` (checked by hand: see `tests/data/golden/README.md`), so that any
//! change in what the graph says is a visible diff.
//!
//! `RESOGRAPH_BLESS=1 cargo test --test tests golden` rewrites the expected file from the
//! code; read its diff before committing it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, Quad};
use resograph::graph::Source;
use resograph::{Extractor, ingest};

use crate::common;

/// The reference document, as committed (not `../shared`), named by its path in the repository.
const REFERENCE: &str = "data/corpus/ccpcj-2023-counter-terrorism-technical-assistance.txt";

fn expected_path() -> PathBuf {
    common::root().join("tests/data/golden/ccpcj-2023-counter-terrorism-technical-assistance.trig")
}

/// The graph the code builds for the reference document.
fn actual() -> Vec<Quad> {
    let text = std::fs::read_to_string(common::root().join(REFERENCE)).unwrap();
    let k = common::knowledge();
    let source = Source {
        text: &text,
        file: Some(REFERENCE),
        symbol: None,
    };
    ingest::process(&text, k, &Extractor::new(k), &source)
        .expect("the reference document parses")
        .quads
}

fn canonical(quads: impl IntoIterator<Item = Quad>) -> Dataset {
    let mut dataset: Dataset = quads.into_iter().collect();
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
}

/// The quads of `a` that are not in `b`, one N-Quads line each, sorted.
fn only_in(a: &Dataset, b: &Dataset) -> Vec<String> {
    let lines: BTreeSet<String> = a
        .iter()
        .filter(|q| !b.contains(*q))
        .map(|q| format!("{q} ."))
        .collect();
    lines.into_iter().collect()
}

#[test]
fn reference_document_graph_is_the_expected_graph() {
    let quads = actual();
    let path = expected_path();
    if std::env::var_os("RESOGRAPH_BLESS").is_some_and(|v| v == "1") {
        let mut out = Vec::new();
        resograph::store::write_quads(&quads, RdfFormat::TriG, &mut out).unwrap();
        std::fs::write(&path, out).unwrap();
        eprintln!("wrote {}; check its diff by hand", path.display());
        return;
    }
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let expected = canonical(
        RdfParser::from_format(RdfFormat::TriG)
            .for_slice(&text)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    );
    let actual = canonical(quads);
    if expected != actual {
        let missing = only_in(&expected, &actual);
        let extra = only_in(&actual, &expected);
        panic!(
            "the reference document's graph differs from {}\n\
             ({} quads only in expected, {} only in actual; \
             RESOGRAPH_BLESS=1 rewrites the file if the change is intended)\n\
             --- only in expected:\n{}\n+++ only in actual:\n{}",
            path.display(),
            missing.len(),
            extra.len(),
            missing.join("\n"),
            extra.join("\n"),
        );
    }
}
