//! The store: atomic replace, idempotent re-ingest, the question, bound parameters.

use std::path::Path;

use oxigraph::model::{Literal, Term};
use resograph::ingest::{self, InputError};
use resograph::store::{Answer, GraphStore, StoreError};
use resograph::{Extractor, requests};

use crate::common;

fn ingest_into(store: &GraphStore, path: &Path) -> usize {
    let k = common::knowledge();
    ingest::store_vocabulary(store, k).unwrap();
    let report = ingest::ingest_file(store, path, k, &Extractor::new(k), None);
    report.outcome.expect("ingested").2
}

fn reference_store() -> (tempfile::TempDir, GraphStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("store")).unwrap();
    ingest_into(&store, &common::reference_path());
    (dir, store)
}

#[test]
fn reingest_is_idempotent() {
    let (_dir, store) = reference_store();
    let before = store.len().unwrap();
    let graphs = store.graphs().unwrap();
    ingest_into(&store, &common::reference_path());
    assert_eq!(store.len().unwrap(), before);
    assert_eq!(store.graphs().unwrap(), graphs);
    assert_eq!(
        graphs.len(),
        2,
        "the document and the vocabulary: {graphs:?}"
    );
}

#[test]
fn replacing_a_document_removes_its_old_triples() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("store")).unwrap();
    let file = dir.path().join("res.txt");
    let v1 = "United Nations S/RES/9999 (2030)\n\nThe Security Council,\n\nRecalling its resolution 1 (1946),\n\n1. Requests the Secretary-General to report on zebras;\n";
    std::fs::write(&file, v1).unwrap();
    ingest_into(&store, &file);
    let has = |word: &str| -> bool {
        let q = "ASK { GRAPH ?g { ?p <https://w3id.org/resograph/ontology#text> ?t . FILTER(CONTAINS(?t, ?w)) } }";
        matches!(
            store
                .query(
                    q,
                    &[("w".into(), Term::from(Literal::new_simple_literal(word)))],
                    None,
                    None
                )
                .unwrap(),
            Answer::Boolean(true)
        )
    };
    assert!(has("zebras"));
    std::fs::write(
        &file,
        v1.replace("zebras", "giraffes")
            .replace("Recalling its resolution 1 (1946),\n\n", ""),
    )
    .unwrap();
    ingest_into(&store, &file);
    assert!(has("giraffes"));
    assert!(!has("zebras"), "stale paragraph text after re-ingest");
    assert!(
        !has("Recalling"),
        "stale preambular paragraph after re-ingest"
    );
}

fn numbers(hits: &[requests::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.number.as_str()).collect()
}

#[test]
fn which_paragraphs_request_unodc_assistance_on_x() {
    let (_dir, store) = reference_store();
    let k = common::knowledge();
    fn question<'a>(actor: &'a str, topic: Option<&'a str>) -> requests::Question<'a> {
        requests::Question {
            actor,
            topic,
            ..Default::default()
        }
    }
    let ask =
        |topic: Option<&str>| requests::ask(&store, k, &question("UNODC", topic), None).unwrap();
    assert_eq!(numbers(&ask(Some("biometric data"))), vec!["13"]);
    // 22 asks UNODC to help prevent "the financing of foreign terrorist fighters" (question
    // seed-02 of tests/data/eval/questions.csv).
    assert_eq!(
        numbers(&ask(Some("terrorist financing"))),
        vec!["16", "17", "22"]
    );
    assert_eq!(
        numbers(&ask(Some("financing of terrorism"))),
        vec!["16", "17", "22"]
    );
    assert_eq!(numbers(&ask(Some("cultural property"))), vec!["18"]);
    assert!(ask(Some("climate change")).is_empty());
    let all = ask(None);
    for n in ["12", "35", "36"] {
        assert!(
            !numbers(&all).contains(&n),
            "paragraph {n} asks only Member States or the Secretary-General"
        );
    }
    for n in ["1", "2", "13", "16", "17", "18", "21", "33"] {
        assert!(
            numbers(&all).contains(&n),
            "paragraph {n} asks UNODC: {:?}",
            numbers(&all)
        );
    }
    let by_name = requests::ask(
        &store,
        k,
        &question(
            "United Nations Office on Drugs and Crime",
            Some("biometric data"),
        ),
        None,
    )
    .unwrap();
    assert_eq!(numbers(&by_name), vec!["13"]);
    let sg = requests::ask(&store, k, &question("Secretary-General", None), None).unwrap();
    assert_eq!(numbers(&sg), vec!["35", "36"]);
}

