//! The store: atomic replace, idempotent re-ingest, the question, bound parameters.

use std::path::Path;

use oxigraph::model::{Literal, Term};
use resograph::ingest;
use resograph::store::{Answer, GraphStore};
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
    let ask = |topic: Option<&str>| requests::ask(&store, k, "UNODC", topic, None).unwrap();
    assert_eq!(numbers(&ask(Some("biometric data"))), vec!["13"]);
    assert_eq!(numbers(&ask(Some("terrorist financing"))), vec!["16", "17"]);
    assert_eq!(
        numbers(&ask(Some("financing of terrorism"))),
        vec!["16", "17"]
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
        "United Nations Office on Drugs and Crime",
        Some("biometric data"),
        None,
    )
    .unwrap();
    assert_eq!(numbers(&by_name), vec!["13"]);
    let sg = requests::ask(&store, k, "Secretary-General", None, None).unwrap();
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
fn parameters_are_values_not_query_text() {
    let (_dir, store) = reference_store();
    let before = store.len().unwrap();
    let k = common::knowledge();
    for payload in [
        "\" } ; DROP ALL ; INSERT DATA { <a> <b> <c> } #",
        "\\u0022",
        "> } ; DROP ALL ; INSERT DATA {",
        "SERVICE <http://127.0.0.1/> { ?s ?p ?o }",
        "x\ny",
        "{}\\\"'",
    ] {
        let hits = requests::ask(&store, k, "UNODC", Some(payload), None).unwrap();
        assert!(hits.is_empty(), "{payload}");
        assert!(
            requests::ask(&store, k, payload, None, None).is_err(),
            "{payload} is no actor"
        );
    }
    assert_eq!(store.len().unwrap(), before);
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
