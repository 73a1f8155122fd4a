//! The store described as a dataset, in VoID and DCAT: how many statements and documents,
//! which classes and how many of each, the vocabularies it uses, and the links it holds to
//! the datasets of the UN and beyond (undocs.org pages, UN Digital Library records, UNBIS
//! Thesaurus concepts, Wikidata entities), each a `void:Linkset` with its predicate and its
//! count. `resograph export --describe` writes it; `resograph serve` serves it at `/void`
//! (and `/.well-known/void`, where VoID says to look), with its SPARQL endpoint.

use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};

use crate::store::{Answer, GraphStore, StoreError};
use crate::vocab::{rdf, xsd};

/// The dataset's IRI.
pub const DATASET: &str = "https://w3id.org/resograph/dataset";

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCTERMS: &str = "http://purl.org/dc/terms/";

/// The datasets the graph links to: a name, where their IRIs begin, a title.
pub const TARGETS: &[(&str, &str, &str)] = &[
    (
        "undocs",
        "https://undocs.org/",
        "United Nations Official Document System (undocs.org)",
    ),
    (
        "digital-library",
        "https://digitallibrary.un.org/",
        "United Nations Digital Library",
    ),
    (
        "unbis",
        "http://metadata.un.org/thesaurus/",
        "UNBIS Thesaurus",
    ),
    ("wikidata", "http://www.wikidata.org/entity/", "Wikidata"),
];

/// The vocabularies the graph uses.
const VOCABULARIES: &[&str] = &[
    "https://w3id.org/resograph/ontology#",
    "http://data.europa.eu/eli/ontology#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/org#",
];

/// What the description counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statistics {
    /// Statements.
    pub triples: usize,
    /// Documents (resolutions and other texts ingested).
    pub documents: usize,
    /// Instances per class (IRI, count), most first.
    pub classes: Vec<(String, usize)>,
    /// Links per target dataset and predicate: (target name, predicate IRI, count).
    pub links: Vec<(String, String, usize)>,
    /// When the last ingest ended (`xsd:dateTime`).
    pub modified: Option<String>,
}

/// How many documents the store holds.
pub fn statistics_documents(store: &GraphStore) -> Result<usize, StoreError> {
    match store.query(
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d rg:layout ?layout } }",
        &[],
        None,
        None,
    )? {
        Answer::Rows { rows, .. } => Ok(rows
            .first()
            .and_then(|r| r.first().cloned().flatten())
            .and_then(|t| match t {
                Term::Literal(l) => l.value().parse().ok(),
                _ => None,
            })
            .unwrap_or(0)),
        _ => unreachable!("a SELECT"),
    }
}

/// Counts what the description says of `store`.
pub fn statistics(store: &GraphStore) -> Result<Statistics, StoreError> {
    let rows = |sparql: &str| -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match store.query(sparql, &[], None, None)? {
            Answer::Rows { rows, .. } => Ok(rows),
            _ => unreachable!("a SELECT"),
        }
    };
    let number = |t: &Option<Term>| -> usize {
        match t {
            Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
            _ => 0,
        }
    };
    let text = |t: &Option<Term>| -> String {
        match t {
            Some(Term::NamedNode(n)) => n.as_str().to_string(),
            Some(Term::Literal(l)) => l.value().to_string(),
            _ => String::new(),
        }
    };
    let documents = rows(
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d rg:layout ?layout } }",
    )?;
    let classes = rows(
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } }
         GROUP BY ?class ORDER BY DESC(?n) ?class",
    )?;
    let filters: Vec<String> = TARGETS
        .iter()
        .map(|(_, space, _)| format!("STRSTARTS(STR(?o), \"{space}\")"))
        .collect();
    let links = rows(&format!(
        "SELECT ?p ?space (COUNT(*) AS ?n) WHERE {{
           GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?o) && ({}))
           VALUES ?space {{ {} }} FILTER(STRSTARTS(STR(?o), ?space))
         }} GROUP BY ?p ?space ORDER BY ?space DESC(?n)",
        filters.join(" || "),
        TARGETS
            .iter()
            .map(|(_, space, _)| format!("\"{space}\""))
            .collect::<Vec<_>>()
            .join(" ")
    ))?;
    let modified = rows(
        "PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT (MAX(?t) AS ?last) WHERE { GRAPH ?g { ?activity prov:endedAtTime ?t } }",
    )?;
    Ok(Statistics {
        triples: store.len()?,
        documents: documents.first().map_or(0, |r| number(&r[0])),
        classes: classes
            .iter()
            .map(|r| (text(&r[0]), number(&r[1])))
            .filter(|(c, _)| !c.is_empty())
            .collect(),
        links: links
            .iter()
            .filter_map(|r| {
                let space = text(&r[1]);
                let (name, _, _) = TARGETS.iter().find(|(_, s, _)| *s == space)?;
                Some((name.to_string(), text(&r[0]), number(&r[2])))
            })
            .collect(),
        modified: modified
            .first()
            .map(|r| text(&r[0]))
            .filter(|t| !t.is_empty()),
    })
}

