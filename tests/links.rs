//! Links from actors to other datasets: every UNBIS concept, Wikidata item and ISO 3166 code
//! that `data/actors.ttl` gives an actor is in the tables shipped under `data/links/`, agrees
//! with them, and belongs to one actor only. Reads `data/` only, so it always runs.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use resograph::vocab::{rg, skos};

use crate::common;

const UNBIS: &str = "http://metadata.un.org/thesaurus/";
const WIKIDATA: &str = "http://www.wikidata.org/entity/";
const EXACT_MATCH: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";
const STATE: &str = "https://w3id.org/resograph/actor-kind/state";
const ACTOR: &str = "https://w3id.org/resograph/actor/";
const IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
const MEMBER_OF: &str = "http://www.w3.org/ns/org#memberOf";

/// Former States that ISO 3166-3 does not list (their names were never coded).
const NO_ISO_CODE: &[&str] = &["united-arab-republic", "yemen-arab-republic"];
/// The SFRY keeps YU/YUG but not the numeric code iso-codes gives YUG (891): that is Serbia
/// and Montenegro's, and the SFRY's own, 890, is in no ISO table today.
const NO_M49: &[&str] = &["socialist-federal-republic-of-yugoslavia"];
/// Exact matches whose UNBIS labels are none of the actor's labels, each reviewed by eye.
const EXACT_BY_EYE: &[(&str, &str)] = &[("civilians", "1001014")];

/// Subject -> predicate -> values (IRIs as strings, literals by their lexical form).
type Graph = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn actors() -> Graph {
    let text = std::fs::read(common::root().join("data/actors.ttl")).unwrap();
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
        let quad = quad.unwrap();
        let NamedOrBlankNode::NamedNode(subject) = quad.subject else {
            continue;
        };
        let value = match quad.object {
            Term::NamedNode(n) => n.into_string(),
            Term::Literal(l) => l.value().to_string(),
            _ => continue,
        };
        graph
            .entry(subject.into_string())
            .or_default()
            .entry(quad.predicate.into_string())
            .or_default()
            .push(value);
    }
    graph
}

fn values<'a>(graph: &'a Graph, subject: &str, predicate: &str) -> &'a [String] {
    graph
        .get(subject)
        .and_then(|p| p.get(predicate))
        .map_or(&[], Vec::as_slice)
}

/// The rows of a shipped TSV table (`#` lines are its provenance header), by column name.
fn table(path: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "{path}: {line}");
            header
                .iter()
                .zip(cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// Every (actor, predicate, target) of a skos:exactMatch or skos:closeMatch.
fn matches(graph: &Graph) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for subject in graph.keys() {
        for predicate in [EXACT_MATCH, skos::CLOSE_MATCH.as_str()] {
            for target in values(graph, subject, predicate) {
                out.push((subject.clone(), predicate, target.clone()));
            }
        }
    }
    out
}

fn states(graph: &Graph) -> Vec<&String> {
    graph
        .keys()
        .filter(|s| {
            values(graph, s, rg::ACTOR_KIND.as_str())
                .iter()
                .any(|k| k == STATE)
        })
        .collect()
}

fn local(actor: &str) -> &str {
    actor.strip_prefix(ACTOR).unwrap_or(actor)
}

/// Upper case, typographic apostrophes straightened, other punctuation a space, no leading
/// "THE ": how a registry label and a UNBIS label are compared.
fn normalized(label: &str) -> String {
    let upper: String = label
        .to_uppercase()
        .chars()
        .map(|c| match c {
            '\u{2019}' => '\'',
            c if c.is_alphanumeric() || c == '\'' => c,
            _ => ' ',
        })
        .collect();
    let words = upper.split_whitespace().collect::<Vec<_>>().join(" ");
    words.strip_prefix("THE ").unwrap_or(&words).to_string()
}

