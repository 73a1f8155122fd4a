//! The knowledge the extractor works with, read from RDF files at run time.
//!
//! Actors, instruments, topics, verbs and mandate terms live in Turtle files under
//! `data/` (see `data/PROVENANCE.md`). [`Knowledge::load`] reads them from a directory the
//! user names (`--data`, `RESOGRAPH_DATA`), from `./data` when it exists, or from the copy
//! built into the binary; so a user can add an actor without recompiling. The same quads go
//! into the store's vocabulary graph, so the graph describes its own vocabulary.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::parse::Lexicon;
use crate::vocab::{rdf, rg, skos};

/// The data files built into the binary, by file name.
const BUILT_IN: &[(&str, &str)] = &[
    ("actors.ttl", include_str!("../data/actors.ttl")),
    ("demonyms.ttl", include_str!("../data/demonyms.ttl")),
    ("instruments.ttl", include_str!("../data/instruments.ttl")),
    ("topics.ttl", include_str!("../data/topics.ttl")),
    ("verbs.ttl", include_str!("../data/verbs.ttl")),
    (
        "mandate-terms.ttl",
        include_str!("../data/mandate-terms.ttl"),
    ),
    ("ontology.ttl", include_str!("../ontology/resograph.ttl")),
];
const BUILT_IN_RECORDS: &str = include_str!("../data/unsc-resolution-records.csv");

/// Why the knowledge files could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KnowledgeError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid Turtle.
    #[error("{file}: {source}")]
    Syntax {
        /// The file.
        file: String,
        /// The cause, with its position.
        source: oxigraph::io::RdfSyntaxError,
    },
}

/// An actor of the registry.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Canonical IRI.
    pub iri: NamedNode,
    /// Preferred name.
    pub name: String,
    /// Acronyms ("UNODC").
    pub acronyms: Vec<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Short forms valid only when the document names the actor otherwise ("the Office").
    pub contextual: Vec<String>,
    /// Adjectives of a State ("Libyan"): "the Libyan Government" is the State.
    pub demonyms: Vec<String>,
    /// Kind of actor.
    pub kind: Option<NamedNode>,
    /// Groups it is part of (`skos:broader`): requesting States are Member States.
    pub broader: Vec<NamedNode>,
    /// Actors a question about it also means (`skos:closeMatch`, either way): States and
    /// Member States.
    pub close: Vec<NamedNode>,
    /// The organization it is part of (`org:subOrganizationOf`), or in which it is a post
    /// (`org:postIn`).
    pub part_of: Vec<NamedNode>,
    /// The State that took its place (`dcterms:isReplacedBy`): Zimbabwe for Southern Rhodesia.
    pub replaced_by: Vec<NamedNode>,
    /// The documents whose clause established it (`rg:establishedIn`): S/RES/827 (1993) for
    /// the ICTY.
    pub established_in: Vec<NamedNode>,
}

impl Actor {
    fn kind_is(&self, kinds: &[&str]) -> bool {
        self.kind.as_ref().is_some_and(|k| {
            kinds
                .iter()
                .any(|x| k.as_str().strip_prefix(ACTOR_KINDS) == Some(*x))
        })
    }

    /// Whether it is an official ("Director General of the International Atomic Energy
    /// Agency").
    pub fn is_official(&self) -> bool {
        self.kind_is(&["official"])
    }

    /// Whether it is a State.
    pub fn is_state(&self) -> bool {
        self.kind_is(&["state"])
    }

    /// Whether it is a group of States ("Member States", "States parties").
    pub fn is_group(&self) -> bool {
        self.kind_is(&["group-of-states", "named-group-of-states"])
    }

    /// Whether it is a subset of States that a treaty, status or role names ("States
    /// parties", "nuclear-weapon States"): a question about all States includes it only
    /// when asked to.
    pub fn is_named_group(&self) -> bool {
        self.kind_is(&["named-group-of-states"])
    }

    /// Whether it can hold a mandate that is established, extended, renewed or terminated:
    /// a body, an office, an official, an operation, a fund; not a State, a group of States,
    /// a principal organ, an organization of its own, civil society or a social group.
    pub fn can_hold_mandate(&self) -> bool {
        !self.kind_is(&[
            "state",
            "group-of-states",
            "named-group-of-states",
            "principal-organ",
            "intergovernmental-organization",
            "regional-organization",
            "specialized-agency",
            "social-group",
            "civil-society",
        ])
    }

