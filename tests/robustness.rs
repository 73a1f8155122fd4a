//! Robustness: hostile input, random and mutated text, crashes, concurrency, injection.
//!
//! Fixtures are under `tests/data/hostile/`, with the expected diagnostics as golden files
//! under `tests/data/hostile/expected/` (checked by hand, see RELIABILITY.md). Big inputs
//! (a 50 MB file, a 200,000-character line) are generated at test time, never committed.
//! Property tests take their number of cases from `PROPTEST_CASES` (default 64 here); the
//! long run is `PROPTEST_CASES=10000 cargo test --release robustness`.

use std::collections::BTreeMap;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term, Triple};
use proptest::prelude::*;
use resograph::graph::Source;
use resograph::store::GraphStore;
use resograph::vocab::prov;
use resograph::{Extractor, ingest};

use crate::common;

// ------------------------------------------------------------------ helpers

/// `resograph --store STORE ...`, run from `dir`, with no RESOGRAPH_* from the caller.
fn resograph(store: &Path, dir: &Path) -> Command {
    let mut c = Command::cargo_bin("resograph").expect("binary built");
    c.current_dir(dir)
        .env_remove("RESOGRAPH_DATA")
        .env_remove("RESOGRAPH_STORE")
        .arg("--store")
        .arg(store)
        .arg("--data")
        .arg(common::root().join("data"));
    c
}