#[test]
fn canned_query_gives_the_same_answer() {
    let (_dir, store) = reference_store();
    let q = resograph::queries::find("requests-to-actor-on-topic").unwrap();
    let params = vec![
        (
            "actor".to_string(),
            Term::from(Literal::new_simple_literal("UNODC")),
        ),
        (
            "topic".to_string(),
            Term::from(Literal::new_simple_literal("biometric data")),
        ),
    ];
    let Answer::Rows {
        variables, rows, ..
    } = store.query(q.text, &params, None, None).unwrap()
    else {
        panic!("rows")
    };
    let i = variables.iter().position(|v| v == "number").unwrap();
    let got: Vec<String> = rows
        .iter()
        .map(|r| match &r[i] {
            Some(Term::Literal(l)) => l.value().to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(got, vec!["13"]);
}

#[test]
fn updates_are_refused() {
    let (_dir, store) = reference_store();
    let err = store.query("DROP ALL", &[], None, None).unwrap_err();
    assert!(err.to_string().contains("updates are not allowed"), "{err}");
    assert!(store.len().unwrap() > 0);
}

#[test]
fn a_second_writer_gets_store_in_use() {
    let (dir, _store) = reference_store();
    let err = GraphStore::open(&dir.path().join("store"))
        .err()
        .expect("second open fails");
    assert!(err.to_string().starts_with("store in use"), "{err}");
}

#[test]
fn the_lock_is_released_with_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let first = GraphStore::open(&path).unwrap();
    assert!(matches!(
        GraphStore::open(&path),
        Err(StoreError::InUse(p)) if p == path
    ));
    drop(first);
    GraphStore::open(&path).expect("the store opens again once the first one is closed");
}

/// A panic while processing one file (here a stand-in for a parser bug) is that file's
/// failure: the others are still stored, and nothing of that file reaches the store.
#[test]
fn a_panic_in_one_file_is_that_files_failure() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("store")).unwrap();
    let k = common::knowledge();
    let extractor = Extractor::new(k);
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "United Nations S/RES/9999 (2030)\n\nThe Security Council,\n\n1. Requests the Secretary-General to report;\n",
    )
    .unwrap();
    let good = common::reference_path();
    let step = |text: &str, source: &resograph::graph::Source<'_>| {
        if source.file.is_some_and(|f| f.ends_with("bad.txt")) {
            panic!("end byte index {} is not a char boundary", 4);
        }
        ingest::process(text, k, &extractor, source)
    };
    let failed = ingest::ingest_file_with(&store, &bad, None, step);
    let stored = ingest::ingest_file_with(&store, &good, None, step);
    match failed.outcome {
        Err(InputError::Panic(message)) => {
            assert_eq!(message, "end byte index 4 is not a char boundary");
        }
        Err(other) => panic!("not reported as a panic: {other}"),
        Ok(_) => panic!("the panicking file was stored"),
    }
    assert!(
        !ingest::panic_is_caught(),
        "still marked as catching after the step"
    );
    let good_graph = stored.outcome.expect("the other file is stored").0;
    assert_eq!(store.graphs().unwrap(), vec![good_graph.clone()]);
    // Without the panic the same file is a document: its absence above is the panic's doing.
    let again = ingest::ingest_file(&store, &bad, k, &extractor, None);
    let bad_graph = again.outcome.expect("the file itself is fine").0;
    let mut both = vec![good_graph, bad_graph];
    both.sort();
    assert_eq!(store.graphs().unwrap(), both);
}