    /// Whether a mandate can be about it: a country, territory, organization or body, not a
    /// group of States, a principal organ, an official, civil society or a social group.
    pub fn can_be_topic(&self) -> bool {
        !self.kind_is(&[
            "group-of-states",
            "named-group-of-states",
            "principal-organ",
            "official",
            "social-group",
            "civil-society",
        ])
    }
}

/// `org:subOrganizationOf`.
const ORG_SUB_ORGANIZATION_OF: &str = "http://www.w3.org/ns/org#subOrganizationOf";
/// `org:postIn`: the organization in which a post (the Secretary-General) is held.
const ORG_POST_IN: &str = "http://www.w3.org/ns/org#postIn";

/// Namespace of the actor kinds.
const ACTOR_KINDS: &str = "https://w3id.org/resograph/actor-kind/";

/// A named instrument of the registry.
#[derive(Debug, Clone)]
pub struct Instrument {
    /// IRI.
    pub iri: NamedNode,
    /// Names and acronyms it is cited by, the preferred name first.
    pub labels: Vec<String>,
    /// UN Treaty Series registration numbers.
    pub unts: Vec<String>,
    /// UN Treaty Series volumes it was published in (its first volume): tells apart a
    /// convention and its protocols registered under one number.
    pub unts_volumes: Vec<String>,
    /// The document IRI of the resolution that carries it as an annex.
    pub annex_of: Option<NamedNode>,
}

/// A concept with the phrases that name it (topics, activities, conditions).
#[derive(Debug, Clone)]
pub struct Concept {
    /// IRI.
    pub iri: NamedNode,
    /// Preferred label.
    pub label: String,
    /// All labels and forms, lower case.
    pub phrases: Vec<String>,
    /// Broader concepts (`skos:broader`).
    pub broader: Vec<NamedNode>,
}

/// A verb lemma.
#[derive(Debug, Clone)]
pub struct Verb {
    /// IRI of the lemma.
    pub iri: NamedNode,
    /// Category label ("request").
    pub category_label: Option<String>,
    /// Whether the category asks an actor to act.
    pub mandating: bool,
    /// Whether the category asks its addressee to act (request, call upon, urge,
    /// encourage, invite, demand): the verbs whose mandates answer `requests`.
    pub asking: bool,
    /// Whether the category is the organ acting in its own voice (decide): the infinitive
    /// after the verb can establish, extend, renew or terminate a mandate.
    pub enacting: bool,
}

/// Everything the extractor knows, read from `data/`.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Actors.
    pub actors: Vec<Actor>,
    /// Named instruments.
    pub instruments: Vec<Instrument>,
    /// Topics.
    pub topics: Vec<Concept>,
    /// Activity kinds.
    pub activities: Vec<Concept>,
    /// Conditions.
    pub conditions: Vec<Concept>,
    /// Lifecycle kinds (establish, extend, renew, terminate), their forms as phrases.
    pub lifecycle: Vec<Concept>,
    /// Nouns for a lifecycle change (lower case: "creation") and the kind's index in
    /// `lifecycle`.
    pub lifecycle_nouns: BTreeMap<String, usize>,
    /// Nouns for what is extended, renewed or terminated ("mandate", "stationing").
    pub mandate_objects: Vec<String>,
    /// Kinds of body a clause may establish (committee, tribunal, fund), their head nouns as
    /// phrases.
    pub body_kinds: Vec<Concept>,
    /// What, as a mandate's infinitive, asks for a report (lower case).
    pub reporting_forms: Vec<String>,
    /// What, as the infinitive of an enacting verb, provides for a review (lower case).
    pub review_forms: Vec<String>,
    /// Verb forms (lower case) to lemma.
    pub verb_forms: BTreeMap<String, Verb>,
    /// Modifier forms (lower case).
    pub modifiers: Vec<String>,
    /// Phrases that introduce partners.
    pub partner_markers: Vec<String>,
    /// Phrases that introduce beneficiaries.
    pub beneficiary_markers: Vec<String>,
    /// Phrases that set a standard for an action ("in compliance with"), not its subject.
    pub compliance_markers: Vec<String>,
    /// The lexicon for opening phrases.
    pub lexicon: Lexicon,
    /// Security Council resolution number to Digital Library record number.
    pub unsc_records: HashMap<u32, String>,
    /// The quads of all files, for the vocabulary graph.
    pub quads: Vec<Quad>,
}

/// Resolves where data files come from: an explicit directory, `./data`, or built in.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    let local = Path::new("data");
    local
        .join("actors.ttl")
        .is_file()
        .then(|| local.to_path_buf())
}