#[test]
fn every_link_target_is_in_a_shipped_table() {
    let graph = actors();
    let unbis: BTreeSet<String> = table("data/links/unbis-actors.tsv")
        .into_iter()
        .map(|r| r["concept"].clone())
        .collect();
    let wikidata: BTreeSet<String> = table("data/links/wikidata-actors.tsv")
        .into_iter()
        .map(|r| r["item"].clone())
        .collect();
    let mut used = BTreeSet::new();
    for (actor, _, target) in matches(&graph) {
        if let Some(concept) = target.strip_prefix(UNBIS) {
            assert!(
                concept.len() == 7 && concept.bytes().all(|b| b.is_ascii_digit()),
                "{actor}: {target} is not a UNBIS concept (7 digits)"
            );
            assert!(
                unbis.contains(concept),
                "{actor}: {target} is not in data/links/unbis-actors.tsv"
            );
            used.insert(concept.to_string());
        } else if let Some(item) = target.strip_prefix(WIKIDATA) {
            assert!(
                wikidata.contains(item),
                "{actor}: {target} is not in data/links/wikidata-actors.tsv"
            );
        } else {
            assert!(
                graph.contains_key(&target) && target.starts_with(ACTOR),
                "{actor}: link to {target}, neither UNBIS, Wikidata nor an actor of the registry"
            );
        }
    }
    assert_eq!(
        used, unbis,
        "data/links/unbis-actors.tsv holds concepts no actor links to"
    );
}

#[test]
fn an_exact_unbis_match_shares_a_label_with_its_actor() {
    let graph = actors();
    let mut concept_labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in table("data/links/unbis-actors.tsv") {
        concept_labels
            .entry(row["concept"].clone())
            .or_default()
            .insert(normalized(&row["label"]));
    }
    let mut by_eye = 0;
    for (actor, predicate, target) in matches(&graph) {
        let Some(concept) = target.strip_prefix(UNBIS) else {
            continue;
        };
        if predicate != EXACT_MATCH {
            continue;
        }
        let labels: BTreeSet<String> = [skos::PREF_LABEL, skos::ALT_LABEL, rg::ACRONYM]
            .iter()
            .flat_map(|p| values(&graph, &actor, p.as_str()))
            .map(|l| normalized(l))
            .collect();
        if EXACT_BY_EYE.contains(&(local(&actor), concept)) {
            by_eye += 1;
        } else {
            assert!(
                !labels.is_disjoint(&concept_labels[concept]),
                "{actor} exactMatch {target}: no label in common ({labels:?} / {:?})",
                concept_labels[concept]
            );
        }
    }
    assert_eq!(
        by_eye,
        EXACT_BY_EYE.len(),
        "an exception of EXACT_BY_EYE is no longer in the data"
    );
}

#[test]
fn every_state_has_the_codes_of_the_shipped_iso_table() {
    let graph = actors();
    let iso: BTreeMap<String, BTreeMap<String, String>> = table("data/links/iso3166.tsv")
        .into_iter()
        .map(|r| (r["alpha_3"].clone(), r))
        .collect();
    let states = states(&graph);
    assert!(
        states.len() >= 195,
        "193 Member States and 2 observer States at least"
    );
    for actor in states {
        let name = local(actor);
        let code =
            |p: oxigraph::model::NamedNodeRef<'_>| values(&graph, actor, p.as_str()).to_vec();
        let (alpha2, alpha3, m49) = (
            code(rg::ISO3166_ALPHA2),
            code(rg::ISO3166_ALPHA3),
            code(rg::M49),
        );
        assert!(
            values(&graph, actor, IDENTIFIER).is_empty(),
            "{name}: codes have their own properties, not dcterms:identifier"
        );
        if NO_ISO_CODE.contains(&name) {
            assert!(
                alpha2.is_empty() && alpha3.is_empty() && m49.is_empty(),
                "{name}"
            );
            continue;
        }
        let [alpha3] = alpha3.as_slice() else {
            panic!("{name}: one alpha-3 code, not {alpha3:?}")
        };
        let row = iso
            .get(alpha3)
            .unwrap_or_else(|| panic!("{name}: {alpha3} is not in data/links/iso3166.tsv"));
        assert_eq!(
            alpha2,
            [row["alpha_2"].clone()],
            "{name}: alpha-2 of {alpha3}"
        );
        if NO_M49.contains(&name) {
            assert!(m49.is_empty(), "{name}");
        } else {
            assert_eq!(
                m49,
                [row["numeric"].clone()],
                "{name}: numeric code of {alpha3}"
            );
        }
        let current = row["part"] == "3166-1";
        if values(&graph, actor, MEMBER_OF)
            .iter()
            .any(|o| local(o) == "united-nations")
        {
            assert!(
                current,
                "{name} is a Member State but {alpha3} is a former code"
            );
        }
        if current {
            assert!(
                values(&graph, actor, EXACT_MATCH)
                    .iter()
                    .any(|t| t.starts_with(UNBIS)),
                "{name}: a current State has its UNBIS geographic descriptor"
            );
        }
    }
}

