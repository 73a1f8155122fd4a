//! `resograph serve`, started for real on loopback and queried over HTTP: the SPARQL 1.1
//! Protocol (GET, POST, forms, datasets, formats by Accept, errors, read-only), its limits,
//! CORS, the Graph Store Protocol's read side and the service description. The store holds
//! the sample texts of data/corpus, so these tests always run.

use std::path::Path;
use std::process::{Command, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};

use crate::common::{self, Server};

/// Ingests data/corpus into a fresh store under `dir`.
fn sample_store(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    let status = resograph(&store)
        .arg("ingest")
        .arg(common::root().join("data/corpus"))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // The sample corpus holds a README that is not a resolution: exit code 1, the texts in.
    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
    store
}

fn resograph(store: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("resograph"));
    c.env_remove("RESOGRAPH_DATA")
        .env_remove("RESOGRAPH_STORE")
        .arg("--store")
        .arg(store)
        .arg("--data")
        .arg(common::root().join("data"));
    c
}

/// Starts the server on a port the system picks, with `extra` options.
fn start(store: &Path, extra: &[&str]) -> Server {
    common::serve(resograph(store), extra)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Status, content type and body of a response.
fn read(mut r: ureq::http::Response<ureq::Body>) -> (u16, String, String) {
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = r.body_mut().read_to_string().unwrap();
    (status, content_type, body)
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

const COUNT_DOCUMENTS: &str = "PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g rg:symbol ?symbol } }";

#[test]
fn the_sparql_protocol_answers_get_post_and_forms_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let a = agent();
    let url = format!("{}/sparql", server.base);

    // GET, JSON by default.
    let (status, ct, body) = read(
        a.get(format!("{url}?query={}", encode(COUNT_DOCUMENTS)))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    assert!(ct.starts_with("application/sparql-results+json"), "{ct}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let n: usize = json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n >= 5, "{body}");

    // POST application/sparql-query, and a form, in the other formats.
    for (accept, want) in [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("application/xml;q=0.5, text/csv;q=0.9", "text/csv"),
    ] {
        let (status, ct, body) = read(
            a.post(&url)
                .header("Accept", accept)
                .header("Content-Type", "application/sparql-query")
                .send(COUNT_DOCUMENTS)
                .unwrap(),
        );
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(ct.starts_with(want), "{accept}: {ct}");
        assert!(body.contains(&n.to_string()), "{accept}: {body}");
    }
    let (status, _, body) = read(
        a.post(&url)
            .header("Accept", "text/csv")
            .send_form([("query", COUNT_DOCUMENTS)])
            .unwrap(),
    );
    assert_eq!(
        (status, body.lines().nth(1)),
        (200, Some(n.to_string().as_str()))
    );

    // ASK.
    let (status, _, body) = read(
        a.get(format!(
            "{url}?query={}",
            encode("ASK { GRAPH ?g { ?s ?p ?o } }")
        ))
        .call()
        .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(body.contains("true"), "{body}");

    // CONSTRUCT in each graph format, parsed back.
    let construct = "PREFIX rg: <https://w3id.org/resograph/ontology#>
        CONSTRUCT { ?g rg:symbol ?s } WHERE { GRAPH ?g { ?g rg:symbol ?s } }";
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let (status, ct, body) = read(
            a.get(format!("{url}?query={}", encode(construct)))
                .header("Accept", accept)
                .call()
                .unwrap(),
        );
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(ct.starts_with(accept), "{accept}: {ct}");
        let triples = RdfParser::from_format(format)
            .for_slice(body.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{accept}: {e}\n{body}"));
        assert!(triples.len() >= 4, "{accept}: {}", triples.len());
    }

    // A format it does not write.
    let (status, _, _) = read(
        a.get(format!("{url}?query={}", encode(COUNT_DOCUMENTS)))
            .header("Accept", "image/png")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 406);
}

#[test]
fn the_protocol_dataset_restricts_the_query() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let a = agent();
    let url = format!("{}/sparql", server.base);
    let graph = "https://w3id.org/resograph/doc/S/RES/1445(2002)";
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let csv_count = |query_string: String| -> usize {
        let (status, _, body) = read(
            a.get(format!("{url}?{query_string}"))
                .header("Accept", "text/csv")
                .call()
                .unwrap(),
        );
        assert_eq!(status, 200, "{body}");
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    let all = csv_count(format!("query={}", encode(count)));
    let one = csv_count(format!(
        "query={}&default-graph-uri={}",
        encode(count),
        encode(graph)
    ));
    assert!(one > 0 && one < all, "{one} of {all}");
    // Named graphs by the protocol: only those.
    let named = csv_count(format!(
        "query={}&named-graph-uri={}",
        encode("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        encode(graph)
    ));
    assert_eq!(named, 1);
}

#[test]
fn errors_updates_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(
        &store,
        &[
            "--max-rows",
            "3",
            "--max-request-bytes",
            "2000",
            "--timeout",
            "1",
        ],
    );
    let a = agent();
    let url = format!("{}/sparql", server.base);
    let quads = |a: &ureq::Agent| -> usize {
        let (_, _, body) = read(
            a.get(format!(
                "{url}?query={}",
                encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            ))
            .header("Accept", "text/csv")
            .call()
            .unwrap(),
        );
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    let before = quads(&a);

    // A syntax error: 400 with the parser's message.
    let (status, ct, body) = read(
        a.get(format!("{url}?query={}", encode("SELECT ?x WHERE { ?x")))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 400);
    assert!(ct.starts_with("text/plain"), "{ct}");
    assert!(body.contains("SPARQL"), "{body}");

    // Updates, in each of the protocol's ways: refused, nothing changed.
    let drop_all = "DROP ALL";
    for (status, body) in [
        read(a.post(&url).send_form([("update", drop_all)]).unwrap()),
        read(
            a.post(&url)
                .header("Content-Type", "application/sparql-update")
                .send(drop_all)
                .unwrap(),
        ),
        read(
            a.get(format!("{url}?update={}", encode(drop_all)))
                .call()
                .unwrap(),
        ),
    ]
    .into_iter()
    .map(|(s, _, b)| (s, b))
    {
        assert_eq!(status, 403, "{body}");
    }
    // An update sent as a query does not parse as one.
    let (status, _, _) = read(
        a.post(&url)
            .header("Content-Type", "application/sparql-query")
            .send(drop_all)
            .unwrap(),
    );
    assert_eq!(status, 400);
    assert_eq!(quads(&a), before);

    // The row cap cuts the answer and says so.
    let r = a
        .get(format!(
            "{url}?query={}",
            encode("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
        ))
        .header("Accept", "text/csv")
        .call()
        .unwrap();
    let truncated = r
        .headers()
        .get("resograph-truncated")
        .map(|v| v.to_str().unwrap().to_string());
    let (status, _, body) = read(r);
    assert_eq!(status, 200);
    assert_eq!(body.lines().count(), 1 + 3, "{body}");
    assert_eq!(truncated.as_deref(), Some("3 rows"));

    // The request size cap.
    let big = format!("SELECT * WHERE {{ ?s ?p \"{}\" }}", "x".repeat(4000));
    let (status, _, _) = read(
        a.post(&url)
            .header("Content-Type", "application/sparql-query")
            .send(&big)
            .unwrap(),
    );
    assert_eq!(status, 413);

    // The timeout: a cross product of the store with itself, cancelled after a second.
    let started = std::time::Instant::now();
    let (status, _, body) = read(
        a.get(format!(
            "{url}?query={}",
            encode(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?x ?y ?z } GRAPH ?c { ?u ?v ?w } }"
            )
        ))
        .call()
        .unwrap(),
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("cancelled"), "{body}");
    // At the deadline (a second and a grace second), though the query computes on.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );

    // No CORS headers unless asked for.
    let r = a
        .get(format!("{url}?query={}", encode(COUNT_DOCUMENTS)))
        .header("Origin", "https://example.org")
        .call()
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[test]
fn cors_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &["--cors"]);
    let a = agent();
    let url = format!("{}/sparql", server.base);
    let r = a
        .get(format!("{url}?query={}", encode(COUNT_DOCUMENTS)))
        .header("Origin", "https://example.org")
        .call()
        .unwrap();
    assert_eq!(
        r.headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
    // A preflight request.
    let r = a
        .options(&url)
        .header("Origin", "https://example.org")
        .header("Access-Control-Request-Method", "POST")
        .call()
        .unwrap();
    assert!(r.status().is_success());
    assert!(r.headers().get("access-control-allow-methods").is_some());
}

#[test]
fn graph_store_protocol_and_service_description() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let a = agent();
    let graph = "https://w3id.org/resograph/doc/S/RES/1445(2002)";

    // A document's graph, whole: as many triples as the store's graph holds.
    let (status, ct, body) = read(
        a.get(format!("{}/store?graph={}", server.base, encode(graph)))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    assert!(ct.starts_with("text/turtle"), "{ct}");
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let (_, _, count) = read(
        a.get(format!(
            "{}/sparql?query={}",
            server.base,
            encode(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ))
        ))
        .header("Accept", "text/csv")
        .call()
        .unwrap(),
    );
    let count: usize = count.lines().nth(1).unwrap().trim().parse().unwrap();
    assert_eq!(triples.len(), count);
    // N-Triples by Accept.
    let (status, ct, _) = read(
        a.get(format!("{}/store?graph={}", server.base, encode(graph)))
            .header("Accept", "application/n-triples")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/n-triples"), "{ct}");
    // A graph the store lacks, the default graph (empty), a request without either.
    let missing = "https://w3id.org/resograph/doc/S/RES/9999(2099)";
    let (status, _, _) = read(
        a.get(format!("{}/store?graph={}", server.base, encode(missing)))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 404);
    let (status, _, body) = read(
        a.get(format!("{}/store?default", server.base))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    let default_graph = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(default_graph.is_empty());
    let (status, _, _) = read(a.get(format!("{}/store", server.base)).call().unwrap());
    assert_eq!(status, 400);
    // Read side only.
    let (status, _, _) = read(
        a.put(format!("{}/store?graph={}", server.base, encode(graph)))
            .header("Content-Type", "text/turtle")
            .send("<a:b> <a:c> <a:d> .")
            .unwrap(),
    );
    assert_eq!(status, 405);

    // The service description at the endpoint's address.
    let (status, _, body) = read(a.get(format!("{}/sparql", server.base)).call().unwrap());
    assert_eq!(status, 200);
    let sd = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let has = |p: &str, o: &str| {
        sd.iter()
            .any(|t| t.predicate.as_str().ends_with(p) && t.object.to_string().contains(o))
    };
    assert!(
        has("#endpoint", &format!("{}/sparql", server.base)),
        "{body}"
    );
    assert!(has("#supportedLanguage", "SPARQL11Query"), "{body}");
    assert!(has("#resultFormat", "SPARQL_Results_JSON"), "{body}");
    assert!(has("#feature", "UnionDefaultGraph"), "{body}");
}

/// The dataset's VoID and DCAT description, from the server (with its endpoint) and from
/// `export --describe`: the statements and documents it counts are the store's, and it
/// states the links to undocs.org as a linkset.
#[test]
fn the_dataset_describes_itself_in_void_and_dcat() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let exported = resograph(&store)
        .args(["export", "--describe"])
        .output()
        .unwrap();
    assert!(exported.status.success());
    let server = start(&store, &[]);
    let a = agent();
    let (_, _, count) = read(
        a.get(format!(
            "{}/sparql?query={}",
            server.base,
            encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        ))
        .header("Accept", "text/csv")
        .call()
        .unwrap(),
    );
    let quads: usize = count.lines().nth(1).unwrap().trim().parse().unwrap();
    // Every text ingested, the one without a symbol too.
    let every_document = "PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d rg:layout ?layout } }";
    let (_, _, documents) = read(
        a.get(format!(
            "{}/sparql?query={}",
            server.base,
            encode(every_document)
        ))
        .header("Accept", "text/csv")
        .call()
        .unwrap(),
    );
    let documents: usize = documents.lines().nth(1).unwrap().trim().parse().unwrap();
    for path in ["/void", "/.well-known/void"] {
        let (status, ct, body) = read(a.get(format!("{}{path}", server.base)).call().unwrap());
        assert_eq!(status, 200, "{path}: {body}");
        assert!(ct.starts_with("text/turtle"), "{ct}");
        for (source, text) in [
            (path, body.as_str()),
            (
                "export --describe",
                std::str::from_utf8(&exported.stdout).unwrap(),
            ),
        ] {
            let t = RdfParser::from_format(RdfFormat::Turtle)
                .for_slice(text.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .unwrap_or_else(|e| panic!("{source}: {e}"));
            let value = |s: &str, p: &str| {
                t.iter()
                    .find(|x| {
                        x.subject.to_string() == format!("<{s}>")
                            && x.predicate.as_str().ends_with(p)
                    })
                    .map(|x| match &x.object {
                        oxigraph::model::Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    })
            };
            let dataset = "https://w3id.org/resograph/dataset";
            assert_eq!(
                value(dataset, "#triples"),
                Some(quads.to_string()),
                "{source}"
            );
            assert_eq!(
                value(dataset, "#documents"),
                Some(documents.to_string()),
                "{source}"
            );
            assert!(
                t.iter()
                    .any(|x| x.predicate.as_str().ends_with("#objectsTarget")
                        && x.object.to_string() == "<https://undocs.org/>"),
                "{source}: no linkset to undocs.org"
            );
            let endpoint = value(dataset, "#sparqlEndpoint");
            if source.starts_with('/') {
                assert_eq!(
                    endpoint,
                    Some(format!("<{}/sparql>", server.base)),
                    "{source}"
                );
            } else {
                assert_eq!(endpoint, None, "{source}");
            }
        }
    }
}

/// The IRIs the graph mints are dereferenceable on the server: a document's IRI gives its
/// graph, an actor's what the store says of it; anything else is a 404.
#[test]
fn minted_iris_are_dereferenceable() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let a = agent();
    let parse = |body: &str, format: RdfFormat| {
        RdfParser::from_format(format)
            .for_slice(body.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    };
    let (status, ct, body) = read(
        a.get(format!("{}/doc/S/RES/1445(2002)", server.base))
            .header("Accept", "text/turtle")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    assert!(ct.starts_with("text/turtle"));
    let document = parse(&body, RdfFormat::Turtle);
    let (_, _, whole) = read(
        a.get(format!(
            "{}/store?graph={}",
            server.base,
            encode("https://w3id.org/resograph/doc/S/RES/1445(2002)")
        ))
        .call()
        .unwrap(),
    );
    assert_eq!(document.len(), parse(&whole, RdfFormat::Turtle).len());
    let (status, _, body) = read(
        a.get(format!("{}/actor/unodc", server.base))
            .header("Accept", "application/n-triples")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    let about = parse(&body, RdfFormat::NTriples);
    assert!(
        about
            .iter()
            .all(|t| t.subject.to_string() == "<https://w3id.org/resograph/actor/unodc>")
    );
    assert!(
        about
            .iter()
            .any(|t| t.predicate.as_str().ends_with("#prefLabel"))
    );
    for missing in ["/actor/no-such-actor", "/elsewhere"] {
        let (status, _, _) = read(a.get(format!("{}{missing}", server.base)).call().unwrap());
        assert_eq!(status, 404, "{missing}");
    }
}

/// `push` refuses what it cannot do before sending anything, and reports a server that
/// refuses the graphs (here `serve`, which is read-only) graph by graph, exit code 1.
/// Pushes that land are tested against real triplestores in tests/python/test_push.py.
#[test]
fn push_reports_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let out = resograph(&store)
        .args(["push", "--to", "ftp://127.0.0.1/store"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://"));
    let out = resograph(&store)
        .env_remove("RESOGRAPH_PUSH_PASSWORD")
        .args(["push", "--to", "http://127.0.0.1:9/store", "--user", "dba"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RESOGRAPH_PUSH_PASSWORD"));
    // Read-only, so that push may read the store it serves.
    let server = start(&store, &["--read-only"]);
    let out = resograph(&store)
        .args(["push", "--to", &format!("{}/store", server.base)])
        .args(["--graph", "https://w3id.org/resograph/doc/S/RES/1445(2002)"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("405") && stderr.contains("1 failed"),
        "{stderr}"
    );
}

/// The reader's pages answer a browser in HTML and a program in JSON (their rendering in a
/// real browser: tests/python/test_pages.py).
#[test]
fn pages_for_a_browser_and_json_for_a_program() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let a = agent();
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let (status, ct, body) = read(
        a.get(format!("{}/", server.base))
            .header("Accept", browser)
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(
        body.contains("<datalist id=\"actors\">") && body.contains("UNODC"),
        "{body}"
    );
    let url = format!(
        "{}/requests?to=UNODC&topic={}",
        server.base,
        encode("biometric data")
    );
    let (status, _, body) = read(a.get(&url).header("Accept", browser).call().unwrap());
    assert_eq!(status, 200);
    assert!(
        body.contains("paragraph 13") && body.contains("<mark class=\"topic\">"),
        "{body}"
    );
    let (status, ct, body) = read(
        a.get(&url)
            .header("Accept", "application/json")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/json"), "{ct}");
    let hits: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        hits.as_array().unwrap().iter().any(|h| h["number"] == "13"),
        "{body}"
    );
    // A document's IRI: its page for a browser, its graph for a program.
    let doc = format!("{}/doc/S/RES/1445(2002)", server.base);
    let (_, ct, body) = read(a.get(&doc).header("Accept", browser).call().unwrap());
    assert!(
        ct.starts_with("text/html") && body.contains("S/RES/1445 (2002)"),
        "{ct}"
    );
    let (_, ct, _) = read(a.get(&doc).header("Accept", "text/turtle").call().unwrap());
    assert!(ct.starts_with("text/turtle"), "{ct}");
    // An unknown actor: the page says so.
    let (status, _, body) = read(
        a.get(format!("{}/requests?to=Nobody+At+All", server.base))
            .header("Accept", browser)
            .call()
            .unwrap(),
    );
    assert_eq!(status, 404);
    assert!(body.contains("not in the actor registry"), "{body}");
}

/// The number `query` (a SELECT of one count ?n) gives at the server's endpoint.
fn count(server: &Server, query: &str) -> usize {
    common::served_count(&server.base, query)
}

/// A text of data/corpus under a symbol of its own, written into `dir`.
fn new_document(dir: &Path, number: u32) -> std::path::PathBuf {
    let text = std::fs::read_to_string(common::root().join("data/corpus/A_RES_80_11.md")).unwrap();
    assert!(text.contains("symbol: A/RES/80/11\n"));
    let path = dir.join(format!("A_RES_80_{number}.md"));
    let text = text.replace(
        "symbol: A/RES/80/11\n",
        &format!("symbol: A/RES/80/{number}\n"),
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_ingest_on_a_served_store_is_handed_to_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &[]);
    let registration = resograph::handoff::Registration::read(&store).expect("registered");
    assert!(registration.writable);
    assert_eq!(registration.url, server.base);
    let before = count(&server, COUNT_DOCUMENTS);
    let void_before = read(agent().get(format!("{}/void", server.base)).call().unwrap()).2;

    // Two new documents and a file that is not UTF-8: the documents go in through the
    // server, the bad file is named, the exit code says it.
    let input = dir.path().join("input");
    std::fs::create_dir(&input).unwrap();
    new_document(&input, 901);
    new_document(&input, 902);
    std::fs::write(
        input.join("latin1.txt"),
        b"Resolution 1 (2000)\n\xe9t\xe9\n",
    )
    .unwrap();
    let out = resograph(&store)
        .arg("ingest")
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("handing 3 files to it"), "{stderr}");
    assert!(
        stderr.contains("latin1.txt: line 2, column 1: not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ingested 2 documents") && stderr.contains("1 failure"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("(by the server at {})", server.base)),
        "{stderr}"
    );
    assert_eq!(count(&server, COUNT_DOCUMENTS), before + 2);
    // The new documents are served whole: their pages, and the dataset's counts.
    let (status, _, page) = read(
        agent()
            .get(format!("{}/doc/A/RES/80/902", server.base))
            .header("Accept", "text/html")
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(page.contains("A/RES/80/902"));
    let void_after = read(agent().get(format!("{}/void", server.base)).call().unwrap()).2;
    assert_ne!(
        void_before, void_after,
        "the description counts the new documents"
    );

    // Re-ingesting a document through the server replaces its graph: same count.
    let out = resograph(&store)
        .arg("ingest")
        .arg(input.join("A_RES_80_901.md"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&server, COUNT_DOCUMENTS), before + 2);

    // Without the token, the server takes nothing.
    let (status, _, body) = read(
        agent()
            .post(format!("{}/ingest", server.base))
            .header("Content-Type", "application/json")
            .send(r#"{"files":[],"symbol":null,"data":null,"batch_quads":1,"commit_quads":1,"threads":null}"#)
            .unwrap(),
    );
    assert_eq!(status, 401, "{body}");

    // Other commands are told where the store is served.
    let out = resograph(&store)
        .args(["query", "ASK {}"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!("{}/sparql", server.base)),
        "{stderr}"
    );

    // Stopped, the server removes its registration, and the store is the CLI's again.
    assert!(server.stop().success());
    assert!(resograph::handoff::Registration::read(&store).is_none());
    let out = resograph(&store)
        .args(["query", "ASK {}"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_read_only_server_shares_the_store_with_readers_and_refuses_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let server = start(&store, &["--read-only"]);
    let out = resograph(&store)
        .args(["query", "ASK {}"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = new_document(dir.path(), 903);
    let out = resograph(&store).arg("ingest").arg(file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("--read-only"), "{stderr}");
    drop(server);
}