impl Knowledge {
    /// Loads the knowledge files from `dir`, or the built-in copies when `None`.
    ///
    /// In a directory, every `*.ttl` file is read (so a user can add files), and
    /// `unsc-resolution-records.csv` when present. The ontology always comes built in.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let mut files: Vec<(String, String)> = Vec::new();
        let mut records = BUILT_IN_RECORDS.to_string();
        match dir {
            Some(dir) => {
                let entries = std::fs::read_dir(dir).map_err(|source| KnowledgeError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
                let mut paths: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                for path in paths {
                    let read = |p: &Path| {
                        std::fs::read_to_string(p).map_err(|source| KnowledgeError::Io {
                            path: p.to_path_buf(),
                            source,
                        })
                    };
                    match path.extension().and_then(|e| e.to_str()) {
                        Some("ttl") => files.push((path.display().to_string(), read(&path)?)),
                        Some("csv")
                            if path
                                .file_name()
                                .is_some_and(|n| n == "unsc-resolution-records.csv") =>
                        {
                            records = read(&path)?
                        }
                        _ => {}
                    }
                }
                let (name, text) = BUILT_IN.last().expect("ontology");
                files.push(((*name).to_string(), (*text).to_string()));
            }
            None => {
                files.extend(
                    BUILT_IN
                        .iter()
                        .map(|(n, t)| ((*n).to_string(), (*t).to_string())),
                );
            }
        }
        let mut quads = Vec::new();
        for (file, text) in &files {
            for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
                let quad = quad.map_err(|source| KnowledgeError::Syntax {
                    file: file.clone(),
                    source,
                })?;
                quads.push(quad);
            }
        }
        let mut k = Self::from_quads(quads);
        k.unsc_records = read_records(&records);
        Ok(k)
    }

    /// Builds the knowledge from quads (all in one graph).
    pub fn from_quads(quads: Vec<Quad>) -> Self {
        let index = Index::new(&quads);
        let mut k = Knowledge {
            actors: index.actors(),
            instruments: index.instruments(),
            topics: index.concepts(rg::TOPIC),
            activities: index.concepts(rg::ACTIVITY_KIND),
            conditions: index.concepts(rg::CONDITION),
            lifecycle: index.concepts(rg::LIFECYCLE_KIND),
            lifecycle_nouns: BTreeMap::new(),
            mandate_objects: index.phrases(rg::MANDATE_OBJECT),
            body_kinds: index.concepts(rg::BODY_KIND),
            reporting_forms: index.phrases(rg::REPORTING_FORM),
            review_forms: index.phrases(rg::REVIEW_FORM),
            verb_forms: index.verb_forms(),
            partner_markers: index.phrases(rg::PARTNER_MARKER),
            beneficiary_markers: index.phrases(rg::BENEFICIARY_MARKER),
            compliance_markers: index.phrases(rg::COMPLIANCE_MARKER),
            ..Knowledge::default()
        };
        for (i, kind) in k.lifecycle.iter().enumerate() {
            for noun in index.strings(&kind.iri, rg::NOMINAL_FORM.as_str()) {
                k.lifecycle_nouns.insert(noun.to_lowercase(), i);
            }
        }
        let (modifiers, pre, post) = index.modifiers();
        k.modifiers = modifiers;
        k.lexicon = Lexicon {
            verb_forms: k.verb_forms.keys().cloned().collect(),
            pre_modifiers: pre.into_iter().collect(),
            post_modifiers: post.into_iter().collect(),
        };
        k.quads = quads;
        k
    }

    /// Finds an actor by IRI, name, acronym or alias (case-insensitive).
    pub fn find_actor(&self, query: &str) -> Option<&Actor> {
        let q = query.trim();
        self.find_actor_exactly(q).or_else(|| {
            // "the Secretary-General", "Government of Israel", "secretary general".
            let folded = crate::extract::normalize(q);
            let mut bare = folded.as_str();
            for prefix in ["the ", "government of ", "governments of ", "the "] {
                bare = bare.strip_prefix(prefix).unwrap_or(bare);
            }
            self.actors.iter().find(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .chain(&a.acronyms)
                    .any(|x| crate::extract::normalize(x) == bare)
            })
        })
    }

    fn find_actor_exactly(&self, q: &str) -> Option<&Actor> {
        self.actors
            .iter()
            .find(|a| a.iri.as_str() == q)
            .or_else(|| {
                self.actors.iter().find(|a| {
                    a.acronyms.iter().any(|x| x.eq_ignore_ascii_case(q))
                        || a.name.eq_ignore_ascii_case(q)
                        || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(q))
                        || a.iri
                            .as_str()
                            .strip_prefix(crate::iri::ACTOR_BASE)
                            .is_some_and(|l| l.eq_ignore_ascii_case(q))
                })
            })
    }

    /// The Digital Library record of Security Council resolution `number`.
    pub fn unsc_record(&self, number: u32) -> Option<&str> {
        self.unsc_records.get(&number).map(String::as_str)
    }
}