/// The description as triples; `endpoint` is the SPARQL endpoint that serves the dataset,
/// when one does.
pub fn triples(stats: &Statistics, endpoint: Option<&str>) -> Vec<Triple> {
    let void = |local: &str| NamedNode::new_unchecked(format!("{VOID}{local}"));
    let dcat = |local: &str| NamedNode::new_unchecked(format!("{DCAT}{local}"));
    let dcterms = |local: &str| NamedNode::new_unchecked(format!("{DCTERMS}{local}"));
    let integer = |n: usize| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    let english = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "en");
    let dataset = NamedNode::new_unchecked(DATASET);
    let mut t = vec![
        Triple::new(dataset.clone(), rdf::TYPE, void("Dataset")),
        Triple::new(dataset.clone(), rdf::TYPE, dcat("Dataset")),
        Triple::new(
            dataset.clone(),
            dcterms("title"),
            english("United Nations resolutions as a knowledge graph (resograph)"),
        ),
        Triple::new(
            dataset.clone(),
            dcterms("description"),
            english(
                "Resolutions parsed into documents, paragraphs and footnotes, with the actors \
                 they name, the instruments they cite and the mandates they give: who is asked \
                 to do what, for whom, on which topic, until when; each fact traced to its \
                 characters in the source text.",
            ),
        ),
        Triple::new(
            dataset.clone(),
            void("uriSpace"),
            Literal::new_simple_literal("https://w3id.org/resograph/"),
        ),
        Triple::new(dataset.clone(), void("triples"), integer(stats.triples)),
        Triple::new(dataset.clone(), void("documents"), integer(stats.documents)),
        Triple::new(
            dataset.clone(),
            void("classes"),
            integer(stats.classes.len()),
        ),
        Triple::new(
            dataset.clone(),
            dcat("keyword"),
            english("United Nations resolutions"),
        ),
        Triple::new(dataset.clone(), dcat("keyword"), english("mandates")),
    ];
    if let Some(modified) = &stats.modified {
        t.push(Triple::new(
            dataset.clone(),
            dcterms("modified"),
            Literal::new_typed_literal(modified.clone(), xsd::DATE_TIME),
        ));
    }
    for vocabulary in VOCABULARIES {
        t.push(Triple::new(
            dataset.clone(),
            void("vocabulary"),
            NamedNode::new_unchecked(*vocabulary),
        ));
    }
    for (class, n) in &stats.classes {
        let Ok(class) = NamedNode::new(class.clone()) else {
            continue;
        };
        let partition = BlankNode::default();
        t.push(Triple::new(
            dataset.clone(),
            void("classPartition"),
            partition.clone(),
        ));
        t.push(Triple::new(partition.clone(), void("class"), class));
        t.push(Triple::new(partition, void("entities"), integer(*n)));
    }
    for (name, space, title) in TARGETS {
        let target = NamedNode::new_unchecked(*space);
        let mut any = false;
        for (_, predicate, n) in stats.links.iter().filter(|(t, _, _)| t == name) {
            let Ok(predicate) = NamedNode::new(predicate.clone()) else {
                continue;
            };
            any = true;
            let linkset = NamedNode::new_unchecked(format!(
                "{DATASET}/links/{name}/{}",
                crate::iri::slug(
                    predicate
                        .as_str()
                        .rsplit(['#', '/'])
                        .next()
                        .unwrap_or("link"),
                    40
                )
            ));
            t.push(Triple::new(
                dataset.clone(),
                void("subset"),
                linkset.clone(),
            ));
            t.push(Triple::new(linkset.clone(), rdf::TYPE, void("Linkset")));
            t.push(Triple::new(
                linkset.clone(),
                void("subjectsTarget"),
                dataset.clone(),
            ));
            t.push(Triple::new(
                linkset.clone(),
                void("objectsTarget"),
                target.clone(),
            ));
            t.push(Triple::new(
                linkset.clone(),
                void("linkPredicate"),
                predicate,
            ));
            t.push(Triple::new(linkset, void("triples"), integer(*n)));
        }
        if any {
            t.push(Triple::new(target.clone(), rdf::TYPE, void("Dataset")));
            t.push(Triple::new(target, dcterms("title"), english(title)));
        }
    }
    if let Some(endpoint) = endpoint.and_then(|e| NamedNode::new(e).ok()) {
        let service = BlankNode::default();
        let distribution = BlankNode::default();
        t.push(Triple::new(
            dataset.clone(),
            void("sparqlEndpoint"),
            endpoint.clone(),
        ));
        t.push(Triple::new(
            dataset.clone(),
            dcat("distribution"),
            distribution.clone(),
        ));
        t.push(Triple::new(
            distribution.clone(),
            rdf::TYPE,
            dcat("Distribution"),
        ));
        t.push(Triple::new(
            distribution.clone(),
            dcat("accessURL"),
            endpoint.clone(),
        ));
        t.push(Triple::new(
            distribution.clone(),
            dcat("accessService"),
            service.clone(),
        ));
        t.push(Triple::new(service.clone(), rdf::TYPE, dcat("DataService")));
        t.push(Triple::new(service.clone(), dcat("endpointURL"), endpoint));
        t.push(Triple::new(service.clone(), dcat("servesDataset"), dataset));
        t.push(Triple::new(
            service,
            dcterms("conformsTo"),
            NamedNode::new_unchecked("https://www.w3.org/TR/sparql11-protocol/"),
        ));
    }
    t
}