fn hostile_dir() -> PathBuf {
    common::root().join("tests/data/hostile")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command, killing it if it outlives `limit` (assert_cmd's timeout).
fn run_with_limit(cmd: Command, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let output = assert_cmd::Command::from_std(cmd)
        .timeout(limit)
        .output()
        .expect("run resograph");
    (output, started.elapsed())
}

/// Asserts that a process ended by itself with a code, not by a signal (panic = 101).
fn assert_clean_exit(out: &Output, what: &str) -> i32 {
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{what}: panic\n{stderr}"
    );
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{what}: killed by a signal ({:?})\n{stderr}", out.status));
    assert_ne!(code, 101, "{what}: panic exit code\n{stderr}");
    code
}

/// The `error:` and `warning:` lines of an ingest's stderr (the summary line has a time).
fn diagnostics(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .map(str::to_string)
        .collect()
}

fn golden(name: &str) -> Vec<String> {
    let path = hostile_dir().join("expected").join(format!("{name}.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

fn sort_key(q: &Quad) -> String {
    q.to_string()
}

fn sorted(mut quads: Vec<Quad>) -> Vec<Quad> {
    quads.sort_by_cached_key(sort_key);
    quads.dedup();
    quads
}

fn as_triples(quads: &[Quad]) -> Vec<Quad> {
    sorted(
        quads
            .iter()
            .map(|q| Triple::from(q.clone()).in_graph(GraphName::DefaultGraph))
            .collect(),
    )
}

/// The quads of a stored graph without the record of its ingest, and how many ingests it
/// records: `ingest` adds to the graph that `process` builds a `prov:Activity` (with the
/// time, so never equal to a reference) that the document `prov:wasGeneratedBy`.
fn without_ingest_activity(quads: Vec<Quad>) -> (QuadSet, usize) {
    let activities: std::collections::HashSet<Term> = quads
        .iter()
        .filter(|q| q.predicate == prov::WAS_GENERATED_BY)
        .map(|q| q.object.clone())
        .collect();
    let rest = quads
        .into_iter()
        .filter(|q| q.predicate != prov::WAS_GENERATED_BY)
        .filter(|q| !activities.contains(&Term::from(q.subject.clone())))
        .collect();
    (rest, activities.len())
}

/// A readable first difference between two sorted quad lists.
fn first_difference(left: &[Quad], right: &[Quad]) -> String {
    let l: std::collections::BTreeSet<String> = left.iter().map(sort_key).collect();
    let r: std::collections::BTreeSet<String> = right.iter().map(sort_key).collect();
    let only_l: Vec<_> = l.difference(&r).take(3).collect();
    let only_r: Vec<_> = r.difference(&l).take(3).collect();
    format!(
        "{} vs {} quads; only left: {only_l:?}; only right: {only_r:?}",
        left.len(),
        right.len()
    )
}

fn process(text: &str, file: &str) -> Result<ingest::Processed, resograph::ParseError> {
    let k = common::knowledge();
    let extractor = Extractor::new(k);
    let source = Source {
        text,
        file: Some(file),
        symbol: None,
    };
    ingest::process(text, k, &extractor, &source)
}

fn vocabulary_graph() -> NamedNode {
    NamedNode::new(resograph::iri::VOCABULARY_GRAPH).unwrap()
}

fn store_quad_count(store: &Path) -> usize {
    GraphStore::open(store).unwrap().len().unwrap()
}

// ------------------------------------------------------------------ hostile input

/// Each committed fixture: its file name, the exit code of `resograph ingest FILE`, and
/// whether a document is stored. The expected stderr lines are in `expected/<name>.txt`.
const FIXTURES: &[(&str, i32, bool)] = &[
    ("empty.txt", 1, false),
    ("binary.txt", 1, false),
    ("latin1.txt", 1, false),
    ("utf16-bom.txt", 1, false),
    ("no-structure.txt", 1, false),
    ("preamble-only.txt", 0, true),
    ("numbering.txt", 0, true),
    ("control-chars.txt", 0, true),
    ("deep-nesting.txt", 0, true),
    ("front-matter-unclosed.md", 0, true),
    ("front-matter-invalid.md", 0, true),
];

#[test]
fn each_hostile_fixture_gives_its_golden_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, (name, code, stored)) in FIXTURES.iter().enumerate() {
        let store = tmp.path().join(format!("store{i}"));
        let out = resograph(&store, &hostile_dir())
            .args(["ingest", name])
            .output()
            .unwrap();
        let got = assert_clean_exit(&out, name);
        let stderr = text(&out.stderr);
        assert_eq!(got, *code, "{name}: exit code\n{stderr}");
        let stem = name.rsplit_once('.').unwrap().0;
        assert_eq!(
            diagnostics(&stderr),
            golden(stem),
            "{name}: diagnostics differ from tests/data/hostile/expected/{stem}.txt"
        );
        let summary = if *stored {
            "ingested 1 document ("
        } else {
            "ingested 0 documents ("
        };
        assert!(stderr.contains(summary), "{name}: {stderr}");
        let s = GraphStore::open(&store).unwrap();
        let documents = s.graphs().unwrap().len() - 1; // minus the vocabulary
        assert_eq!(
            documents,
            usize::from(*stored),
            "{name}: graphs in the store"
        );
    }
}

#[test]
fn bad_files_do_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let good = common::root().join("data/corpus/S_RES_0083_1950_EN_GOLD.txt");
    let mut cmd = resograph(&store, &hostile_dir());
    cmd.arg("ingest");
    for (name, _, _) in FIXTURES {
        cmd.arg(name);
    }
    cmd.arg(&good).arg("no-such-file.txt");
    let out = cmd.output().unwrap();
    let code = assert_clean_exit(&out, "ingest of every fixture");
    let stderr = text(&out.stderr);
    assert_eq!(code, 1, "{stderr}");
    let mut expected: Vec<String> = Vec::new();
    for (name, _, _) in FIXTURES {
        expected.extend(golden(name.rsplit_once('.').unwrap().0));
    }
    expected
        .push("error: no-such-file.txt: cannot read the file: no such file or directory".into());
    let mut got = diagnostics(&stderr);
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    let ok = FIXTURES.iter().filter(|f| f.2).count() + 1;
    let failed = FIXTURES.len() - ok + 2;
    assert!(
        stderr.contains(&format!("ingested {ok} documents"))
            && stderr.contains(&format!("{failed} failures")),
        "{stderr}"
    );
    let s = GraphStore::open(&store).unwrap();
    assert_eq!(s.graphs().unwrap().len(), ok + 1, "documents + vocabulary");
    let good_graph = process(
        &std::fs::read_to_string(&good).unwrap(),
        &good.display().to_string(),
    )
    .unwrap()
    .graph;
    assert!(s.graphs().unwrap().contains(&good_graph));
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    for args in [
        vec!["ingest"],
        vec!["frobnicate"],
        vec!["query", "documents", "--format", "yaml"],
        vec!["query", "documents", "--timeout", "soon"],
        vec!["export", "--format", "rdfa"],
        vec!["requests"],
    ] {
        let out = resograph(&store, &common::root())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(assert_clean_exit(&out, &args.join(" ")), 2, "{args:?}");
    }
}

#[test]
fn a_single_200000_character_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let file = tmp.path().join("long-line.txt");
    // A resolution whose operative paragraph is one line of 200,000 characters, and a
    // file that is nothing but one such line (no structure).
    let mut para = String::from("1. Requests the Secretary-General to report on ");
    while para.len() < 200_000 {
        para.push_str("biometric data and ");
    }
    para.truncate(199_999);
    para.push('.');
    assert_eq!(para.chars().count(), 200_000);
    std::fs::write(
        &file,
        format!("The General Assembly,\n\nRecalling its resolution 74/175,\n\n{para}\n"),
    )
    .unwrap();
    let junk = tmp.path().join("one-line.txt");
    std::fs::write(&junk, "x".repeat(200_000)).unwrap();
    let (out, elapsed) = run_with_limit(
        {
            let mut c = resograph(&store, tmp.path());
            c.args(["ingest", "long-line.txt", "one-line.txt"]);
            c
        },
        Duration::from_secs(60),
    );
    assert_eq!(assert_clean_exit(&out, "long line"), 1);
    assert_eq!(
        diagnostics(&text(&out.stderr)),
        vec![
            "error: one-line.txt: line 1: no resolution structure found (no enacting formula, preambular or operative paragraph)"
        ]
    );
    eprintln!("200,000-character line: {elapsed:?}");
    let doc = resograph::parse(
        &std::fs::read_to_string(&file).unwrap(),
        &common::knowledge().lexicon,
    )
    .unwrap();
    assert_eq!(doc.operative.len(), 1);
    assert_eq!(doc.operative[0].text.chars().count(), 200_000 - 3);
}