/// One row of `unsc-resolution-records.csv`.
#[derive(serde::Deserialize)]
struct RecordRow {
    /// Security Council resolution number.
    res_no: u32,
    /// Its Digital Library record address, ending in the record number.
    url_record: String,
}

/// Security Council resolution number -> Digital Library record number; rows that do
/// not read as a number and an address are left out.
fn read_records(text: &str) -> HashMap<u32, String> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .deserialize::<RecordRow>()
        .filter_map(Result::ok)
        .filter_map(|row| {
            let record = row.url_record.rsplit('/').next()?;
            Some((row.res_no, record.to_string()))
        })
        .collect()
}

fn as_node(t: &Term) -> Option<NamedNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

/// Subject -> predicate -> objects.
struct Index {
    by_subject: BTreeMap<NamedNode, HashMap<String, Vec<Term>>>,
}

impl Index {
    fn new(quads: &[Quad]) -> Self {
        let mut by_subject: BTreeMap<NamedNode, HashMap<String, Vec<Term>>> = BTreeMap::new();
        for q in quads {
            if let NamedOrBlankNode::NamedNode(s) = &q.subject
                && q.graph_name == GraphName::DefaultGraph
            {
                by_subject
                    .entry(s.clone())
                    .or_default()
                    .entry(q.predicate.as_str().to_string())
                    .or_default()
                    .push(q.object.clone());
            }
        }
        Self { by_subject }
    }

    /// The actors, sorted by IRI.
    fn actors(&self) -> Vec<Actor> {
        let mut actors: Vec<Actor> = self
            .with_type(rg::ACTOR.as_str())
            .map(|s| {
                let mut acronyms = self.strings(s, rg::ACRONYM.as_str());
                acronyms.sort();
                Actor {
                    iri: s.clone(),
                    name: self
                        .string(s, skos::PREF_LABEL.as_str())
                        .unwrap_or_default(),
                    acronyms,
                    aliases: self.strings(s, skos::ALT_LABEL.as_str()),
                    contextual: self.strings(s, rg::CONTEXTUAL_LABEL.as_str()),
                    demonyms: self.strings(s, rg::DEMONYM.as_str()),
                    kind: self.node(s, rg::ACTOR_KIND.as_str()),
                    broader: self.nodes(s, skos::BROADER.as_str()),
                    close: self.nodes(s, skos::CLOSE_MATCH.as_str()),
                    part_of: [ORG_SUB_ORGANIZATION_OF, ORG_POST_IN]
                        .into_iter()
                        .flat_map(|p| self.nodes(s, p))
                        .collect(),
                    replaced_by: self.nodes(s, "http://purl.org/dc/terms/isReplacedBy"),
                    established_in: self.nodes(s, rg::ESTABLISHED_IN.as_str()),
                }
            })
            .collect();
        actors.sort_by(|a, b| a.iri.as_str().cmp(b.iri.as_str()));
        actors
    }

    /// The named instruments, sorted by IRI.
    fn instruments(&self) -> Vec<Instrument> {
        let mut instruments: Vec<Instrument> = self
            .with_type(rg::INSTRUMENT.as_str())
            .map(|s| {
                let name = self
                    .string(s, skos::PREF_LABEL.as_str())
                    .unwrap_or_default();
                let mut labels = vec![name];
                labels.extend(self.strings(s, skos::ALT_LABEL.as_str()));
                labels.extend(self.strings(s, rg::ACRONYM.as_str()));
                Instrument {
                    iri: s.clone(),
                    labels,
                    unts: self.strings(s, rg::UNTS_NUMBER.as_str()),
                    unts_volumes: self.strings(s, rg::UNTS_VOLUME.as_str()),
                    annex_of: self.node(s, rg::ANNEX_OF.as_str()),
                }
            })
            .collect();
        instruments.sort_by(|a, b| a.iri.as_str().cmp(b.iri.as_str()));
        instruments
    }

