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

/// `open` once the lock a dropped store held is free. The lock belongs to the lock file's
/// open description, and a process that another test spawns at that moment holds a copy
/// of every descriptor from its fork to its exec, so the release can lag by that long
/// (it did under CI load). A lock never released still fails, after ten seconds.
fn once_released(
    open: impl Fn() -> Result<GraphStore, StoreError>,
) -> Result<GraphStore, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match open() {
            Err(StoreError::InUse(_)) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => return result,
        }
    }
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
    once_released(|| GraphStore::open(&path))
        .expect("the store opens again once the first one is closed");
}

/// Readers share the store (two at once, each sees it whole); a writer excludes them and
/// they exclude a writer; a reader does not make a store where there is none.
#[test]
fn readers_share_the_store_and_exclude_a_writer() {
    let (dir, store) = reference_store();
    let path = dir.path().join("store");
    let quads = store.len().unwrap();
    assert!(matches!(
        GraphStore::open_read_only(&path),
        Err(StoreError::InUse(_))
    ));
    drop(store);
    let (a, b) = (
        once_released(|| GraphStore::open_read_only(&path)).unwrap(),
        GraphStore::open_read_only(&path).unwrap(),
    );
    assert_eq!((a.len().unwrap(), b.len().unwrap()), (quads, quads));
    assert!(matches!(GraphStore::open(&path), Err(StoreError::InUse(_))));
    drop((a, b));
    once_released(|| GraphStore::open(&path)).expect("a writer once the readers are gone");
    let missing = dir.path().join("none");
    assert!(matches!(
        GraphStore::open_read_only(&missing),
        Err(StoreError::Missing(p)) if p == missing
    ));
    assert!(!missing.exists());
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

/// A store with the synthetic resolution of `tests/data/requests/small-arms.md` and the
/// reference document.
fn requests_store() -> (tempfile::TempDir, GraphStore) {
    let (dir, store) = reference_store();
    ingest_into(
        &store,
        &common::root().join("tests/data/requests/small-arms.md"),
    );
    (dir, store)
}

fn ask_in(
    store: &GraphStore,
    actor: &str,
    topic: Option<&str>,
    narrower: bool,
) -> Result<Vec<requests::Hit>, requests::RequestsError> {
    let question = requests::Question {
        actor,
        topic,
        document: Some("A/RES/99/1"),
        narrower,
    };
    requests::ask(store, common::knowledge(), &question, None)
}

#[test]
fn member_states_means_every_group_of_states_it_includes() {
    let (_dir, store) = requests_store();
    // "all States" and "States in a position to do so"; not 3 (the Secretary-General is
    // asked), nor 7 (Member States are served, not asked).
    let hits = ask_in(&store, "Member States", None, false).unwrap();
    assert_eq!(numbers(&hits), vec!["1", "2"]);
    assert_eq!(hits[1].why.addressee, "States in a position to do so");
    // Named subsets only when asked for.
    let hits = ask_in(&store, "States", None, true).unwrap();
    assert_eq!(numbers(&hits), vec!["1", "2", "5"]);
    // A named subset asked for by name.
    let hits = ask_in(&store, "States parties", None, false).unwrap();
    assert_eq!(numbers(&hits), vec!["5"]);
}

#[test]
fn answers_are_paragraphs_with_the_sub_paragraphs_that_ask() {
    let (_dir, store) = requests_store();
    let hits = ask_in(&store, "Secretary-General", Some("ammunition"), false).unwrap();
    assert_eq!(numbers(&hits), vec!["3"]);
    assert_eq!(hits[0].why.parts, vec!["b"]);
    let topic = hits[0].why.topic.as_ref().unwrap();
    assert_eq!(topic.by, requests::MatchKind::Concept);
    assert_eq!(hits[0].document, "A/RES/99/1");
}

#[test]
fn the_resolutions_subject_carries_a_mandate_that_names_none() {
    let (_dir, store) = requests_store();
    // 2 names no subject of its own; the title is about small arms ("SALW").
    let hits = ask_in(&store, "Member States", Some("SALW"), false).unwrap();
    assert_eq!(numbers(&hits), vec!["1", "2"]);
    assert_eq!(
        hits[1].why.topic.as_ref().unwrap().by,
        requests::MatchKind::Context
    );
    // The broader topic finds it too; an unrelated one does not.
    assert_eq!(
        numbers(&ask_in(&store, "Member States", Some("conventional arms"), false).unwrap()),
        vec!["1", "2"]
    );
    assert!(
        ask_in(&store, "Member States", Some("biometric data"), false)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn actors_the_registry_lacks_are_found_by_their_printed_words() {
    let (_dir, store) = requests_store();
    let hits = ask_in(&store, "Federation of Imaginary Sports", None, false).unwrap();
    assert_eq!(numbers(&hits), vec!["4"]);
    assert_eq!(hits[0].why.addressee, "the Federation of Imaginary Sports");
    // A role of a registry body, printed with it.
    let hits = ask_in(
        &store,
        "Chair of the United Nations Disarmament Commission",
        None,
        false,
    )
    .unwrap();
    assert_eq!(numbers(&hits), vec!["6"]);
    // A name found nowhere: not found, with the closest registry names.
    let err = ask_in(&store, "Internationl Atomic Energy Agncy", None, false).unwrap_err();
    let requests::RequestsError::NotFound { suggestions, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(suggestions[0], "International Atomic Energy Agency");
    // A known actor never asked: no paragraph, no error.
    assert!(ask_in(&store, "IAEA", None, false).unwrap().is_empty());
}

/// Two language versions of one resolution live side by side: the same document and
/// paragraph IRIs, each version's text (tagged with its language), offsets and source in a
/// graph of its own; re-ingesting one leaves the other alone.
#[test]
fn language_versions_do_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("store")).unwrap();
    let body = "\nUnited Nations S/RES/9999 (2030)\n\nThe Security Council,\n\nRecalling its resolution 1 (1946),\n\n1. Requests the Secretary-General to report;\n";
    let (en, fr) = (dir.path().join("en.md"), dir.path().join("fr.md"));
    std::fs::write(&en, format!("---\nlanguage: EN\n---\n{body}")).unwrap();
    // A French version, its text stood in for by the English one with a longer preamble,
    // so that its offsets differ.
    let french = body.replace("1 (1946),", "1 (1946) et 2 (1946),");
    std::fs::write(&fr, format!("---\nlanguage: FR\n---\n{french}")).unwrap();
    ingest_into(&store, &en);
    let english = store.quads(None).unwrap();
    ingest_into(&store, &fr);
    ingest_into(&store, &fr);
    let graphs: Vec<String> = store
        .graphs()
        .unwrap()
        .iter()
        .map(|g| g.as_str().to_string())
        .collect();
    let doc = "https://w3id.org/resograph/doc/S/RES/9999(2030)";
    assert!(graphs.contains(&doc.to_string()), "{graphs:?}");
    assert!(
        graphs.contains(&"https://w3id.org/resograph/graph/fr/S/RES/9999(2030)".to_string()),
        "{graphs:?}"
    );
    // The English graph is as it was.
    let en_graph = oxigraph::model::NamedNode::new(doc).unwrap();
    let now: Vec<_> = store.quads(Some(&en_graph)).unwrap();
    let before: Vec<_> = english
        .into_iter()
        .filter(|q| q.graph_name.to_string() == format!("<{doc}>"))
        .collect();
    assert_eq!(now, before);
    // One paragraph IRI, a text per language, each in its graph.
    let q = "SELECT ?g ?t WHERE { GRAPH ?g { ?p <https://w3id.org/resograph/ontology#text> ?t } FILTER(STRENDS(STR(?p), \"/para_1\")) } ORDER BY ?g";
    let Answer::Rows { rows, .. } = store.query(q, &[], None, None).unwrap() else {
        panic!("rows")
    };
    let langs: Vec<String> = rows
        .iter()
        .map(|r| match &r[1] {
            Some(Term::Literal(l)) => l.language().unwrap_or("").to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(langs, ["en", "fr"]);
}

/// The batch writer behind `ingest`: new graphs are absent until the commit, then whole; a
/// graph written twice before a commit (two files naming one document) holds the second
/// version only, as one by one; a graph already stored is replaced, not merged.
#[test]
fn the_batch_writer_commits_whole_graphs_and_the_later_version_wins() {
    use oxigraph::model::{NamedNode, Quad};
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&dir.path().join("store")).unwrap();
    let g = |n: &str| NamedNode::new(format!("https://example.org/g/{n}")).unwrap();
    let quads = |graph: &NamedNode, words: &[&str]| -> Vec<Quad> {
        words
            .iter()
            .map(|w| {
                Quad::new(
                    g("s"),
                    g("p"),
                    Literal::new_simple_literal(*w),
                    graph.clone(),
                )
            })
            .collect()
    };
    let words_in = |graph: &NamedNode| -> Vec<String> {
        let mut w: Vec<String> = store
            .quads(Some(graph))
            .unwrap()
            .iter()
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_string(),
                other => panic!("{other}"),
            })
            .collect();
        w.sort();
        w
    };
    let (a, b) = (g("a"), g("b"));
    let mut writer = store.writer();
    writer
        .write(vec![(a.clone(), quads(&a, &["one", "two"]))])
        .unwrap();
    writer.write(vec![(b.clone(), quads(&b, &["x"]))]).unwrap();
    assert_eq!(writer.uncommitted_quads(), 3);
    assert!(
        store.graphs().unwrap().is_empty(),
        "visible before the commit"
    );
    // `a` again, before any commit: the later version replaces the earlier.
    writer
        .write(vec![(a.clone(), quads(&a, &["three"]))])
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(writer.uncommitted_quads(), 0);
    assert_eq!(words_in(&a), ["three"]);
    assert_eq!(words_in(&b), ["x"]);
    // A stored graph written again is replaced, in the same writer after its commit.
    writer
        .write(vec![(b.clone(), quads(&b, &["y", "z"]))])
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(words_in(&b), ["y", "z"]);
    assert_eq!(store.len().unwrap(), 3);
}