/// The 50 MB file: slow in a debug build (over two minutes on 2 cores), so a long run:
/// `cargo test robustness -- --ignored fifty`.
#[test]
#[ignore = "long run (50 MB input): cargo test robustness -- --ignored fifty"]
fn fifty_megabytes_of_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // 50 MB of prose without structure (a log, a dump), beside a good file.
    let line = "The quick brown fox jumps over the lazy dog while the committee deliberates\n";
    std::fs::write(
        tmp.path().join("prose.txt"),
        line.repeat(50 * 1024 * 1024 / line.len() + 1),
    )
    .unwrap();
    let good = common::root().join("data/corpus/S_RES_0083_1950_EN_GOLD.txt");
    let (out, elapsed) = run_with_limit(
        {
            let mut c = resograph(&store, tmp.path());
            c.args(["ingest", "prose.txt"]).arg(&good);
            c
        },
        Duration::from_secs(1800),
    );
    let code = assert_clean_exit(&out, "50 MB");
    let stderr = text(&out.stderr);
    eprintln!("50 MB input: exit {code} in {elapsed:?}\n{stderr}");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        diagnostics(&stderr),
        vec![
            "error: prose.txt: line 1: no resolution structure found (no enacting formula, preambular or operative paragraph)"
        ]
    );
    assert!(stderr.contains("ingested 1 document"), "{stderr}");
}

/// Sub-paragraphs nested thousands deep ("(a)", "(i)", "(1)", "(a)", ...).
fn deep_nesting(levels: usize) -> String {
    let labels = ["a", "i", "1"];
    let mut out = String::from(
        "The General Assembly,\n\nRecalling its resolution 74/175,\n\n1. Decides that:\n\n",
    );
    for k in 0..levels {
        out.push_str(&format!(
            "({}) level {} of the list:\n\n",
            labels[k % 3],
            k + 1
        ));
    }
    out.push_str("2. Requests the Secretary-General to report.\n");
    out
}

#[test]
fn very_deep_nesting_does_not_crash() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("deep.txt"), deep_nesting(3000)).unwrap();
    let (out, elapsed) = run_with_limit(
        {
            let mut c = resograph(&tmp.path().join("store"), tmp.path());
            c.args(["parse", "deep.txt"]);
            c
        },
        Duration::from_secs(300),
    );
    let code = assert_clean_exit(&out, "3,000 levels");
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
}

/// Found by `resolution_like_text` (PROPTEST_CASES=1000): lower-casing 'Ⱥ' (2 bytes) gives
/// 'ⱥ' (3 bytes), and the extractor slices the lower-cased text with offsets of the original.
#[test]
fn case_folding_that_changes_length_does_not_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("case-folding.txt");
    std::fs::write(
        &file,
        "The General Assembly,\n\nRecalling its resolution 74/175,\n\n1. Requests the Secretary-General to report;\n\u{23A}\n",
    )
    .unwrap();
    let good = common::root().join("data/corpus/S_RES_0083_1950_EN_GOLD.txt");
    let out = resograph(&tmp.path().join("store"), tmp.path())
        .args(["ingest", "case-folding.txt"])
        .arg(&good)
        .output()
        .unwrap();
    let code = assert_clean_exit(&out, "case folding");
    assert_eq!(code, 0, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("ingested 2 documents"));
}

// ------------------------------------------------------------------ properties

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // Shrinking a failure on a 30 KB document takes long; a few hundred steps suffice.
        max_shrink_iters: 512,
        // A failure is kept as a named regression test, not as a seed file (which would
        // look for a lib.rs beside tests/ and, found, turn CI red on every later run).
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The texts of data/corpus (always present), read once.
fn corpus() -> &'static [(String, String)] {
    static C: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        common::files_under(&common::root().join("data/corpus"))
            .into_iter()
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect()
    })
}

/// Checks the spans of a parsed document against its source.
fn check_spans(source: &str, doc: &resograph::Document) -> Result<(), TestCaseError> {
    let mut spans = Vec::new();
    for p in doc.all_paragraphs() {
        spans.push((p.eid.clone(), p.span));
    }
    for f in &doc.footnotes {
        spans.push((format!("footnote {}", f.marker), f.span));
    }
    for s in &doc.sections {
        spans.push((format!("section {}", s.label), s.span));
    }
    for a in &doc.annexes {
        spans.push(("annex".into(), a.span));
    }
    let lines = source.split('\n').count();
    for (what, span) in spans {
        prop_assert!(
            span.start <= span.end && span.end <= source.len(),
            "{what}: span {span:?} outside a source of {} bytes",
            source.len()
        );
        prop_assert!(
            source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
            "{what}: span {span:?} not on character boundaries"
        );
        prop_assert!(
            span.line >= 1 && span.line <= lines,
            "{what}: line {} of {lines}",
            span.line
        );
        let line_of_start = source[..span.start].matches('\n').count() + 1;
        prop_assert_eq!(span.line, line_of_start, "{}: line of the span start", what);
    }
    Ok(())
}