    /// The concepts of `class` with their phrases (labels, forms, acronyms; lower case).
    fn concepts(&self, class: NamedNodeRef<'_>) -> Vec<Concept> {
        self.with_type(class.as_str())
            .map(|s| {
                let label = self
                    .string(s, skos::PREF_LABEL.as_str())
                    .unwrap_or_default();
                let mut phrases: BTreeSet<String> = BTreeSet::new();
                phrases.insert(label.to_lowercase());
                for p in [
                    skos::ALT_LABEL.as_str(),
                    rg::FORM.as_str(),
                    rg::ACRONYM.as_str(),
                ] {
                    phrases.extend(self.strings(s, p).iter().map(|x| x.to_lowercase()));
                }
                phrases.remove("");
                Concept {
                    iri: s.clone(),
                    label,
                    phrases: phrases.into_iter().collect(),
                    broader: self.nodes(s, skos::BROADER.as_str()),
                }
            })
            .collect()
    }

    /// Every phrase of the concepts of `class`.
    fn phrases(&self, class: NamedNodeRef<'_>) -> Vec<String> {
        self.concepts(class)
            .into_iter()
            .flat_map(|c| c.phrases)
            .collect()
    }

    /// The modifier forms (lower case): all of them, those that may stand before the
    /// verb, those that may stand after it.
    fn modifiers(&self) -> (Vec<String>, BTreeSet<String>, BTreeSet<String>) {
        let mut all = Vec::new();
        let mut pre = BTreeSet::new();
        let mut post = BTreeSet::new();
        for s in self.with_type(rg::MODIFIER.as_str()) {
            let position = self
                .string(s, rg::MODIFIER_POSITION.as_str())
                .unwrap_or_else(|| "both".into());
            for form in self.strings(s, rg::FORM.as_str()) {
                let form = form.to_lowercase();
                if position != "post" {
                    pre.insert(form.clone());
                }
                if position != "pre" {
                    post.insert(form.clone());
                }
                all.push(form);
            }
        }
        (all, pre, post)
    }

    /// Verb forms (lower case) to their lemma: every verb IRI with rg:form and a broader category.
    fn verb_forms(&self) -> BTreeMap<String, Verb> {
        let mut out = BTreeMap::new();
        for (s, props) in &self.by_subject {
            let forms = self.strings(s, rg::FORM.as_str());
            let Some(category) = props
                .get(skos::BROADER.as_str())
                .and_then(|v| v.iter().find_map(as_node))
            else {
                continue;
            };
            if !s.as_str().starts_with(crate::iri::VERB_BASE) || forms.is_empty() {
                continue;
            }
            let verb = Verb {
                iri: s.clone(),
                category_label: self.string(&category, skos::PREF_LABEL.as_str()),
                mandating: self
                    .string(&category, rg::MANDATING.as_str())
                    .is_some_and(|v| v == "true"),
                asking: self
                    .string(&category, rg::ASKING.as_str())
                    .is_some_and(|v| v == "true"),
                enacting: self
                    .string(&category, rg::ENACTING.as_str())
                    .is_some_and(|v| v == "true"),
            };
            for form in forms {
                out.insert(form.to_lowercase(), verb.clone());
            }
        }
        out
    }

    fn with_type<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a NamedNode> + 'a {
        self.by_subject.iter().filter_map(move |(s, props)| {
            props
                .get(rdf::TYPE.as_str())
                .is_some_and(|types| {
                    types
                        .iter()
                        .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class))
                })
                .then_some(s)
        })
    }

    fn strings(&self, s: &NamedNode, p: &str) -> Vec<String> {
        self.by_subject
            .get(s)
            .and_then(|props| props.get(p))
            .map(|objects| {
                objects
                    .iter()
                    .filter_map(|o| match o {
                        Term::Literal(l) => Some(literal_text(l)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn string(&self, s: &NamedNode, p: &str) -> Option<String> {
        self.strings(s, p).into_iter().min()
    }

    fn nodes(&self, s: &NamedNode, p: &str) -> Vec<NamedNode> {
        self.by_subject
            .get(s)
            .and_then(|props| props.get(p))
            .map(|objects| objects.iter().filter_map(as_node).collect())
            .unwrap_or_default()
    }

    fn node(&self, s: &NamedNode, p: &str) -> Option<NamedNode> {
        self.nodes(s, p).into_iter().next()
    }
}

fn literal_text(l: &Literal) -> String {
    l.value().to_string()
}
