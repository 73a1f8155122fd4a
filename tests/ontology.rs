//! Code, ontology, shapes, data and queries agree.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use resograph::vocab;

use crate::common;

fn read(path: &str) -> Vec<Quad> {
    let text = std::fs::read(common::root().join(path)).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn declared() -> BTreeSet<String> {
    let owl = "http://www.w3.org/2002/07/owl#";
    read("ontology/resograph.ttl")
        .into_iter()
        .filter(|q| q.predicate.as_str() == vocab::rdf::TYPE.as_str())
        .filter(|q| matches!(&q.object, Term::NamedNode(n) if n.as_str().starts_with(owl)))
        .filter_map(|q| match q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_vocabulary_constant_is_declared() {
    let declared = declared();
    for (local, term) in vocab::rg::ALL {
        assert!(
            declared.contains(term.as_str()),
            "rg:{local} is used by the code but not declared in ontology/resograph.ttl"
        );
    }
}

/// Terms the ontology keeps only so that old queries can be mapped (`owl:deprecated true`).
fn deprecated() -> BTreeSet<String> {
    read("ontology/resograph.ttl")
        .into_iter()
        .filter(|q| q.predicate.as_str() == "http://www.w3.org/2002/07/owl#deprecated")
        .filter(|q| matches!(&q.object, Term::Literal(l) if l.value() == "true"))
        .filter_map(|q| match q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_declared_term_is_in_the_code() {
    let code: BTreeSet<&str> = vocab::rg::ALL.iter().map(|(_, t)| t.as_str()).collect();
    let deprecated = deprecated();
    assert!(deprecated.contains("https://w3id.org/resograph/ontology#annexedTo"));
    for term in declared() {
        if term.starts_with(vocab::rg::NS) && !deprecated.contains(&term) {
            assert!(
                code.contains(term.as_str()),
                "{term} is declared but has no constant in src/vocab.rs"
            );
        }
    }
}

#[test]
fn data_shapes_and_queries_use_only_declared_terms() {
    let declared = declared();
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("data"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("data/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".ttl"))
        .collect();
    files.push("ontology/shapes.ttl".into());
    for f in &files {
        for q in read(f) {
            for iri in [q.predicate.as_str().to_string()]
                .into_iter()
                .chain(match &q.object {
                    Term::NamedNode(n) => Some(n.as_str().to_string()),
                    _ => None,
                })
            {
                if iri.starts_with(vocab::rg::NS) {
                    assert!(declared.contains(&iri), "{f} uses undeclared {iri}");
                }
            }
        }
    }
    for q in resograph::queries::ALL {
        for word in q
            .text
            .split(|c: char| c.is_whitespace() || "(){},;.|/".contains(c))
        {
            if let Some(local) = word
                .strip_prefix("rg:")
                .map(|l| l.trim_end_matches(['+', '*', '?']))
                .filter(|l| !l.is_empty())
            {
                assert!(
                    declared.contains(&format!("{}{local}", vocab::rg::NS)),
                    "query {} uses undeclared rg:{local}",
                    q.name
                );
            }
        }
    }
}

#[test]
fn every_query_file_is_built_in() {
    let mut on_disk: Vec<String> = std::fs::read_dir(common::root().join("queries"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".rq")
                .to_string()
        })
        .collect();
    on_disk.sort();
    let built_in: Vec<String> = resograph::queries::ALL
        .iter()
        .map(|q| q.name.to_string())
        .collect();
    assert_eq!(on_disk, built_in);
    for q in resograph::queries::ALL {
        assert!(!q.summary().is_empty(), "{} has no summary line", q.name);
        let store = resograph::GraphStore::in_memory().unwrap();
        store
            .query(q.text, &[], None, None)
            .unwrap_or_else(|e| panic!("{}: {e}", q.name));
    }
}

#[test]
fn registries_cover_the_reference_document() {
    let k = common::knowledge();
    for name in [
        "UNODC",
        "United Nations Office on Drugs and Crime",
        "INTERPOL",
        "International Criminal Police Organization",
        "Secretary-General",
        "Member States",
        "requesting States",
        "ICAO",
        "Inter-Parliamentary Union",
        "Counter-Terrorism Committee Executive Directorate",
        "Office of Counter-Terrorism",
        "civil society",
        "women",
        "youth",
        "children",
    ] {
        assert!(k.find_actor(name).is_some(), "actor {name}");
    }
    assert!(
        k.actors
            .iter()
            .filter(|a| a
                .kind
                .as_ref()
                .is_some_and(|x| x.as_str().ends_with("/state")))
            .count()
            >= 193
    );
    for form in [
        "requests",
        "calls upon",
        "urges",
        "encourages",
        "invites",
        "decides",
        "reaffirming",
        "recalling",
        "noting",
    ] {
        assert!(k.verb_forms.contains_key(form), "verb form {form}");
    }
    for topic in [
        "biometric data",
        "terrorist financing",
        "cultural property",
        "climate change",
    ] {
        assert!(
            resograph::requests::resolve_topic(k, topic).is_some(),
            "topic {topic}"
        );
    }
}