/// parse -> graph -> Turtle and N-Quads -> parse gives the same graph.
fn check_round_trip(source: &str) -> Result<(), TestCaseError> {
    let Ok(p) = process(source, "mutated.txt") else {
        return Ok(());
    };
    let mut turtle = Vec::new();
    resograph::store::write_quads(&p.quads, RdfFormat::Turtle, &mut turtle).unwrap();
    let back: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&turtle)
        .collect::<Result<_, _>>()
        .map_err(|e| TestCaseError::fail(format!("Turtle does not parse back: {e}")))?;
    let (want, got) = (as_triples(&p.quads), sorted(back));
    prop_assert!(
        want == got,
        "Turtle round trip: {}",
        first_difference(&want, &got)
    );
    let mut nquads = Vec::new();
    resograph::store::write_quads(&p.quads, RdfFormat::NQuads, &mut nquads).unwrap();
    let back: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nquads)
        .collect::<Result<_, _>>()
        .map_err(|e| TestCaseError::fail(format!("N-Quads does not parse back: {e}")))?;
    let (want, got) = (sorted(p.quads.clone()), sorted(back));
    prop_assert!(
        want == got,
        "N-Quads round trip: {}",
        first_difference(&want, &got)
    );
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    /// Cut the bytes at this fraction of the length (may split a character).
    Truncate(f64),
    /// Insert a stray footnote marker at this fraction of the length.
    Marker(f64, &'static str),
}

const MARKERS: &[&str] = &["¹", "²³", "[^9]", " 7 ", "[^]", "⁹⁹⁹", "\n[^4]: ", "\n12 "];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(|i| Mutation::Delete(i.index(usize::MAX))),
        any::<prop::sample::Index>().prop_map(|i| Mutation::Duplicate(i.index(usize::MAX))),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::Swap(a.index(usize::MAX), b.index(usize::MAX))),
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        ((0.0..1.0f64), prop::sample::select(MARKERS)).prop_map(|(f, m)| Mutation::Marker(f, m)),
    ]
}

/// Applies mutations to text; the result is bytes (truncation may split a character).
fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let mut cut: Option<f64> = None;
    let mut markers = Vec::new();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Truncate(f) => cut = Some(cut.map_or(*f, |c| c.min(*f))),
            Mutation::Marker(f, m) => markers.push((*f, *m)),
            _ => {}
        }
    }
    let mut s: String = lines.concat();
    for (f, m) in markers {
        let mut at = (s.len() as f64 * f) as usize;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.insert_str(at, m);
    }
    let mut bytes = s.into_bytes();
    if let Some(f) = cut {
        bytes.truncate((bytes.len() as f64 * f) as usize);
    }
    bytes
}

/// Resolution-like random text: the pieces the parser looks for, in random order.
fn resolution_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The General Assembly,".to_string()),
        Just("The Security Council,".to_string()),
        Just("Recalling its resolution 74/175 of 18 December 2019,".to_string()),
        Just("Deeply concerned".to_string()),
        Just("Requests the Secretary-General to report;".to_string()),
        Just("Calls upon UNODC to assist States on biometric data:".to_string()),
        Just("---".to_string()),
        Just("symbol: A/RES/1/1".to_string()),
        Just("Annex".to_string()),
        Just("Adopted at the 1st plenary meeting on 1 January 2020".to_string()),
        Just("A".to_string()),
        Just("II. Peacebuilding".to_string()),
        "[0-9]{1,4}\\. [A-Za-z ,;:]{0,40}",
        "\\((a|b|i|ii|1|zz|c)\\) [a-z ,;:]{0,30}",
        "(¹|²|[0-9]{1,3}/|\\[\\^[0-9]{1,2}\\]:?) [A-Za-z ]{0,30}",
        "[A-Za-z0-9 .,;:()\\-]{0,60}",
        "\\PC{0,20}",
        Just(String::new()),
    ];
    prop::collection::vec(
        (
            piece,
            prop::sample::select(&["\n", "\n\n", "\r\n", " ", "\n   "][..]),
        ),
        0..40,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(p, sep)| [p, sep.to_string()])
            .collect()
    })
}

proptest! {
    #![proptest_config(config())]

    /// Any text: parse returns a document or an error, never panics; spans are sound.
    #[test]
    fn parse_never_panics_on_random_text(source in "\\PC{0,400}|[ -~\\n]{0,400}") {
        if let Ok(doc) = resograph::parse(&source, &common::knowledge().lexicon) {
            check_spans(&source, &doc)?;
        }
    }

    /// Text built from the pieces of a resolution: spans sound, graphs round-trip.
    #[test]
    fn resolution_like_text(source in resolution_like()) {
        if let Ok(doc) = resograph::parse(&source, &common::knowledge().lexicon) {
            check_spans(&source, &doc)?;
            check_round_trip(&source)?;
        }
    }

    /// Mutations of the real corpus: lines deleted, duplicated, swapped; truncation at any
    /// byte; stray footnote markers.
    #[test]
    fn mutated_corpus(which in any::<prop::sample::Index>(),
                      mutations in prop::collection::vec(mutation(), 1..6)) {
        let corpus = corpus();
        let (_name, original) = &corpus[which.index(corpus.len())];
        let bytes = mutate(original, &mutations);
        // Reading: a cut inside a character is an encoding error, with a place.
        let source = match ingest::decode(bytes) {
            Ok(s) => s,
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with("line "), "{}", message);
                return Ok(());
            }
        };
        if let Ok(doc) = resograph::parse(&source, &common::knowledge().lexicon) {
            check_spans(&source, &doc)?;
            check_round_trip(&source)?;
        }
    }
}

