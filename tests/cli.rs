//! The command line as a user runs it.

use std::process::Command;

use assert_cmd::prelude::*;
use predicates::prelude::*;

use crate::common;

fn resograph(store: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("resograph").unwrap();
    c.current_dir(common::root())
        .env("RESOGRAPH_STORE", store)
        .env_remove("RESOGRAPH_DATA");
    c
}

#[test]
fn ingest_query_requests_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    resograph(&store)
        .args(["ingest", "data/corpus"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("ingested 6 documents")
                .and(predicate::str::contains("0 failures")),
        );

    let out = resograph(&store)
        .args(["query", "documents", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["results"]["bindings"].as_array().unwrap().len(),
        6,
        "{json}"
    );

    let out = resograph(&store)
        .args([
            "requests",
            "--to",
            "UNODC",
            "--topic",
            "biometric data",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["number"], "13");
    assert_eq!(hits[0]["verb"], "Requests");
    assert!(hits[0]["iri"].as_str().unwrap().ends_with("/para_13"));
    assert!(hits[0]["text"].as_str().unwrap().contains("biometric data"));
    // A document without a symbol is shown by its body, session and title.
    assert_eq!(
        hits[0]["document"],
        "CCPCJ, Thirty-second session: Technical assistance provided by the United Nations Office…"
    );
    assert!(
        hits[0]["document_iri"]
            .as_str()
            .unwrap()
            .contains("/unsymboled/")
    );
    // Why: the addressee as printed, the verb, what matched the topic.
    assert_eq!(
        hits[0]["why"]["addressee"],
        "the United Nations Office on Drugs and Crime"
    );
    assert_eq!(hits[0]["why"]["verb"], "Requests");
    assert_eq!(hits[0]["why"]["topic"]["by"], "concept");
    assert_eq!(hits[0]["why"]["topic"]["label"], "biometrics");

    resograph(&store)
        .args(["requests", "--to", "UNODC", "--topic", "climate change"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no paragraph"));

    resograph(&store)
        .args([
            "query",
            "requests-to-actor-on-topic",
            "--param",
            "actor=UNODC",
            "--param",
            "topic=biometric data",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(",13,"));

    let a = resograph(&store).args(["export"]).output().unwrap();
    let b = resograph(&store).args(["export"]).output().unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout, "two exports of the same store differ");
    let turtle = String::from_utf8(a.stdout).unwrap();
    assert!(turtle.starts_with("@prefix"));
    assert!(turtle.contains("rg:Resolution"));
}

#[test]
fn parse_prints_the_document_model() {
    let out = Command::cargo_bin("resograph")
        .unwrap()
        .current_dir(common::root())
        .arg("parse")
        .arg(common::reference_path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["metadata", "preamble", "operative", "footnotes"] {
        assert!(doc.get(key).is_some(), "{key}");
    }
    let p13 = &doc["operative"][12];
    assert_eq!(p13["number"], "13");
    assert!(p13["span"]["start"].as_u64().unwrap() > 0);
    assert!(
        p13["text"]
            .as_str()
            .unwrap()
            .starts_with("Requests the United Nations Office on Drugs and Crime")
    );
    assert!(doc["operative"][0]["subparagraphs"].is_array());

    let out = Command::cargo_bin("resograph")
        .unwrap()
        .current_dir(common::root())
        .args(["parse", "--format", "turtle"])
        .arg(common::reference_path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let quads: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(&out.stdout)
        .collect::<Result<_, _>>()
        .expect("parse --format turtle is valid Turtle");
    assert!(quads.len() > 1000);
}

#[test]
fn query_list_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    resograph(&store)
        .args(["query", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("requests-to-actor-on-topic"));
    resograph(&store)
        .args(["query", "no-such-query"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no canned query"));
    resograph(&store)
        .args(["query", "SELECT * WHERE { ?s ?p }"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid SPARQL"));
    resograph(&store)
        .args(["query", "DELETE WHERE { ?s ?p ?o }"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("updates are not allowed"));
    resograph(&store).args(["frobnicate"]).assert().code(2);
    // A command that only reads does not make a store where there is none.
    resograph(&store)
        .args(["query", "ASK {}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no store at"));
    assert!(!store.exists());
}

/// ASK answers a boolean, not the row that makes it true (it did, through the pre-binding
/// that rewrites ASK as SELECT).
#[test]
fn ask_answers_true_or_false() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    resograph(&store)
        .args(["ingest"])
        .arg(common::root().join("data/corpus/S_RES_1445_2002_EN_GOLD.txt"))
        .assert()
        .success();
    for (query, want) in [
        ("ASK { GRAPH ?g { ?s ?p ?o } }", "true"),
        ("ASK { GRAPH ?g { ?s <urn:nothing> ?o } }", "false"),
    ] {
        let out = resograph(&store)
            .args(["query", "--format", "json", query])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(&format!("\"boolean\":{want}")),
            "{query}: {text}"
        );
    }
    // CONSTRUCT without parameters runs as written (it was refused as if it had some).
    resograph(&store)
        .args([
            "query",
            "CONSTRUCT { ?g a <urn:doc> } WHERE { GRAPH ?g { ?g <https://w3id.org/resograph/ontology#symbol> ?s } }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("<urn:doc>"));
}

#[test]
fn store_in_use_has_its_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _held = resograph::GraphStore::open(&path).unwrap();
    resograph(&path)
        .args(["query", "documents"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("store in use"));
}

#[test]
fn broken_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    resograph(&store)
        .args(["ingest", "data/corpus"])
        .assert()
        .success();
    let bin = assert_cmd::cargo::cargo_bin("resograph");
    let status = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' export --format ntriples | head -c 10 >/dev/null",
            bin.display()
        ))
        .env("RESOGRAPH_STORE", &store)
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(status.status.success(), "exit {:?}", status.status);
    assert!(
        status.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Without --store or RESOGRAPH_STORE, the store is resograph/store in the XDG data
/// directory; a relative XDG_DATA_HOME is ignored, as the XDG spec says.
#[test]
fn the_default_store_is_in_the_xdg_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg");
    let text = dir.path().join("res.txt");
    std::fs::write(
        &text,
        "United Nations S/RES/9999 (2030)\n\nThe Security Council,\n\n1. Requests the Secretary-General to report;\n",
    )
    .unwrap();
    for (xdg_data_home, expected) in [
        (xdg.as_os_str(), xdg.join("resograph/store")),
        (
            std::ffi::OsStr::new("relative/data"),
            home.join(".local/share/resograph/store"),
        ),
    ] {
        Command::cargo_bin("resograph")
            .unwrap()
            .current_dir(dir.path())
            .env_remove("RESOGRAPH_STORE")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", xdg_data_home)
            .arg("ingest")
            .arg(&text)
            .assert()
            .success();
        assert!(
            expected.join(resograph::store::LOCK_FILE).is_file(),
            "no store at {}",
            expected.display()
        );
    }
    assert!(!dir.path().join("relative").exists());
}