#[test]
fn no_two_actors_share_a_code_or_an_exact_match() {
    let graph = actors();
    let iso = table("data/links/iso3166.tsv");
    for (property, column) in [
        (rg::ISO3166_ALPHA2, "alpha_2"),
        (rg::ISO3166_ALPHA3, "alpha_3"),
        (rg::M49, "numeric"),
    ] {
        let mut holders: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
        for actor in graph.keys() {
            for code in values(&graph, actor, property.as_str()) {
                holders.entry(code).or_default().push(actor);
            }
        }
        for (code, actors) in holders {
            // ISO 3166-3 itself gives CS to Czechoslovakia and to Serbia and Montenegro.
            let rows = iso.iter().filter(|r| &r[column] == code).count();
            assert!(
                actors.len() <= rows.max(1),
                "{column} {code} is given to {actors:?}"
            );
        }
    }
    let mut holders: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for actor in graph.keys() {
        for target in values(&graph, actor, EXACT_MATCH) {
            holders.entry(target).or_default().push(actor);
        }
    }
    for (target, actors) in holders {
        assert_eq!(actors.len(), 1, "{target} is the exact match of {actors:?}");
    }
}

/// Every instrument's `rg:annexOf` is a resolution's document IRI (not a symbol string)
/// that the IRI minter would make from that resolution's own symbol; instruments that share
/// a Treaty Series number are told apart by their volume.
#[test]
fn annexes_are_document_iris_and_shared_treaty_numbers_have_volumes() {
    let text = std::fs::read(common::root().join("data/instruments.ttl")).unwrap();
    let mut annexes = 0;
    let mut by_number: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
    let mut volumes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut numbers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
        let quad = quad.unwrap();
        let subject = quad.subject.to_string();
        match (quad.predicate.as_str(), &quad.object) {
            (p, Term::NamedNode(n)) if p == rg::ANNEX_OF.as_str() => {
                let symbol = resograph::iri::symbol_of(n)
                    .unwrap_or_else(|| panic!("{subject}: rg:annexOf {n} is no document IRI"));
                assert!(symbol.starts_with("A/RES/"), "{subject}: {symbol}");
                assert_eq!(resograph::iri::document(&symbol), *n, "{subject}");
                annexes += 1;
            }
            (p, other) if p == rg::ANNEX_OF.as_str() => {
                panic!("{subject}: rg:annexOf {other} is not an IRI")
            }
            (p, Term::Literal(l)) if p == rg::UNTS_VOLUME.as_str() => {
                volumes.entry(subject).or_default().push(l.value().into());
            }
            (p, Term::Literal(l)) if p == rg::UNTS_NUMBER.as_str() => {
                numbers.entry(subject).or_default().push(l.value().into());
            }
            _ => {}
        }
    }
    assert!(annexes > 50, "{annexes} annexes");
    for (subject, ns) in &numbers {
        for n in ns {
            let v = volumes.get(subject).cloned().unwrap_or_default();
            by_number
                .entry(n.clone())
                .or_default()
                .push((subject.clone(), v));
        }
    }
    assert!(by_number.get("39574").is_some_and(|v| v.len() == 4));
    for (number, instruments) in by_number.iter().filter(|(_, v)| v.len() > 1) {
        let mut seen = BTreeSet::new();
        for (subject, v) in instruments {
            assert!(
                !v.is_empty(),
                "{subject} shares No. {number} but has no volume"
            );
            assert!(
                v.iter().all(|v| seen.insert(v.clone())),
                "No. {number}: two instruments in volume {v:?}"
            );
        }
    }
}