#[test]
fn the_unmutated_corpus_round_trips() {
    // The property tests above only mean something if the originals pass too.
    for (name, source) in corpus() {
        let doc = resograph::parse(source, &common::knowledge().lexicon).unwrap();
        check_spans(source, &doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_round_trip(source).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

// ------------------------------------------------------------------ crashes and concurrency

/// A large input made of copies of data/corpus documents, each under its own symbol, so that
/// an ingest takes a few seconds in a debug build.
fn many_documents(dir: &Path, copies: usize) -> Vec<PathBuf> {
    let root = common::root().join("data/corpus");
    let md = std::fs::read_to_string(root.join("A_RES_80_11.md")).unwrap();
    let s687 = std::fs::read_to_string(root.join("S_RES_0687_1991_EN_GOLD.txt")).unwrap();
    let s1445 = std::fs::read_to_string(root.join("S_RES_1445_2002_EN_GOLD.txt")).unwrap();
    assert!(md.contains("symbol: A/RES/80/11\n"));
    assert!(s687.contains("Resolution 687 (1991)"));
    assert!(s1445.contains("1445 (2002)"));
    std::fs::create_dir_all(dir).unwrap();
    let mut files = Vec::new();
    for i in 0..copies {
        let (name, body) = match i % 3 {
            0 => (
                format!("A_RES_80_{}.md", 500 + i),
                md.replace(
                    "symbol: A/RES/80/11\n",
                    &format!("symbol: A/RES/80/{}\n", 500 + i),
                ),
            ),
            1 => (
                format!("S_RES_{}_1991.txt", 7000 + i),
                s687.replace("687 (1991)", &format!("{} (1991)", 7000 + i)),
            ),
            _ => (
                format!("S_RES_{}_2002.txt", 8000 + i),
                s1445.replace("1445 (2002)", &format!("{} (2002)", 8000 + i)),
            ),
        };
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        files.push(path);
    }
    files
}

type QuadSet = std::collections::HashSet<Quad>;

/// What a clean ingest of each file gives: graph -> its quads.
fn reference_graphs(dir: &Path) -> BTreeMap<NamedNode, QuadSet> {
    let mut out = BTreeMap::new();
    for path in common::files_under(dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let p = process(&text, &path.display().to_string()).expect("copies parse");
        let quads: QuadSet = p.quads.into_iter().collect();
        assert!(
            out.insert(p.graph.clone(), quads).is_none(),
            "two copies share the graph {}",
            p.graph
        );
    }
    let vocabulary = resograph::graph::vocabulary(common::knowledge());
    out.insert(vocabulary_graph(), vocabulary.into_iter().collect());
    out
}

/// Opens the store and checks every graph in it against the reference; returns how many
/// document graphs it holds.
fn check_store(store: &Path, reference: &BTreeMap<NamedNode, QuadSet>, when: &str) -> usize {
    let s =
        GraphStore::open(store).unwrap_or_else(|e| panic!("{when}: the store does not open: {e}"));
    let all = s.graphs().unwrap();
    // The history and repeats graphs are derived from the documents after an ingest and
    // relinked by the next one (whole, after a kill); a kill may leave them behind.
    let derived = |g: &NamedNode| {
        g.as_str().starts_with(resograph::iri::HISTORY_GRAPH_BASE)
            || g.as_str().starts_with(resograph::iri::REPEATS_GRAPH_BASE)
    };
    let mut total: usize = all
        .iter()
        .filter(|g| derived(g))
        .map(|g| s.quads(Some(g)).unwrap().len())
        .sum();
    let graphs: Vec<NamedNode> = all.into_iter().filter(|g| !derived(g)).collect();
    for g in &graphs {
        let want = reference
            .get(g)
            .unwrap_or_else(|| panic!("{when}: unexpected graph {g}"));
        let stored = s.quads(Some(g)).unwrap();
        total += stored.len();
        let (got, ingests) = without_ingest_activity(stored);
        let expected_ingests = usize::from(g != &vocabulary_graph());
        assert_eq!(
            ingests, expected_ingests,
            "{when}: graph {g} records {ingests} ingests"
        );
        if &got != want {
            let got = sorted(got.into_iter().collect());
            let want = sorted(want.iter().cloned().collect());
            panic!(
                "{when}: graph {g} is not what a clean ingest gives: {}",
                first_difference(&got, &want)
            );
        }
    }
    assert_eq!(
        s.len().unwrap(),
        total,
        "{when}: quads outside the named graphs"
    );
    graphs.len() - usize::from(graphs.contains(&vocabulary_graph()))
}

fn spawn_ingest(store: &Path, input: &Path) -> Child {
    // Small batches (a few documents each) and commits (two batches each), so that kills
    // land between and inside batch writes and commits; by default one commit would hold
    // the whole input.
    resograph(store, &common::root())
        .arg("ingest")
        .args(["--batch-quads", "2000", "--commit-quads", "4000"])
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn sigkill_during_ingest_leaves_whole_graphs_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    let copies = 30;
    many_documents(&input, copies);
    let started = Instant::now();
    let reference = reference_graphs(&input);
    assert_eq!(reference.len(), copies + 1);
    eprintln!("reference graphs: {:?}", started.elapsed());
    // Four kills on fresh stores (graphs absent or whole), four on a full store being
    // re-ingested (each graph replaced: old or new, never half). The kill points are shares
    // of a full ingest's time, measured first, so that they land inside the ingest however
    // loaded the machine is (start-up alone, knowledge files and vocabulary graph, takes
    // half a second in a debug build, several under load).
    let full = tmp.path().join("full");
    let t = Instant::now();
    let status = spawn_ingest(&full, &input).wait().unwrap();
    let whole = t.elapsed();
    eprintln!("full ingest: {whole:?}");
    assert!(status.success(), "full ingest");
    assert_eq!(check_store(&full, &reference, "full ingest"), copies);
    let shares = [0.45, 0.6, 0.75, 0.9, 0.02, 0.15, 0.5, 0.95];
    let delays: Vec<u64> = shares
        .iter()
        .map(|s| (whole.as_secs_f64() * s * 1000.0) as u64)
        .collect();
    let mut report = Vec::new();
    let mut partial = 0;
    for (i, delay) in delays.iter().enumerate() {
        let store = if i < 4 {
            tmp.path().join(format!("fresh{i}"))
        } else {
            full.clone()
        };
        let mut child = spawn_ingest(&store, &input);
        std::thread::sleep(Duration::from_millis(*delay));
        let finished = child.try_wait().unwrap().is_some();
        // SIGKILL (Child::kill sends SIGKILL on Unix).
        let _ = child.kill();
        let _ = child.wait();
        let checked = Instant::now();
        let documents = if store.exists() {
            check_store(&store, &reference, &format!("after SIGKILL at {delay} ms"))
        } else {
            0
        };
        if !finished && i < 4 && documents > 0 && documents < copies {
            partial += 1;
        }
        report.push(format!(
            "{delay} ms: {documents}/{copies} documents{} (checked in {:?})",
            if finished {
                " (ingest had finished)"
            } else {
                ""
            },
            checked.elapsed()
        ));
    }
    // The store also recovers: a new ingest after the kills completes it.
    let out = resograph(&full, &common::root())
        .arg("ingest")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "ingest after kills"), 0);
    assert_eq!(
        check_store(&full, &reference, "re-ingest after kills"),
        copies
    );
    // ... and its links: those of the whole store, the mark of lagging links gone.
    assert!(!resograph::relink::is_marked(&full));
    let s = GraphStore::open(&full).unwrap();
    let derived = || {
        let mut quads: Vec<String> = s
            .graphs()
            .unwrap()
            .into_iter()
            .filter(|g| {
                g.as_str().starts_with(resograph::iri::HISTORY_GRAPH_BASE)
                    || g.as_str().starts_with(resograph::iri::REPEATS_GRAPH_BASE)
            })
            .flat_map(|g| s.quads(Some(&g)).unwrap())
            .map(|q| q.to_string())
            .collect();
        quads.sort();
        quads
    };
    let kept = derived();
    resograph::timeline::link_histories(&s).unwrap();
    resograph::repeats::link_repeats(&s).unwrap();
    assert_eq!(derived(), kept, "links after the kills");
    eprintln!("SIGKILL points: {}", report.join("; "));
    assert!(
        partial > 0,
        "no kill landed in the middle of an ingest, the test proves nothing: {report:?}"
    );
}

#[test]
fn a_second_writer_or_a_query_during_an_ingest_gets_store_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    many_documents(&input, 30);
    let store = tmp.path().join("store");
    let mut first = spawn_ingest(&store, &input);
    // Let the first ingest open the store (it loads the knowledge files first).
    std::thread::sleep(Duration::from_millis(700));
    let mut attempts = Vec::new();
    for args in [
        vec!["ingest", "data/corpus"],
        vec!["query", "documents"],
        vec!["export", "--format", "nquads"],
        vec!["requests", "--to", "UNODC"],
    ] {
        let out = resograph(&store, &common::root())
            .args(&args)
            .output()
            .unwrap();
        attempts.push((args.join(" "), out));
    }
    let still_running = first.try_wait().unwrap().is_none();
    let status = first.wait().unwrap();
    assert!(
        still_running,
        "the first ingest had finished before the others ran: make the input bigger"
    );
    let mut stderr = String::new();
    first
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "the first ingest failed: {stderr}");
    for (what, out) in attempts {
        let code = assert_clean_exit(&out, &what);
        let err = text(&out.stderr);
        assert_eq!(code, 3, "{what}: {err}");
        assert!(err.starts_with("error: store in use: "), "{what}: {err}");
        assert!(
            !err.to_lowercase().contains("rocksdb") && !err.contains("IO error"),
            "{what}: {err}"
        );
    }
}

