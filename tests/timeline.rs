//! Mandates over time: the establishment, extensions, renewals and end of a body's
//! mandate, on fixtures (always) and on the Security Council series of the shared corpus.

use std::path::Path;

use resograph::timeline::{Event, timeline};
use resograph::{Extractor, GraphStore, ingest};

use crate::common;

/// A store holding every text under `dir` but its README.
fn store_of(dir: &Path) -> (tempfile::TempDir, GraphStore) {
    let tmp = tempfile::tempdir().unwrap();
    let store = GraphStore::open(&tmp.path().join("store")).unwrap();
    let k = common::knowledge();
    ingest::store_vocabulary(&store, k).unwrap();
    let extractor = Extractor::new(k);
    for file in common::files_under(dir)
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "README.md"))
    {
        let report = ingest::ingest_file(&store, &file, k, &extractor, None);
        report.outcome.expect("ingested");
    }
    (tmp, store)
}

/// (document, paragraph, sub-paragraph, kind, until, until computed, period) of each event.
type Row<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    bool,
    Option<&'a str>,
);

fn rows(events: &[Event]) -> Vec<Row<'_>> {
    events
        .iter()
        .map(|e| {
            (
                e.document.as_str(),
                e.number.as_str(),
                e.subparagraph.as_deref(),
                e.kind.as_str(),
                e.until.as_deref(),
                e.until_computed,
                e.period.as_deref(),
            )
        })
        .collect()
}

/// Seven real Security Council texts (tests/data/timeline/README.md says why each).
#[test]
fn timelines_of_forces_and_missions() {
    let (_dir, store) = store_of(&common::root().join("tests/data/timeline"));
    let k = common::knowledge();
    let of = |entity: &str| timeline(&store, k, entity, None).unwrap();
    assert_eq!(
        rows(&of("UNFICYP")),
        [
            (
                "S/RES/201 (1965)",
                "5",
                None,
                "extend",
                Some("1965-06-26"),
                false,
                Some("P3M")
            ),
            (
                "S/RES/291 (1970)",
                "3",
                None,
                "extend",
                Some("1971-06-13"),
                false,
                None
            ),
        ]
    );
    // Only a period printed: the end is counted from the adoption date.
    assert_eq!(
        rows(&of("United Nations Disengagement Observer Force")),
        [(
            "S/RES/363 (1974)",
            "1",
            Some("b"),
            "renew",
            Some("1975-05-29"),
            true,
            Some("P6M")
        )]
    );
    // "the mandate of the Force", in a text that names UNIFIL in full.
    assert_eq!(
        rows(&of("UNIFIL")),
        [(
            "S/RES/459 (1979)",
            "9",
            None,
            "renew",
            Some("1980-06-19"),
            false,
            Some("P6M")
        )]
    );
    assert_eq!(
        rows(&of("ONUSAL")),
        [(
            "S/RES/693 (1991)",
            "2",
            None,
            "establish",
            None,
            false,
            None
        )]
    );
    // A ban on flights that spares UNPROFOR's is not UNPROFOR's establishment.
    assert_eq!(
        rows(&of("UNPROFOR")),
        [(
            "S/RES/807 (1993)",
            "5",
            None,
            "extend",
            Some("1993-03-31"),
            false,
            None
        )]
    );
    // Named in the clause that establishes ONUSAL, but not what it establishes.
    assert!(of("Secretary-General").is_empty());
    assert!(matches!(
        timeline(&store, k, "no such body", None),
        Err(resograph::timeline::TimelineError::NotFound { .. })
    ));
}

/// The key tests/data/eval/timelines.csv (96 changes of 16 operations in the unsc corpus,
/// annotated from the texts): at least 95% found with the right end date, and at least
/// 95% of what the timelines list right.
#[test]
fn timelines_of_the_shared_corpus_match_the_key() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let (_dir, store) = store_of(&corpus.join("unsc"));
    let key =
        resograph::evaluate::read_timelines(&common::root().join("tests/data/eval/timelines.csv"))
            .unwrap();
    let report =
        resograph::evaluate::run_timelines(&store, common::knowledge(), &key, None).unwrap();
    let wrong: Vec<String> = report
        .changes
        .iter()
        .filter(|c| !c.right)
        .map(|c| {
            format!(
                "{} {} {} {:?}",
                c.entity, c.document, c.kind, c.listed_until
            )
        })
        .collect();
    assert!(
        report.recall() >= 0.95 && report.precision() >= 0.95,
        "recall {:.2}, precision {:.2}: {wrong:#?}",
        report.recall(),
        report.precision()
    );
}