/// The documents the server at `base` holds (graphs with a symbol).
fn served_documents(base: &str) -> usize {
    let query = "PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g rg:symbol ?s } }";
    common::served_count(base, query)
}

/// An ingest of `input` handed to the server that holds `store`, with its stderr read on a
/// thread; returns once the client says it hands the files over, with the rest of its
/// stderr to come from the receiver.
fn spawn_handed_ingest(store: &Path, input: &Path) -> (Child, std::sync::mpsc::Receiver<String>) {
    let mut child = spawn_ingest(store, input);
    let lines = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let first = receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the client says what it does");
    assert!(first.contains("handing 30 files to it"), "{first}");
    (child, receive)
}

#[test]
fn sigkill_of_either_side_of_a_handed_ingest_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("input");
    let copies = 30;
    let files = many_documents(&input, copies);
    let reference = reference_graphs(&input);
    let seeded = |name: &str| {
        let store = tmp.path().join(name);
        let out = resograph(&store, &common::root())
            .arg("ingest")
            .arg(&files[0])
            .output()
            .unwrap();
        assert_eq!(assert_clean_exit(&out, "seed"), 0);
        store
    };

    // The client killed: the server finishes the ingest all the same.
    let store = seeded("client");
    let server = common::serve(resograph(&store, &common::root()), &[]);
    let started = Instant::now();
    let (mut client, _) = spawn_handed_ingest(&store, &input);
    std::thread::sleep(Duration::from_millis(200));
    let _ = client.kill();
    let _ = client.wait();
    while served_documents(&server.base) < copies {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the server did not finish the ingest its client left"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let whole = started.elapsed();
    drop(server);
    assert_eq!(check_store(&store, &reference, "client killed"), copies);

    // The server killed at shares of that time: each document whole or absent, and the
    // client says the files it was not told about may not be stored.
    let mut report = Vec::new();
    let mut cut = 0;
    for (i, share) in [0.3, 0.5, 0.7, 0.9].iter().enumerate() {
        let store = seeded(&format!("server{i}"));
        let mut server = common::serve(resograph(&store, &common::root()), &[]);
        let (mut client, stderr) = spawn_handed_ingest(&store, &input);
        let delay = whole.mul_f64(*share);
        std::thread::sleep(delay);
        let _ = server.child.kill();
        let _ = server.child.wait();
        let status = client.wait().unwrap();
        // All of it: the reader thread ends when the client's stderr closes.
        let stderr: Vec<String> = stderr.iter().collect();
        let documents = check_store(&store, &reference, &format!("server killed at {delay:?}"));
        if status.success() {
            assert_eq!(documents, copies, "{stderr:?}");
        } else {
            assert_eq!(status.code(), Some(1), "{stderr:?}");
            assert!(
                stderr.iter().any(|l| l.contains("stopped answering")),
                "{stderr:?}"
            );
            cut += 1;
        }
        report.push(format!("{delay:?}: {documents}/{copies} documents"));
        drop(server);
    }
    eprintln!("server SIGKILL points: {}", report.join("; "));
    assert!(cut > 0, "no kill landed during the ingest: {report:?}");
}

// ------------------------------------------------------------------ injection and limits

/// Values that would change a query if they were pasted into its text.
const PAYLOADS: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\\\"",
    "{",
    "}",
    "\\u0022",
    "line one\nline two",
    "\"> } ; DROP ALL ; INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } #",
    "> } ; DROP ALL ; INSERT DATA {",
    "\") } } SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } #",
    "SERVICE <http://127.0.0.1:PORT/>",
    "UNODC\" || true || \"",
    "') } UNION { ?s ?p ?o } #",
    "%22%7D",
    "<urn:x:a>",
    "UNODC\u{0}",
];

/// A small store holding data/corpus, made once per test.
fn small_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let out = resograph(&store, &common::root())
        .args(["ingest", "data/corpus"])
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "ingest data/corpus"), 0);
    store
}

#[test]
fn parameters_are_values_not_query_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = small_store(tmp.path());
    let before = sorted(GraphStore::open(&store).unwrap().quads(None).unwrap());
    // Anything that connects here is a query reaching for the network.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let mut tried = 0;
    for raw in PAYLOADS {
        let payload = raw.replace("PORT", &port);
        if payload.contains('\0') {
            continue; // not expressible as a command-line argument
        }
        tried += 1;
        // The canned query, both parameters hostile, and each one alone.
        for params in [
            vec![format!("actor={payload}"), format!("topic={payload}")],
            vec!["actor=UNODC".to_string(), format!("topic={payload}")],
            vec![
                format!("actor={payload}"),
                "topic=biometric data".to_string(),
            ],
        ] {
            let mut c = resograph(&store, &common::root());
            c.args(["query", "requests-to-actor-on-topic", "--format", "json"]);
            for p in &params {
                c.arg("--param").arg(p);
            }
            let out = c.output().unwrap();
            let what = format!("query --param {params:?}");
            let code = assert_clean_exit(&out, &what);
            let err = text(&out.stderr);
            if code == 1 {
                // `<...>` is read as an IRI: an invalid one is refused, cleanly.
                assert!(
                    payload.starts_with('<') || err.contains("invalid IRI"),
                    "{what}: {err}"
                );
                continue;
            }
            assert_eq!(code, 0, "{what}: {err}");
            let json: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
            let rows = json["results"]["bindings"].as_array().unwrap();
            assert!(rows.is_empty(), "{what}: {rows:?}");
        }
        // `requests --to`: a clean "not found", nothing else.
        let out = resograph(&store, &common::root())
            .args(["requests", "--to", &payload])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(
            assert_clean_exit(&out, "requests --to"),
            1,
            "{payload:?}: {err}"
        );
        assert!(
            err.starts_with("error: actor ") && err.contains(" not found"),
            "{payload:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{payload:?}: {err}");
        // `requests --topic`: no paragraph, exit 0.
        let out = resograph(&store, &common::root())
            .args(["requests", "--to", "UNODC", "--topic", &payload])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(
            assert_clean_exit(&out, "requests --topic"),
            0,
            "{payload:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{payload:?}");
        assert!(
            err.contains("no paragraph in the store asks UNODC"),
            "{payload:?}: {err}"
        );
    }
    assert!(
        listener.accept().is_err(),
        "a parameter value made resograph connect to 127.0.0.1"
    );
    let after = sorted(GraphStore::open(&store).unwrap().quads(None).unwrap());
    assert_eq!(before.len(), after.len(), "quad count changed");
    assert!(
        before == after,
        "store changed: {}",
        first_difference(&before, &after)
    );
    eprintln!("injection payloads tried: {tried} (x5 command lines each)");
}