/// The reporting duties of the shared corpus against both reporting keys: the one the rules
/// were tuned on and the held-out one read afterwards (tests/data/eval/TIMELINES.md).
#[test]
fn reporting_duties_of_the_shared_corpus_match_the_keys() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let (_dir, store) = store_of(&corpus.join("unsc"));
    let k = common::knowledge();
    let extractor = Extractor::new(k);
    for file in common::files_under(&corpus.join("ga80")) {
        ingest::ingest_file(&store, &file, k, &extractor, None)
            .outcome
            .expect("ingested");
    }
    for name in ["reports.csv", "reports-holdout.csv"] {
        let key =
            resograph::evaluate::read_duties(&common::root().join("tests/data/eval").join(name))
                .unwrap();
        let report = resograph::evaluate::run_reports(&store, k, &key, None).unwrap();
        let wrong: Vec<String> = report
            .duties
            .iter()
            .filter(|d| !d.right)
            .map(|d| format!("{} {} {} {:?}", d.document, d.number, d.expected, d.listed))
            .collect();
        assert!(
            report.recall() >= 0.9 && report.precision() >= 0.9,
            "{name}: recall {:.2}, precision {:.2}: {wrong:#?}",
            report.recall(),
            report.precision()
        );
    }
}

/// A body the registry lacks, established by a fixture, joins the registry of the store: an
/// actor named by its kind and resolution, with its name as printed, its timeline, its
/// history, and a row of the canned query `established-bodies`.
#[test]
fn an_established_body_the_registry_lacks_is_named_and_linked() {
    let (_dir, store) = store_of(&common::root().join("tests/data/timeline"));
    resograph::timeline::link_histories(&store).unwrap();
    let k = common::knowledge();
    assert!(
        k.find_actor("committee-455").is_none(),
        "the registry lacks it"
    );
    let events = timeline(&store, k, "committee-455", None).unwrap();
    let rows: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.document.as_str(), e.kind.as_str()))
        .collect();
    assert_eq!(rows, [("S/RES/455 (1979)", "establish")]);
    // The same by its name.
    let by_name = timeline(
        &store,
        k,
        "Ad hoc committee established by resolution 455 (1979)",
        None,
    )
    .unwrap();
    assert_eq!(by_name, events);
    let resograph::store::Answer::Rows {
        variables, rows, ..
    } = store
        .query(
            resograph::queries::find("established-bodies").unwrap().text,
            &[],
            None,
            None,
        )
        .unwrap()
    else {
        panic!("rows");
    };
    let cells = |name: &str, row: &[Option<oxigraph::model::Term>]| {
        let i = variables.iter().position(|v| v == name).unwrap();
        match &row[i] {
            Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
            Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_string(),
            other => format!("{other:?}"),
        }
    };
    let committee = rows
        .iter()
        .find(|r| cells("entity", r).ends_with("/actor/committee-455"))
        .expect("listed");
    assert_eq!(
        cells("name", committee),
        "Ad hoc committee established by resolution 455 (1979)"
    );
    assert_eq!(cells("grown", committee), "true");
    // ONUSAL is in the registry: not grown.
    let onusal = rows
        .iter()
        .find(|r| cells("entity", r).ends_with("/actor/onusal"))
        .expect("listed");
    assert_eq!(cells("grown", onusal), "false");
    // Its history links it to the clause that established it.
    let resograph::store::Answer::Rows { rows, .. } = store
        .query(
            "PREFIX rg: <https://w3id.org/resograph/ontology#>
             SELECT ?by WHERE { GRAPH ?h { <https://w3id.org/resograph/actor/committee-455> rg:establishedBy ?by } }",
            &[],
            None,
            None,
        )
        .unwrap()
    else {
        panic!("rows");
    };
    assert_eq!(rows.len(), 1);
}

/// After an ingest, each entity's history graph chains its changes: an extension links to
/// the change before it, the entity to the change that established it; rebuilding gives
/// the same graphs.
#[test]
fn histories_chain_the_changes_of_each_entity() {
    let (_dir, store) = store_of(&common::root().join("tests/data/timeline"));
    let links = resograph::timeline::link_histories(&store).unwrap();
    let pairs = |sparql: &str| -> Vec<(String, String)> {
        let resograph::store::Answer::Rows { rows, .. } =
            store.query(sparql, &[], None, None).unwrap()
        else {
            panic!("rows");
        };
        rows.into_iter()
            .map(|r| {
                let s = |i: usize| match &r[i] {
                    Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_string(),
                    other => panic!("{other:?}"),
                };
                (s(0), s(1))
            })
            .collect()
    };
    let doc = "https://w3id.org/resograph/doc/";
    assert_eq!(
        pairs(
            "PREFIX rg: <https://w3id.org/resograph/ontology#>
             SELECT ?later ?earlier WHERE {
               GRAPH <https://w3id.org/resograph/graph/history/unficyp> { ?later rg:extends ?earlier } }"
        ),
        [(
            format!("{doc}S/RES/291(1970)/para_3__directive_0"),
            format!("{doc}S/RES/201(1965)/para_5__directive_0")
        )]
    );
    let mut established = pairs(
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         SELECT ?entity ?by WHERE { GRAPH ?g { ?entity rg:establishedBy ?by } }",
    );
    established.sort();
    assert_eq!(
        established,
        [
            (
                "https://w3id.org/resograph/actor/committee-455".to_string(),
                format!("{doc}S/RES/455(1979)/para_7__directive_0")
            ),
            (
                "https://w3id.org/resograph/actor/onusal".to_string(),
                format!("{doc}S/RES/693(1991)/para_2__directive_0")
            ),
        ]
    );
    let quads = store.len().unwrap();
    assert_eq!(resograph::timeline::link_histories(&store).unwrap(), links);
    assert_eq!(store.len().unwrap(), quads);
}

/// The sample texts of data/corpus (always present): reporting duties with their session
/// and period, the registry with its review figure, and a draft against the store.
#[test]
fn reports_registry_and_overlaps_on_the_sample_texts() {
    let (_dir, store) = store_of(&common::root().join("data/corpus"));
    let k = common::knowledge();
    let duties = resograph::timeline::reports(&store, k, Some("Secretary-General"), None).unwrap();
    let session = duties
        .iter()
        .find(|d| d.document == "A/RES/80/41" && d.number == "5")
        .expect("A/RES/80/41 asks for a report");
    assert_eq!(
        (session.session, session.session_year),
        (Some(81), Some(2026))
    );
    assert!(
        session
            .to
            .as_deref()
            .is_some_and(|t| t.ends_with("/general-assembly"))
    );
    let biennial = duties
        .iter()
        .find(|d| d.document == "A/RES/80/11" && d.number == "29")
        .expect("A/RES/80/11 asks for a report every two years");
    assert_eq!(biennial.every.as_deref(), Some("P2Y"));
    assert!(
        duties
            .iter()
            .all(|d| d.by.iter().any(|b| b.ends_with("/secretary-general")))
    );
    assert!(
        duties
            .iter()
            .filter(|d| d.due.is_some())
            .all(|d| d.due_before(chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()))
    );

    let registry = resograph::timeline::mandates(&store, k, None, None).unwrap();
    assert!(registry.len() > 100, "{}", registry.len());
    // Every mandate once, with its document's provision for review known.
    let mut ids: Vec<&str> = registry.iter().map(|m| m.mandate.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), registry.len());
    let to_unodc = resograph::timeline::mandates(&store, k, Some("UNODC"), None).unwrap();
    assert!(!to_unodc.is_empty() && to_unodc.len() < registry.len());

    // The reference document against the others: its own mandates are not candidates.
    let draft =
        common::root().join("data/corpus/ccpcj-2023-counter-terrorism-technical-assistance.txt");
    let found = resograph::overlaps::overlaps(&store, k, &draft, None).unwrap();
    assert!(found.len() > 20);
    assert!(
        found
            .iter()
            .flat_map(|o| &o.closest)
            .all(|m| !m.document.contains("unsymboled"))
    );
}

/// A Security Council text against the series it belongs to: its extension of UNFICYP is
/// close to the earlier extensions, and the score says why.
#[test]
fn an_extension_overlaps_the_earlier_extensions() {
    let (_dir, store) = store_of(&common::root().join("tests/data/timeline"));
    let k = common::knowledge();
    let draft = common::root().join("tests/data/timeline/S_RES_0291_1970_EN_GOLD.txt");
    let found = resograph::overlaps::overlaps(&store, k, &draft, None).unwrap();
    let extension = found.iter().find(|o| o.number == "3").expect("paragraph 3");
    let best = &extension.closest[0];
    assert_eq!(
        (best.document.as_str(), best.number.as_str()),
        ("S/RES/201 (1965)", "5")
    );
    assert!(
        best.score >= resograph::overlaps::CLOSE && !extension.new,
        "{best:?}"
    );
    assert!(
        best.why[0]
            .starts_with("same mandate: United Nations Peace-keeping Force in Cyprus (extend)")
    );
}

/// Three UNIFIL renewals (tests/data/repeats): each asks the parties and the
/// Secretary-General again what the one before asked ("Reiterates that the Force should
/// fully implement its mandate" is not a mandate); the links go to the closest earlier
/// mandate, whatever order the texts come in, and computing them again changes nothing.
#[test]
fn a_request_asked_again_links_to_the_one_before() {
    let dir = common::root().join("tests/data/repeats");
    let (_dir, store) = store_of(&dir);
    let links = resograph::repeats::link_repeats(&store).unwrap();
    let found = |store: &GraphStore| -> Vec<(String, String, String)> {
        let resograph::store::Answer::Rows { rows, .. } = store
            .query(
                "PREFIX rg: <https://w3id.org/resograph/ontology#>
                 SELECT ?r ?later ?earlier WHERE { GRAPH ?r { ?later rg:repeats ?earlier } }
                 ORDER BY ?r ?later",
                &[],
                None,
                None,
            )
            .unwrap()
        else {
            panic!("rows");
        };
        let short = |t: &Option<oxigraph::model::Term>| match t {
            Some(oxigraph::model::Term::NamedNode(n)) => n
                .as_str()
                .rsplit_once("/graph/repeats/")
                .map(|(_, local)| local.to_string())
                .unwrap_or_else(|| {
                    n.as_str()
                        .trim_start_matches("https://w3id.org/resograph/doc/S/RES/")
                        .split("__")
                        .next()
                        .unwrap()
                        .to_string()
                }),
            other => panic!("{other:?}"),
        };
        rows.iter()
            .map(|r| (short(&r[0]), short(&r[1]), short(&r[2])))
            .collect()
    };
    let pairs = found(&store);
    let expect = |r: &str, later: &str, earlier: &str| (r.into(), later.into(), earlier.into());
    assert_eq!(
        pairs,
        vec![
            expect(
                "parties-to-conflict",
                "555(1984)/para_3",
                "549(1984)/para_3"
            ),
            expect(
                "parties-to-conflict",
                "561(1985)/para_3",
                "555(1984)/para_3"
            ),
            expect("secretary-general", "555(1984)/para_5", "549(1984)/para_5"),
            expect("secretary-general", "561(1985)/para_5", "555(1984)/para_5"),
        ]
    );
    assert_eq!(links, pairs.len());
    let quads = store.len().unwrap();
    assert_eq!(resograph::repeats::link_repeats(&store).unwrap(), links);
    assert_eq!(store.len().unwrap(), quads);

    // The newest text first: the same links.
    let tmp = tempfile::tempdir().unwrap();
    let reversed = GraphStore::open(&tmp.path().join("store")).unwrap();
    let k = common::knowledge();
    let extractor = Extractor::new(k);
    let mut files: Vec<_> = common::files_under(&dir)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for (i, file) in files.iter().rev().enumerate() {
        let report = ingest::ingest_file(&reversed, file, k, &extractor, None);
        report.outcome.expect("ingested");
        resograph::repeats::link_repeats(&reversed).unwrap();
        if i == 0 {
            assert!(found(&reversed).is_empty());
        }
    }
    assert_eq!(found(&reversed), pairs);

    // The registry names what each repeats.
    let registry = resograph::timeline::mandates(&store, k, None, None).unwrap();
    let repeating = registry.iter().filter(|m| m.repeats.is_some()).count();
    assert_eq!(repeating, 4, "{registry:#?}");
}

/// The histories and repeats an ingest relinks (only the entities and addressees its
/// documents touch, in their new and their replaced versions) are those computed from the
/// whole store: after adding texts one at a time, newest first; after replacing a text
/// that extends a mandate with one that does not (`--symbol`); and after an ingest that
/// was killed before it linked (the mark it leaves makes the next one relink everything).
#[test]
fn links_an_ingest_keeps_up_to_date_are_those_of_the_whole_store() {
    use resograph::iri::{HISTORY_GRAPH_BASE, REPEATS_GRAPH_BASE};
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("store");
    let store = GraphStore::open(&path).unwrap();
    let k = common::knowledge();
    let ingest = |files: Vec<std::path::PathBuf>, symbol: Option<&str>| {
        let summary = ingest::run(
            &store,
            &path,
            files.into_iter().map(Ok).collect(),
            k,
            symbol,
            ingest::Batching::default(),
            |_| {},
            |_| {},
        )
        .unwrap();
        assert_eq!(summary.failures, 0);
        assert!(!resograph::relink::is_marked(&path), "the mark is removed");
    };
    let derived = || -> Vec<String> {
        let mut out: Vec<String> = store
            .graphs()
            .unwrap()
            .into_iter()
            .filter(|g| {
                g.as_str().starts_with(HISTORY_GRAPH_BASE)
                    || g.as_str().starts_with(REPEATS_GRAPH_BASE)
            })
            .flat_map(|g| store.quads(Some(&g)).unwrap())
            .map(|q| q.to_string())
            .collect();
        out.sort();
        out
    };
    let whole = || {
        resograph::timeline::link_histories(&store).unwrap();
        resograph::repeats::link_repeats(&store).unwrap();
    };
    let texts = |dir: &str| -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = common::files_under(&common::root().join(dir))
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files
    };
    let mut all = texts("tests/data/timeline");
    all.extend(texts("tests/data/repeats"));
    for file in all.iter().rev() {
        ingest(vec![file.clone()], None);
        let kept = derived();
        whole();
        assert_eq!(derived(), kept, "after adding {}", file.display());
    }
    let histories = derived()
        .iter()
        .filter(|q| q.contains(HISTORY_GRAPH_BASE))
        .count();
    assert!(histories > 0, "the fixtures have histories");

    // S/RES/291 (1970) extends UNFICYP; replaced by a text that extends nothing, the
    // extension leaves UNFICYP's history, though no text of this ingest names UNFICYP.
    let extension = all
        .iter()
        .find(|f| f.ends_with("S_RES_0291_1970_EN_GOLD.txt"))
        .unwrap();
    let before = derived();
    let unficyp = |quads: &[String]| {
        quads
            .iter()
            .any(|q| q.contains("/S/RES/291(1970)/") && q.contains("/history/unficyp>"))
    };
    assert!(unficyp(&before), "{before:#?}");
    let renewal = texts("tests/data/repeats").remove(0);
    ingest(vec![renewal], Some("S/RES/291 (1970)"));
    let kept = derived();
    assert!(!unficyp(&kept), "{kept:#?}");
    whole();
    assert_eq!(derived(), kept, "after replacing {}", extension.display());

    // A mark left behind: the next ingest relinks the whole store, even what it does not
    // touch (here a history emptied by hand stands for links that lag behind).
    let history = store
        .graphs()
        .unwrap()
        .into_iter()
        .find(|g| g.as_str().starts_with(HISTORY_GRAPH_BASE))
        .unwrap();
    store.replace_graph(&history, &[]).unwrap();
    let lagging = derived();
    std::fs::write(path.join(resograph::relink::STALE_MARK), "").unwrap();
    ingest(vec![extension.clone()], None);
    ingest(vec![all[0].clone()], None);
    let relinked = derived();
    assert_ne!(relinked, lagging);
    whole();
    assert_eq!(derived(), relinked);
}