#[test]
fn the_query_path_cannot_write_or_reach_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let store = small_store(tmp.path());
    let count = store_quad_count(&store);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    for update in [
        "DROP ALL".to_string(),
        "CLEAR DEFAULT".to_string(),
        "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }".to_string(),
        "DELETE WHERE { ?s ?p ?o }".to_string(),
        format!("LOAD <http://127.0.0.1:{port}/data.ttl>"),
        "PREFIX x: <urn:x:> DELETE { ?s ?p ?o } INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }".to_string(),
    ] {
        let out = resograph(&store, &common::root())
            .args(["query", &update])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(assert_clean_exit(&out, &update), 1, "{update}: {err}");
        assert!(err.contains("updates are not allowed"), "{update}: {err}");
    }
    // An update smuggled after a query is not SPARQL at all.
    let out = resograph(&store, &common::root())
        .args(["query", "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"])
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "query; update"), 1);
    assert!(text(&out.stderr).contains("invalid SPARQL"));
    // SERVICE in a query the user writes: refused, no connection.
    let out = resograph(&store, &common::root())
        .args([
            "query",
            &format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"),
        ])
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "SERVICE"), 1);
    assert!(
        text(&out.stderr).contains("is not supported"),
        "{}",
        text(&out.stderr)
    );
    assert!(listener.accept().is_err(), "a query connected to 127.0.0.1");
    assert_eq!(store_quad_count(&store), count, "the store changed");
}

#[test]
fn timeout_cancels_a_runaway_query_that_reads_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = small_store(tmp.path());
    // NOT EXISTS probes the store for each of ~80 million pairs.
    let runaway =
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER NOT EXISTS { ?a ?b ?f } }";
    let (out, elapsed) = run_with_limit(
        {
            let mut c = resograph(&store, &common::root());
            c.args(["query", "--timeout", "1", runaway]);
            c
        },
        Duration::from_secs(30),
    );
    let err = text(&out.stderr);
    assert_eq!(assert_clean_exit(&out, "runaway query"), 1, "{err}");
    assert_eq!(
        err.trim_end(),
        "error: query cancelled after 1 s (--timeout)"
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "cancelled after {elapsed:?}"
    );
}

#[test]
fn timeout_cancels_a_cross_product() {
    let tmp = tempfile::tempdir().unwrap();
    let store = small_store(tmp.path());
    let runaway =
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }";
    let (out, elapsed) = run_with_limit(
        {
            let mut c = resograph(&store, &common::root());
            c.args(["query", "--timeout", "1", runaway]);
            c
        },
        Duration::from_secs(30),
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "still running after {elapsed:?} (killed by the test)"
    );
    assert_eq!(assert_clean_exit(&out, "cross product"), 1);
    assert!(text(&out.stderr).contains("query cancelled"));
}

#[test]
fn the_row_limit_cuts_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let store = small_store(tmp.path());
    let all = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }";
    let out = resograph(&store, &common::root())
        .args(["query", all, "--limit", "5", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "--limit 5"), 0);
    assert_eq!(text(&out.stdout).lines().count(), 1 + 5, "header + 5 rows");
    assert_eq!(
        text(&out.stderr).trim_end(),
        "note: output cut at 5 rows (--limit)"
    );
    // The default limit (10,000) protects a terminal from the whole store.
    let out = resograph(&store, &common::root())
        .args(["query", all, "--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(assert_clean_exit(&out, "default limit"), 0);
    assert_eq!(text(&out.stdout).lines().count(), 1 + 10_000);
    assert!(text(&out.stderr).contains("output cut at 10000 rows"));
    // --limit 0: everything.
    let out = resograph(&store, &common::root())
        .args(["query", all, "--limit", "0", "--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout).lines().count(),
        1 + store_quad_count(&store)
    );
    assert!(out.stderr.is_empty());
}
