//! Extract stage: [`Document`] -> [`Findings`].
//!
//! Finds, in every paragraph, the actors it mentions, the instruments it cites (its own
//! text and the footnotes it carries), the topics it is about and, in operative
//! paragraphs, its directives: who is asked to do what, for whom, on which topic, under
//! which conditions. It also names the document ([`Identity`]: its IRI, computed once here,
//! its issuing body, its Digital Library record) and resolves every citation to an IRI
//! ([`Target`]), so that the graph stage looks nothing up. All words come from
//! [`Knowledge`]; the rules here are about how resolutions are written, not about any one
//! resolution:
//!
//! ```text
//! operative paragraph = clause ((", and " | ", " | "; " | " and ") clause)*
//! clause      = [pre-modifier] verb [post-modifier] addressees ["," interjection ","]* ["to" action]
//!             | verb "that" addressees action                     ("Demands that Iraq withdraw")
//! interjection= partner-marker actors | condition                  ("in cooperation with INTERPOL", "upon request")
//! action      = activity words, beneficiaries ("to requesting States"), topics, conditions
//! ```
//!
//! A clause starts at a finite verb form of the lexicon, in lower case, after a comma, a
//! semicolon, "and" or a back-reference ("in this regard urges"): "which supports" is not
//! a clause. Sub-paragraphs inherit the verb
//! and addressees of the last clause of their chapeau unless they open with a verb of their
//! own. A clause that refers back ("to those ends", "in that regard") or names no topic
//! takes the topics of the clauses before it in the paragraph. What a directive refers to
//! beyond its paragraph ("those countries", "the parties", "its decision", "paragraph 1
//! above") and what the document is about are resolved afterwards, in `context.rs`.

pub mod citations;
mod context;
pub mod lifecycle;
pub mod reporting;
pub(crate) mod text;

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::NamedNode;

use crate::iri;
use crate::knowledge::{Instrument, Knowledge, Verb};
use crate::model::{Document, Paragraph, ParagraphKind, Source, Span};
pub use citations::Organ;
use citations::{Cited, Found};
pub use text::normalize;
use text::{Dictionary, Hit};

/// Who a document is: its IRI, its symbol, the body that issued it, its library record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The document's IRI, also the name of its graph.
    pub iri: NamedNode,
    /// The symbol: the user's (`--symbol`), else the printed one.
    pub symbol: Option<String>,
    /// The issuing body (else the body of the enacting formula), as an actor of the registry.
    pub issued_by: Option<NamedNode>,
    /// The UN Digital Library record: front matter `record_id`, else the Security Council table.
    pub digital_library_record: Option<NamedNode>,
}

/// A UN document named by its symbol in a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedDocument {
    /// Its IRI.
    pub iri: NamedNode,
    /// Its symbol as the UN writes it ("A/RES/74/175", "S/RES/2178 (2014)").
    pub symbol: String,
    /// Its UN Digital Library record, when known (Security Council resolutions).
    pub digital_library_record: Option<NamedNode>,
    /// The IRIs of the paragraphs the citation names (`<document>/para_13` for
    /// "paragraph 13 of resolution 687 (1991)"); empty when it cites the whole document.
    pub paragraphs: Vec<NamedNode>,
}

/// What a citation points at, resolved against the knowledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A UN document by symbol.
    Document(CitedDocument),
    /// A UN Treaty Series registration that no instrument of the registry carries.
    Treaty {
        /// Its IRI.
        iri: NamedNode,
        /// Registration number.
        number: String,
        /// Volumes as printed.
        volumes: Vec<String>,
    },
    /// A named instrument of the registry, cited by name or by its Treaty Series number.
    Instrument(NamedNode),
}

impl Target {
    /// The IRI of what is cited.
    pub fn iri(&self) -> &NamedNode {
        match self {
            Self::Document(d) => &d.iri,
            Self::Treaty { iri, .. } | Self::Instrument(iri) => iri,
        }
    }
}

/// A mention of an actor in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Element id of the paragraph.
    pub paragraph: String,
    /// The actor.
    pub actor: NamedNode,
    /// The words as printed.
    pub surface: String,
    /// Where in the source.
    pub span: Span,
}

/// A citation made by a paragraph (directly or through a footnote it carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Element id of the citation: the paragraph's, then `__cite_N` (1-based in the paragraph).
    pub eid: String,
    /// Element id of the citing paragraph.
    pub paragraph: String,
    /// What is cited.
    pub target: Target,
    /// The citation as printed.
    pub surface: String,
    /// Date printed with it.
    pub date: Option<chrono::NaiveDate>,
    /// The footnote it was read from, if any.
    pub footnote: Option<String>,
    /// Where in the source.
    pub span: Span,
    /// For a named instrument cited with a footnote "Resolution X, annex": that resolution.
    pub annexed_to: Option<CitedDocument>,
}

/// Whether paragraph `p` is quoted from another text: it opens with a quotation mark.
fn is_quoted(p: &Paragraph) -> bool {
    p.text
        .trim_start()
        .starts_with(['"', '\u{201c}', '\u{2018}', '\u{201e}'])
}

/// A directive of an operative paragraph: one verb and what hangs on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Element id of the directive: the paragraph's, then `__directive_N`, N the character
    /// offset of its verb in the paragraph's text (0 for a sub-paragraph without a verb).
    pub eid: String,
    /// Element id of the paragraph.
    pub paragraph: String,
    /// The verb as printed, with its modifiers ("Also requests").
    pub verb_phrase: String,
    /// The lemma concept.
    pub verb: Option<NamedNode>,
    /// The category label ("request").
    pub category: Option<String>,
    /// Whether the verb asks for action (a mandate).
    pub mandating: bool,
    /// Modifiers ("also", "further").
    pub modifiers: Vec<String>,
    /// Who is asked.
    pub addressees: Vec<NamedNode>,
    /// Who is asked, as printed ("the International Olympic Committee"): keeps an addressee
    /// the registry does not know findable. Empty when the clause names no one.
    pub addressee_phrase: String,
    /// With whom ("in cooperation with").
    pub partners: Vec<NamedNode>,
    /// For whom ("to requesting States").
    pub beneficiaries: Vec<NamedNode>,
    /// Conditions ("upon request").
    pub conditions: Vec<NamedNode>,
    /// Kinds of activity.
    pub activities: Vec<NamedNode>,
    /// Topics.
    pub topics: Vec<NamedNode>,
    /// Countries, organizations and other actors the action is about ("the situation in
    /// Cyprus"), other than those asked, partnered or served.
    pub concerns: Vec<NamedNode>,
    /// What is asked, as printed (from the infinitive on).
    pub action: String,
    /// What the directive does to the mandate of a body or an operation: establish,
    /// extend, renew, terminate.
    pub change: Option<lifecycle::Change>,
    /// The report a mandate asks for: to whom, when, on what.
    pub reporting: Option<reporting::Reporting>,
    /// Whether the clause provides for a review ("Decides to keep the situation under
    /// review", "Decides to review ..."): with an end date or a termination, what the
    /// mandates of its document are reviewed or ended by.
    pub review: bool,
    /// Where in the source.
    pub span: Span,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings {
    /// The document itself.
    pub document: Identity,
    /// Actor mentions.
    pub mentions: Vec<Mention>,
    /// Citations.
    pub citations: Vec<Citation>,
    /// Directives (mandates among them).
    pub directives: Vec<Directive>,
    /// Topics per paragraph (element id, topic).
    pub topics: Vec<(String, NamedNode)>,
    /// What the document is about as a whole: the topics and places of its title (or, without
    /// a title, of its preamble). Mandates that say nothing of their subject inherit it.
    pub subjects: Vec<NamedNode>,
}

/// The compiled dictionaries; build once, use on many documents.
pub struct Extractor<'k> {
    knowledge: &'k Knowledge,
    actor_names: Dictionary,
    actor_acronyms: Dictionary,
    actor_contextual: Dictionary,
    contextual_actors: Vec<Vec<usize>>,
    instruments: Dictionary,
    topics: Dictionary,
    activities: Dictionary,
    conditions: Dictionary,
    partner_markers: Dictionary,
    compliance_markers: Dictionary,
    demonyms: Dictionary,
    verbs: Dictionary,
    verb_forms: Vec<String>,
}

/// Phrases by which a clause refers back to the ones before it.
const ANAPHORA: &[&str] = &[
    "to those ends",
    "to that end",
    "to this end",
    "in that regard",
    "in this regard",
    "in that respect",
    "in this respect",
    "in this context",
    "in that context",
    "to those ends",
    "for that purpose",
    "for this purpose",
    "in this connection",
];

/// The part of speech a clause start may be, by lexicon form.
fn is_finite(form: &str) -> bool {
    let head = form.split(' ').next().unwrap_or(form);
    head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us")
}

/// Whether a lexicon form is the bare infinitive ("support"), not a finite form
/// ("supports") or a participle ("requesting", "requested").
fn is_base_form(form: &str) -> bool {
    let head = form.split(' ').next().unwrap_or(form);
    !is_finite(form) && !head.ends_with("ing") && !head.ends_with("ed")
}

impl<'k> Extractor<'k> {
    /// Compiles the dictionaries of `knowledge`.
    pub fn new(knowledge: &'k Knowledge) -> Self {
        let mut names = Vec::new();
        let mut acronyms = Vec::new();
        let mut contextual: Vec<(String, usize)> = Vec::new();
        // "all States Parties", "all nuclear-weapon States": a group with "all" is the group.
        let all_forms: Vec<(String, usize)> = knowledge
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_group())
            .flat_map(|(i, a)| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .filter(|l| !l.to_ascii_lowercase().starts_with("all "))
                    .map(move |l| (format!("all {l}"), i))
            })
            .collect();
        for (i, a) in knowledge.actors.iter().enumerate() {
            names.push((a.name.as_str(), i));
            names.extend(a.aliases.iter().map(|x| (x.as_str(), i)));
            acronyms.extend(a.acronyms.iter().map(|x| (x.as_str(), i)));
            contextual.extend(a.contextual.iter().map(|x| (x.to_lowercase(), i)));
        }
        names.extend(all_forms.iter().map(|(l, i)| (l.as_str(), *i)));
        // "the Libyan Government", "the Iraqi authorities": the State.
        let governments: Vec<(String, usize)> = knowledge
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.demonyms.iter().flat_map(move |d| {
                    ["Government", "Governments", "authorities"]
                        .into_iter()
                        .map(move |noun| (format!("{d} {noun}"), i))
                })
            })
            .collect();
        names.extend(governments.iter().map(|(l, i)| (l.as_str(), *i)));
        let demonyms: Vec<(&str, usize)> = knowledge
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.demonyms.iter().map(move |d| (d.as_str(), i)))
            .collect();
        let mut contextual_labels: Vec<String> =
            contextual.iter().map(|(l, _)| l.clone()).collect();
        contextual_labels.sort();
        contextual_labels.dedup();
        let contextual_actors = contextual_labels
            .iter()
            .map(|l| {
                contextual
                    .iter()
                    .filter(|(x, _)| x == l)
                    .map(|(_, i)| *i)
                    .collect()
            })
            .collect();
        let instrument_labels: Vec<(&str, usize)> = knowledge
            .instruments
            .iter()
            .enumerate()
            .flat_map(|(i, x)| x.labels.iter().map(move |l| (l.as_str(), i)))
            .collect();
        let concept_dictionary = |concepts: &[crate::knowledge::Concept], fold: bool| {
            let phrases: Vec<(String, usize)> = concepts
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    c.phrases
                        .iter()
                        .map(move |p| (if fold { normalize(p) } else { p.clone() }, i))
                })
                .collect();
            Dictionary::new(phrases.iter().map(|(p, i)| (p.as_str(), *i)), true)
        };
        let verb_forms: Vec<String> = knowledge.verb_forms.keys().cloned().collect();
        let partner: Vec<(&str, usize)> = knowledge
            .partner_markers
            .iter()
            .map(|p| (p.as_str(), 0))
            .collect();
        let compliance: Vec<(&str, usize)> = knowledge
            .compliance_markers
            .iter()
            .map(|p| (p.as_str(), 0))
            .collect();
        Self {
            knowledge,
            compliance_markers: Dictionary::new(compliance, true),
            demonyms: Dictionary::new(demonyms, false),
            actor_names: Dictionary::new(names, true),
            actor_acronyms: Dictionary::new(acronyms, false),
            actor_contextual: Dictionary::new(
                contextual_labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (l.as_str(), i)),
                true,
            ),
            contextual_actors,
            instruments: Dictionary::new(instrument_labels, true),
            topics: concept_dictionary(&knowledge.topics, true),
            activities: concept_dictionary(&knowledge.activities, false),
            conditions: concept_dictionary(&knowledge.conditions, false),
            partner_markers: Dictionary::new(partner, true),
            verbs: Dictionary::new(
                verb_forms.iter().enumerate().map(|(i, f)| (f.as_str(), i)),
                true,
            ),
            verb_forms,
        }
    }

    /// Actors named in `text`: (byte range, actor index). Contextual labels count only for
    /// actors in `named`, the actors the document names in full (with how often); a short
    /// form shared by several goes to the one named most.
    fn actors_in(&self, text: &str, named: &BTreeMap<usize, usize>) -> Vec<Hit> {
        let mut hits = self.actor_names.find(text);
        for h in self.actor_acronyms.find(text) {
            if !hits.iter().any(|x| x.start < h.end && h.start < x.end) {
                hits.push(h);
            }
        }
        for h in self.actor_contextual.find(text) {
            if hits.iter().any(|x| x.start < h.end && h.start < x.end) {
                continue;
            }
            // Capitalised short forms only: "the Office", not "the office of".
            let word = text[h.start..h.end].split(' ').next_back().unwrap_or("");
            if !word.starts_with(char::is_uppercase) {
                continue;
            }
            // The actor with this short form that the document names most often.
            if let Some(&actor) = self.contextual_actors[h.entry]
                .iter()
                .filter(|a| named.contains_key(a))
                .max_by_key(|a| (named[a], std::cmp::Reverse(**a)))
            {
                hits.push(Hit { entry: actor, ..h });
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }

    /// Topics in `text`, as indices into the knowledge's topics.
    fn topics_in(&self, text: &str) -> Vec<usize> {
        let folded = normalize(text);
        let mut out: Vec<usize> = self
            .topics
            .find(&folded)
            .into_iter()
            .map(|h| h.entry)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Runs the extraction over a whole document read from `source`.
    pub fn extract(&self, doc: &Document, source: &Source<'_>) -> Findings {
        let text = source.text;
        let mut findings = Findings {
            document: self.identify(doc, source),
            mentions: Vec::new(),
            citations: Vec::new(),
            directives: Vec::new(),
            topics: Vec::new(),
            subjects: Vec::new(),
        };
        let organ = doc
            .metadata
            .acting_body
            .as_ref()
            .or(doc.metadata.body.as_ref())
            .and_then(|b| citations::organ_named(&b.value));
        let named = self.named_in_full(doc);
        for p in doc.all_paragraphs() {
            self.mentions(p, &named, text, &mut findings.mentions);
            self.cite(doc, p, organ, text, &mut findings.citations);
            for t in self.topics_in(&p.text) {
                findings
                    .topics
                    .push((p.eid.clone(), self.knowledge.topics[t].iri.clone()));
            }
        }
        for p in &doc.operative {
            self.directives(p, None, &named, text, &mut findings.directives);
        }
        self.refer_back(doc, &named, &mut findings.directives);
        let adopted = doc.metadata.date.as_ref().map(|d| d.value);
        for change in findings
            .directives
            .iter_mut()
            .filter_map(|d| d.change.as_mut())
        {
            lifecycle::complete(change, adopted);
            self.name_new_body(change, &findings.document.iri);
        }
        let organ = findings.document.issued_by.clone();
        let quoted: BTreeSet<&str> = doc
            .all_paragraphs()
            .into_iter()
            .filter(|p| is_quoted(p))
            .map(|p| p.eid.as_str())
            .collect();
        for d in findings
            .directives
            .iter_mut()
            .filter(|d| d.mandating && !quoted.contains(d.paragraph.as_str()))
        {
            d.reporting = self.reporting(&d.action, organ.as_ref(), &named);
            if let Some(duty) = d.reporting.as_mut() {
                reporting::complete(duty, adopted);
            }
        }
        findings.subjects = self.subjects(doc, &named);
        findings
    }

    /// Names the body that `change` establishes in `document` when the registry did not
    /// find it by name: the registry actor that `document` established of that kind
    /// (`rg:establishedIn`: the ICTY for S/RES/827 (1993)), else a minted IRI
    /// ([`iri::established_body`]), whose name the graph then records.
    fn name_new_body(&self, change: &mut lifecycle::Change, document: &NamedNode) {
        let Some(body) = &change.new_body else {
            return;
        };
        let kind_words: Vec<String> = self
            .knowledge
            .body_kinds
            .iter()
            .find(|k| k.iri == body.kind)
            .map(|k| k.phrases.clone())
            .unwrap_or_default();
        let registered = self.knowledge.actors.iter().find(|a| {
            a.established_in.contains(document) && {
                let name = a.name.to_lowercase();
                kind_words.iter().any(|w| name.contains(w.as_str()))
            }
        });
        let minted = iri::established_body(&body.kind_label, document);
        match registered.or_else(|| self.knowledge.actors.iter().find(|a| a.iri == minted)) {
            Some(actor) => {
                change.entity = actor.iri.clone();
                change.new_body = None;
            }
            None => change.entity = minted,
        }
    }

    /// The document's IRI, symbol, issuing body and library record.
    fn identify(&self, doc: &Document, source: &Source<'_>) -> Identity {
        let meta = &doc.metadata;
        let symbol = source
            .symbol
            .map(str::to_string)
            .or_else(|| meta.symbol.as_ref().map(|s| s.value.clone()));
        let body = meta.body.as_ref().or(meta.acting_body.as_ref());
        let record = meta
            .record_id
            .clone()
            .or_else(|| self.unsc_record(unsc_number(symbol.as_deref())?));
        Identity {
            iri: iri::of_document(meta, source),
            issued_by: body
                .and_then(|b| self.knowledge.find_actor(&b.value))
                .map(|a| a.iri.clone()),
            digital_library_record: record.as_deref().and_then(iri::digital_library),
            symbol,
        }
    }

    /// The Digital Library record number of Security Council resolution `number`.
    fn unsc_record(&self, number: u32) -> Option<String> {
        self.knowledge.unsc_record(number).map(str::to_string)
    }

    /// Actors the document names in full or by acronym, with how often: the context in
    /// which a short form ("the Office") names one of them.
    fn named_in_full(&self, doc: &Document) -> BTreeMap<usize, usize> {
        let mut named: BTreeMap<usize, usize> = BTreeMap::new();
        for p in doc.all_paragraphs() {
            for h in self
                .actor_names
                .find(&p.text)
                .into_iter()
                .chain(self.actor_acronyms.find(&p.text))
            {
                *named.entry(h.entry).or_default() += 1;
            }
        }
        named
    }

    /// The actors paragraph `p` mentions.
    fn mentions(
        &self,
        p: &Paragraph,
        named: &BTreeMap<usize, usize>,
        source: &str,
        out: &mut Vec<Mention>,
    ) {
        for h in self.actors_in(&p.text, named) {
            let actor = &self.knowledge.actors[h.entry];
            let surface = p.text[h.start..h.end].to_string();
            out.push(Mention {
                paragraph: p.eid.clone(),
                actor: actor.iri.clone(),
                span: locate(source, p.span, &surface),
                surface,
            });
        }
    }

    /// The citations of paragraph `p`: in its text, then in each footnote it carries.
    fn cite(
        &self,
        doc: &Document,
        p: &Paragraph,
        organ: Option<Organ>,
        source: &str,
        out: &mut Vec<Citation>,
    ) {
        let mut cites = Citations {
            paragraph: p,
            source,
            out,
        };
        for found in citations::find(&p.text, organ) {
            let (range, date) = ((found.start, found.end), found.date);
            for target in self.resolve(found) {
                cites.push(&p.text, p.span, range, target, date, None);
            }
        }
        let instrument_hits = self.instruments.find(&p.text);
        for h in &instrument_hits {
            let target = Target::Instrument(self.knowledge.instruments[h.entry].iri.clone());
            cites.push(&p.text, p.span, (h.start, h.end), target, None, None);
        }
        for r in &p.footnotes {
            let Some(note) = doc.footnotes.iter().find(|f| f.marker == r.marker) else {
                continue;
            };
            let found = citations::find(&note.text, organ);
            self.link_annex(&found, &instrument_hits, r.at, &mut cites.out[..], &p.eid);
            let marker = Some(note.marker.as_str());
            for f in found {
                let (range, date) = ((f.start, f.end), f.date);
                for target in self.resolve(f) {
                    cites.push(&note.text, note.span, range, target, date, marker);
                }
            }
            for h in self.instruments.find(&note.text) {
                let target = Target::Instrument(self.knowledge.instruments[h.entry].iri.clone());
                cites.push(
                    &note.text,
                    note.span,
                    (h.start, h.end),
                    target,
                    None,
                    marker,
                );
            }
        }
    }

    /// "Resolution 76/181, annex." in a footnote whose marker stands just after an
    /// instrument's name: the instrument is that resolution's annex.
    fn link_annex(
        &self,
        found: &[citations::Found],
        instrument_hits: &[Hit],
        marker_at: usize,
        citations: &mut [Citation],
        paragraph: &str,
    ) {
        let [
            citations::Found {
                cited:
                    Cited::Symbol {
                        symbol,
                        unsc_number,
                        annex: true,
                    },
                ..
            },
        ] = found
        else {
            return;
        };
        let Some(h) = instrument_hits
            .iter()
            .filter(|h| h.end <= marker_at)
            .max_by_key(|h| h.end)
        else {
            return;
        };
        if marker_at - h.end >= 40 {
            return;
        }
        let instrument = Target::Instrument(self.knowledge.instruments[h.entry].iri.clone());
        if let Some(c) = citations
            .iter_mut()
            .rev()
            .find(|c| c.paragraph == paragraph && c.target == instrument)
        {
            c.annexed_to = Some(self.cited_document(symbol, *unsc_number));
        }
    }

    /// Resolves what a citation names: a document, or a treaty registration: the registry's
    /// instruments that carry that number, told apart by the volumes cited when a
    /// convention and its protocols share it ("vol. 2237, No. 39574" is the Trafficking in
    /// Persons Protocol; "vols. 2225, 2237, 2241 and 2326, No. 39574" all four).
    fn resolve(&self, found: Found) -> Vec<Target> {
        match found.cited {
            Cited::Symbol {
                symbol,
                unsc_number,
                ..
            } => {
                let mut document = self.cited_document(&symbol, unsc_number);
                document.paragraphs = found
                    .paragraphs
                    .iter()
                    .map(|n| iri::part(&document.iri, &format!("para_{n}")))
                    .collect();
                vec![Target::Document(document)]
            }
            Cited::Treaty { number, volumes } => {
                let registered = self.registered_under(&number, &volumes);
                if registered.is_empty() {
                    return vec![Target::Treaty {
                        iri: iri::unts(&number),
                        number,
                        volumes,
                    }];
                }
                registered
                    .into_iter()
                    .map(|i| Target::Instrument(i.iri.clone()))
                    .collect()
            }
        }
    }

    /// The instruments registered under Treaty Series `number`: those published in one of
    /// the `volumes` cited; when none is, the first registered (lowest volume: the
    /// convention its protocols are registered under).
    fn registered_under(&self, number: &str, volumes: &[String]) -> Vec<&Instrument> {
        let mut candidates: Vec<&Instrument> = self
            .knowledge
            .instruments
            .iter()
            .filter(|i| i.unts.iter().any(|n| n == number))
            .collect();
        let in_cited_volume: Vec<&Instrument> = candidates
            .iter()
            .copied()
            .filter(|i| i.unts_volumes.iter().any(|v| volumes.contains(v)))
            .collect();
        if !in_cited_volume.is_empty() {
            return in_cited_volume;
        }
        let first_volume = |i: &&Instrument| {
            let volume = i
                .unts_volumes
                .iter()
                .filter_map(|v| v.parse::<u32>().ok())
                .min();
            (volume.unwrap_or(u32::MAX), i.iri.as_str().to_string())
        };
        candidates.sort_by_key(first_volume);
        candidates.truncate(1);
        candidates
    }

    fn cited_document(&self, symbol: &str, unsc_number: Option<u32>) -> CitedDocument {
        CitedDocument {
            iri: iri::document(symbol),
            symbol: symbol.to_string(),
            digital_library_record: unsc_number
                .and_then(|n| self.unsc_record(n))
                .as_deref()
                .and_then(iri::digital_library),
            paragraphs: Vec::new(),
        }
    }

    /// Clause starts in `text`: (byte offset, verb form index, form length). `opening` is
    /// the opening verb the parser found, if the paragraph opens with one.
    fn clause_starts(&self, text: &str, opening: Option<&crate::model::Opening>) -> Vec<Hit> {
        let hits = self.verbs.find(text);
        let mut out = Vec::new();
        for &h in &hits {
            let form = &self.verb_forms[h.entry];
            if h.start == 0 {
                out.push(h);
                continue;
            }
            if !is_finite(form) {
                continue;
            }
            // Lower case in running text, after a word that can end a clause.
            if !text[h.start..].starts_with(char::is_lowercase) {
                continue;
            }
            let before = text[..h.start].trim_end();
            if before.ends_with([',', ';'])
                || before.ends_with(" and")
                || self.has_clause_break_before(before)
            {
                out.push(h);
            }
        }
        // The first clause is the opening verb the parser found, after any modifiers or
        // subject; a paragraph that opens otherwise ("To request ...", "That the Council
        // request ...") starts with the first verb form near its start.
        let first = opening
            .and_then(|o| {
                Some(Hit {
                    start: o.start,
                    end: o.end,
                    entry: self.verb_forms.iter().position(|f| *f == o.verb)?,
                })
            })
            .filter(|h| h.start < 60)
            .or_else(|| hits.first().copied());
        if out.first().is_none_or(|h| h.start > 0)
            && let Some(first) = first
            && first.start < 60
            && !out.contains(&first)
        {
            out.insert(0, first);
        }
        out
    }

    /// Whether a clause may start after `before` without a comma: "... in this regard urges".
    fn has_clause_break_before(&self, before: &str) -> bool {
        let lower = before.to_ascii_lowercase();
        ANAPHORA.iter().any(|a| lower.ends_with(a))
            || lower.ends_with(" and further")
            || lower.ends_with(" and also")
    }

    /// The directives of paragraph `p` and its sub-paragraphs. `inherited` is the last
    /// directive of the chapeau, for sub-paragraphs without a verb of their own.
    fn directives(
        &self,
        p: &Paragraph,
        inherited: Option<&Directive>,
        named: &BTreeMap<usize, usize>,
        source: &str,
        out: &mut Vec<Directive>,
    ) {
        let starts = self.clause_starts(&p.text, p.opening.as_ref());
        // "(a) To support ...", "(a) Identify and consider ...": the infinitive of the
        // chapeau's action, not a verb of the resolution's own.
        let infinitive = p.kind == ParagraphKind::SubParagraph
            && inherited.is_some()
            && starts.first().is_none_or(|h| {
                p.text.trim_start().to_ascii_lowercase().starts_with("to ")
                    || is_base_form(&self.verb_forms[h.entry])
            });
        let made = if infinitive || starts.is_empty() || starts[0].start > 60 {
            // No verb of its own: a sub-paragraph continuing its chapeau ("(a) To develop ...").
            inherited
                .map(|parent| self.continuation(p, parent, named, source))
                .into_iter()
                .collect()
        } else {
            self.clauses(p, &starts, inherited, named, source)
        };
        let last = made.last().cloned().or_else(|| inherited.cloned());
        out.extend(made);
        for child in &p.subparagraphs {
            self.directives(child, last.as_ref(), named, source, out);
        }
    }

    /// The one directive of a sub-paragraph without a verb: verb and addressees are its
    /// chapeau's.
    fn continuation(
        &self,
        p: &Paragraph,
        parent: &Directive,
        named: &BTreeMap<usize, usize>,
        source: &str,
    ) -> Directive {
        let mut d = self.clause(p, 0, &p.text, None, named, source);
        // "(c) To promote activities on disarmament education;": all of it is the action.
        if d.action.is_empty() || p.text.trim_start().to_ascii_lowercase().starts_with("to ") {
            d.action = p
                .text
                .trim()
                .trim_end_matches([';', '.', ',', ':'])
                .to_string();
            d.addressees.clear();
            let (activities, topics, concerns) = self.about(&d.action, named, &parent.addressees);
            (d.activities, d.topics, d.concerns) = (activities, topics, concerns);
        }
        let parent_lemma = parent
            .verb
            .as_ref()
            .and_then(|v| self.knowledge.verb_forms.values().find(|l| l.iri == *v));
        if !is_quoted(p) {
            d.change = self.change(None, parent_lemma, &p.text, named);
            d.review = self.reviews(parent_lemma, &p.text);
        }
        d.verb_phrase = parent.verb_phrase.clone();
        d.verb = parent.verb.clone();
        d.category = parent.category.clone();
        d.mandating = parent.mandating;
        d.modifiers = parent.modifiers.clone();
        d.addressees = parent.addressees.clone();
        d.addressee_phrase = parent.addressee_phrase.clone();
        d.partners.extend(parent.partners.iter().cloned());
        if d.topics.is_empty() {
            d.topics = parent.topics.clone();
        }
        if d.concerns.is_empty() {
            d.concerns = parent.concerns.clone();
        }
        d
    }

    /// One directive per clause of `p`, the clauses starting at `starts`.
    fn clauses(
        &self,
        p: &Paragraph,
        starts: &[Hit],
        inherited: Option<&Directive>,
        named: &BTreeMap<usize, usize>,
        source: &str,
    ) -> Vec<Directive> {
        let text = p.text.as_str();
        // ASCII folding keeps byte offsets: they index the original text below.
        let lower = text.to_ascii_lowercase();
        let mut made: Vec<Directive> = Vec::new();
        let mut previous_topics: Vec<NamedNode> = Vec::new();
        for (i, h) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |n| n.start);
            // Include modifiers before the verb ("Also requests", ", and further invites").
            let clause_start = modifier_start(text, h.start, &self.knowledge.lexicon.pre_modifiers);
            let verb = (
                h.start - clause_start,
                self.verb_forms[h.entry].as_str(),
                h.end - h.start,
            );
            let clause = &text[clause_start..end];
            let mut d = self.clause(p, h.start, clause, Some(verb), named, source);
            // "That the Commission be invited to ...": the subject of the passive is asked.
            if let Some(subject) = text[..h.start].trim_end().strip_suffix(" be")
                && i == 0
            {
                let subject = subject.trim();
                let subject = subject.strip_prefix("That ").unwrap_or(subject);
                let asked: Vec<NamedNode> = self
                    .actors_in(subject, named)
                    .into_iter()
                    .map(|a| self.knowledge.actors[a.entry].iri.clone())
                    .collect();
                d.addressees = dedup(asked);
                d.addressee_phrase = subject.to_string();
            }
            let clause_lower = &lower[clause_start..end];
            if d.topics.is_empty() || ANAPHORA.iter().any(|a| clause_lower.contains(a)) {
                for t in &previous_topics {
                    if !d.topics.contains(t) {
                        d.topics.push(t.clone());
                    }
                }
            }
            previous_topics.extend(d.topics.iter().cloned());
            // "Requesting the Commission ..." in a sub-paragraph with no addressee: inherit.
            if d.addressees.is_empty()
                && let Some(parent) = inherited
                && p.kind == ParagraphKind::SubParagraph
                && d.verb.is_none()
            {
                d.addressees = parent.addressees.clone();
                d.addressee_phrase = parent.addressee_phrase.clone();
            }
            made.push(d);
        }
        made
    }

    /// Reads one clause of paragraph `p`, whose verb stands at byte `verb_at` of the
    /// paragraph's text (0 for a sub-paragraph without a verb of its own). `verb` is
    /// (offset in clause, form, length) when the clause opens with one.
    fn clause(
        &self,
        p: &Paragraph,
        verb_at: usize,
        clause: &str,
        verb: Option<(usize, &str, usize)>,
        named: &BTreeMap<usize, usize>,
        source: &str,
    ) -> Directive {
        let k = self.knowledge;
        let (verb_phrase, lemma, rest_from) = match verb {
            Some((at, form, len)) => self.verb_phrase(clause, at, form, len),
            None => (String::new(), None, 0),
        };
        let rest = &clause[rest_from..];
        // The addressee region ends at the infinitive "to", at "that", or at the clause end.
        let region_end = addressee_region_end(rest);
        let action = clause[rest_from + region_end..]
            .trim()
            .trim_end_matches([';', '.', ',', ':'])
            .to_string();
        let (mut addressees, mut partners, mut addressee_phrase) =
            self.who_is_asked(clause, &verb_phrase, rest_from, region_end, named);
        self.partners_in_action(&action, named, &mut partners);
        let beneficiaries = self.beneficiaries(&action, named, &addressees, &partners);
        let clause_lower = clause.to_ascii_lowercase();
        let conditions: Vec<NamedNode> = self
            .conditions
            .find(&clause_lower)
            .into_iter()
            .map(|h| k.conditions[h.entry].iri.clone())
            .collect();
        let mut taken: Vec<NamedNode> = addressees
            .iter()
            .chain(&partners)
            .chain(&beneficiaries)
            .cloned()
            .collect();
        // "Demands that Israel, the occupying Power, should rescind ...": the subject of the
        // that-clause and its apposition are who is asked, not what it is about.
        if let Some(subject) = action.strip_prefix("that ") {
            let end = subject
                .find(" should ")
                .or_else(|| subject.find(" shall "))
                .unwrap_or(subject.len().min(60));
            let end = (0..=end)
                .rev()
                .find(|&i| subject.is_char_boundary(i))
                .unwrap_or(0);
            taken.extend(
                self.actors_in(&subject[..end], named)
                    .into_iter()
                    .map(|h| k.actors[h.entry].iri.clone()),
            );
        }
        let (activities, topics, concerns) = self.about(&action, named, &taken);
        // A paragraph quoted from another text ("Reaffirms its resolution 425 (1978), which
        // reads: “3. Decides ... to establish ...”) is not this text's act.
        let quoted = is_quoted(p);
        let change = self
            .change(verb.map(|(_, form, _)| form), lemma, rest, named)
            .filter(|_| !quoted);
        // "Extends the stationing in Cyprus of the Force": the organ acts itself and asks
        // no one; Cyprus is where, not who.
        if change.is_some() && verb.is_some_and(|(_, form, _)| self.is_change_form(form)) {
            addressees.clear();
            addressee_phrase.clear();
        }
        Directive {
            change,
            reporting: None,
            review: !quoted && self.reviews(lemma, rest),
            eid: directive_eid(p, verb_at),
            paragraph: p.eid.clone(),
            span: directive_span(source, p.span, clause, &verb_phrase),
            modifiers: self.modifiers_in(&verb_phrase),
            verb: lemma.map(|v| v.iri.clone()),
            category: lemma.and_then(|v| v.category_label.clone()),
            mandating: lemma.is_some_and(|v| v.mandating),
            verb_phrase,
            addressees,
            addressee_phrase,
            partners,
            beneficiaries,
            conditions: dedup(conditions),
            activities,
            topics,
            concerns,
            action,
        }
    }

    /// What an action asks for and is about: its kinds of activity, its topics, and the
    /// places, bodies and instruments it concerns other than the actors `taken` (asked,
    /// partnered or served).
    fn about(
        &self,
        action: &str,
        named: &BTreeMap<usize, usize>,
        taken: &[NamedNode],
    ) -> (Vec<NamedNode>, Vec<NamedNode>, Vec<NamedNode>) {
        let k = self.knowledge;
        let activities = dedup(
            self.activities
                .find(&action.to_ascii_lowercase())
                .into_iter()
                .map(|h| k.activities[h.entry].iri.clone())
                .collect(),
        );
        let scope = self.without_compliance(action);
        let topics: Vec<NamedNode> = self
            .topics_in(&scope)
            .into_iter()
            .map(|t| k.topics[t].iri.clone())
            .collect();
        let mut concerns: Vec<NamedNode> = self
            .places_in(&scope, named)
            .into_iter()
            .filter(|a| !taken.contains(a))
            .collect();
        // "Kuwaiti assets", "Israeli forces": the State they belong to ("Indian Ocean" and
        // "Turkish Cypriot" are other names).
        concerns.extend(
            self.demonyms
                .find(&scope)
                .into_iter()
                .filter(|h| scope[h.end..].trim_start().starts_with(char::is_lowercase))
                .map(|h| k.actors[h.entry].iri.clone())
                .filter(|a| !taken.contains(a)),
        );
        concerns.extend(
            self.instruments
                .find(&scope)
                .into_iter()
                .map(|h| k.instruments[h.entry].iri.clone()),
        );
        (activities, topics, dedup(concerns))
    }

    /// The verb phrase of a clause whose verb `form` stands at `at` (`len` bytes): the
    /// words up to the verb and the post-modifiers after it ("Requests further"); its
    /// lemma; and where the rest of the clause starts.
    fn verb_phrase(
        &self,
        clause: &str,
        at: usize,
        form: &str,
        len: usize,
    ) -> (String, Option<&'k Verb>, usize) {
        let k = self.knowledge;
        let mut end = at + len;
        loop {
            let rest = &clause[end..];
            let trimmed = rest.trim_start_matches([' ', ',']);
            let skipped = rest.len() - trimmed.len();
            let Some(m) = k
                .lexicon
                .post_modifiers
                .iter()
                .filter(|m| starts_with_words(trimmed, m))
                .max_by_key(|m| m.len())
            else {
                break;
            };
            end += skipped + m.len();
        }
        let phrase = clause[..end]
            .trim()
            .trim_start_matches([',', ';', ' '])
            .trim_start_matches("and ")
            .trim()
            .to_string();
        (phrase, k.verb_forms.get(form), end)
    }

    /// The modifiers of the lexicon in a verb phrase ("also", "further"), sorted.
    fn modifiers_in(&self, verb_phrase: &str) -> Vec<String> {
        let lower = verb_phrase.to_lowercase();
        let mut m: Vec<String> = self
            .knowledge
            .modifiers
            .iter()
            .filter(|m| contains_words(&lower, m))
            .cloned()
            .collect();
        m.sort();
        m.dedup();
        m
    }

    /// Addressees and partners named in `rest[..region_end]` (partners after a partner
    /// marker); else the subject of a that-clause ("Demands that Iraq withdraw").
    fn addressees(
        &self,
        rest: &str,
        region_end: usize,
        named: &BTreeMap<usize, usize>,
    ) -> (Vec<NamedNode>, Vec<NamedNode>) {
        let region = &rest[..region_end];
        let mut addressees = Vec::new();
        let mut partners = Vec::new();
        let partner_from = self.partner_markers.find(region).first().map(|h| h.start);
        // "Calls for a cease-fire ...", "Appeals for ...": what is called for, not who.
        let called_for = region.trim_start().to_ascii_lowercase().starts_with("for ");
        let hits = if called_for {
            Vec::new()
        } else {
            self.actors_in(region, named)
        };
        let mut kept = false;
        for (i, h) in hits.iter().enumerate() {
            let iri = self.knowledge.actors[h.entry].iri.clone();
            // "the Governments of Israel and Jordan": the group is named by what follows it.
            let of_next = hits.get(i + 1).is_some_and(|n| {
                let between = region[h.end..n.start].trim();
                between.eq_ignore_ascii_case("of") || between.eq_ignore_ascii_case("of the")
            });
            // "the Chair-designate of the 2027 Meeting of States", "States Members of the
            // United Nations or of the specialized agencies": a name after "of" completes
            // another name; it is not asked.
            let before = region[..h.start].trim_end();
            let before = before
                .strip_suffix(" the")
                .or_else(|| before.strip_suffix(" The"))
                .unwrap_or(before);
            let after_of = before
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("of"));
            let actor = &self.knowledge.actors[h.entry];
            if ((of_next || after_of) && actor.is_group()) || (after_of && kept) {
                continue;
            }
            let list = if partner_from.is_some_and(|s| h.start > s) {
                &mut partners
            } else {
                kept = true;
                &mut addressees
            };
            if !list.contains(&iri) {
                list.push(iri);
            }
        }
        if addressees.is_empty()
            && let Some(after) = rest[region_end..].trim_start().strip_prefix("that ")
            && let Some(h) = self.actors_in(after, named).first()
            && h.start < 12
        {
            addressees.push(self.knowledge.actors[h.entry].iri.clone());
        }
        (addressees, partners)
    }

    /// Who a clause asks (addressees, partners, the addressees as printed): those named
    /// between the verb and the action; for "calls for", see [`Self::called_for`]; in a
    /// that-clause ("Demands that all parties work ..."), its subject.
    fn who_is_asked(
        &self,
        clause: &str,
        verb_phrase: &str,
        rest_from: usize,
        region_end: usize,
        named: &BTreeMap<usize, usize>,
    ) -> (Vec<NamedNode>, Vec<NamedNode>, String) {
        let rest = &clause[rest_from..];
        let action = clause[rest_from + region_end..]
            .trim()
            .trim_end_matches([';', '.', ',', ':']);
        if verb_phrase.to_ascii_lowercase().ends_with(" for") {
            let (asked, phrase) = self.called_for(rest, region_end, action, named);
            return (asked, Vec::new(), phrase);
        }
        let (asked, partners) = self.addressees(rest, region_end, named);
        let mut phrase = self.addressee_phrase(&rest[..region_end]);
        // "Demands that all parties work ...": the that-clause's subject as printed.
        if phrase.is_empty()
            && !asked.is_empty()
            && let Some(subject) = action.strip_prefix("that ")
            && let Some(h) = self.actors_in(subject, named).first()
        {
            phrase = subject[..h.end].trim().to_string();
        }
        (asked, partners, phrase)
    }

    /// Who a "calls for" clause asks, with the words that name them: the subject of an
    /// infinitive that opens what is called for ("Calls for the Peacebuilding Commission to
    /// serve as ..."), the agents of a passive ("practical steps to be taken by all
    /// nuclear-weapon States"); else no one ("Calls for the surrender to the Tribunal of ...").
    fn called_for(
        &self,
        rest: &str,
        region_end: usize,
        action: &str,
        named: &BTreeMap<usize, usize>,
    ) -> (Vec<NamedNode>, String) {
        re!(PASSIVE_AGENT, r"\bto be [a-z]+ (?:[a-z]+ )?by ");
        let iri = |h: Hit| self.knowledge.actors[h.entry].iri.clone();
        let region = &rest[..region_end];
        let lead = region.len() - region.trim_start().len();
        let subject: Vec<NamedNode> = if region_end < rest.len() {
            self.actors_in(region, named)
                .into_iter()
                .filter(|h| h.start <= lead + 4)
                .map(iri)
                .collect()
        } else {
            Vec::new()
        };
        if !subject.is_empty() {
            return (dedup(subject), self.addressee_phrase(region));
        }
        let Some(m) = PASSIVE_AGENT.find(action) else {
            return (Vec::new(), String::new());
        };
        let tail = &action[m.end()..];
        let by = &tail[..tail.find([',', ';']).unwrap_or(tail.len())];
        let agents: Vec<NamedNode> = self.actors_in(by, named).into_iter().map(iri).collect();
        let phrase = if agents.is_empty() {
            String::new()
        } else {
            by.trim().to_string()
        };
        (dedup(agents), phrase)
    }

    /// The addressees as printed: the region before the infinitive, up to a partner marker
    /// or a condition ("the Secretary-General, within existing resources" -> "the
    /// Secretary-General").
    fn addressee_phrase(&self, region: &str) -> String {
        let lower = region.to_ascii_lowercase();
        // A condition that is part of an addressee's name ("States in a position to do so")
        // does not cut it.
        let names = self.actor_names.find(region);
        let conditions =
            self.conditions.find(&lower).into_iter().filter(|c| {
                c.start > 0 && !names.iter().any(|n| n.start < c.end && c.start < n.end)
            });
        let cut = self
            .partner_markers
            .find(region)
            .into_iter()
            .chain(conditions)
            .map(|h| h.start)
            .min()
            .unwrap_or(region.len());
        let mut phrase = region[..cut]
            .trim()
            .trim_matches([',', ';', ':', ' '])
            .trim();
        // The preposition of "Appeals to", "Calls upon" when the lexicon form lacks it.
        for lead in ["to ", "upon ", "on "] {
            phrase = phrase.strip_prefix(lead).unwrap_or(phrase);
        }
        if phrase.chars().any(char::is_alphabetic) {
            phrase.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            String::new()
        }
    }

    /// `text` without the phrases that only set a standard for the action ("in compliance with
    /// international human rights law"): a topic named there is not what is asked.
    fn without_compliance(&self, text: &str) -> String {
        let mut out = text.to_string();
        for h in self.compliance_markers.find(text) {
            let tail = &text[h.start..];
            let end = h.start + tail.find([',', ';']).unwrap_or(tail.len());
            out.replace_range(h.start..end, &" ".repeat(end - h.start));
        }
        out
    }

    /// Countries, organizations and other actors named in `text` that can be what a mandate
    /// is about ("the situation in the Libyan Arab Jamahiriya"): not groups of States,
    /// principal organs or officials, which are only ever asked or told.
    fn places_in(&self, text: &str, named: &BTreeMap<usize, usize>) -> Vec<NamedNode> {
        // Instruments first: "the United Nations Global Counter-Terrorism Strategy" is about
        // the Strategy, not the United Nations.
        let instruments = self.instruments.find(text);
        let mut out: Vec<NamedNode> = Vec::new();
        for h in self.actors_in(text, named).into_iter().filter(|h| {
            !instruments
                .iter()
                .any(|i| i.start < h.end && h.start < i.end)
        }) {
            let actor = &self.knowledge.actors[h.entry];
            if actor.can_be_topic() && !out.contains(&actor.iri) {
                out.push(actor.iri.clone());
            }
        }
        out
    }

    /// Partners named inside the action ("in cooperation with ...,").
    fn partners_in_action(
        &self,
        action: &str,
        named: &BTreeMap<usize, usize>,
        partners: &mut Vec<NamedNode>,
    ) {
        for m in self.partner_markers.find(action) {
            let tail = &action[m.end..];
            let stop = tail.find([',', ';']).unwrap_or(tail.len());
            for h in self.actors_in(&tail[..stop], named) {
                let iri = self.knowledge.actors[h.entry].iri.clone();
                if !partners.contains(&iri) {
                    partners.push(iri);
                }
            }
        }
    }

    /// Actors of the action after a beneficiary marker ("to requesting States"), other
    /// than the addressees and partners.
    fn beneficiaries(
        &self,
        action: &str,
        named: &BTreeMap<usize, usize>,
        addressees: &[NamedNode],
        partners: &[NamedNode],
    ) -> Vec<NamedNode> {
        let k = self.knowledge;
        let action_lower = action.to_ascii_lowercase();
        let mut beneficiaries = Vec::new();
        for h in self.actors_in(action, named) {
            let before = action_lower[..h.start].trim_end();
            let marker = k
                .beneficiary_markers
                .iter()
                .any(|m| before.ends_with(m.as_str()))
                || ["assist", "support", "help", "to", "for"]
                    .iter()
                    .any(|w| before.ends_with(w));
            let iri = k.actors[h.entry].iri.clone();
            if marker
                && !beneficiaries.contains(&iri)
                && !partners.contains(&iri)
                && !addressees.contains(&iri)
            {
                beneficiaries.push(iri);
            }
        }
        beneficiaries
    }
}

/// The element id of the directive whose verb stands at byte `verb_at` of `p`'s text:
/// `<paragraph>__directive_<character offset of the verb>`. Named by where its verb is, it
/// keeps its id when extraction finds one clause more or fewer elsewhere in the paragraph.
fn directive_eid(p: &Paragraph, verb_at: usize) -> String {
    let chars = p.text.get(..verb_at).map_or(0, |t| t.chars().count());
    format!("{}__directive_{chars}", p.eid)
}

/// The span of a directive in the source: from its verb phrase (or the clause's first
/// words) to the clause's last words.
fn directive_span(source: &str, within: Span, clause: &str, verb_phrase: &str) -> Span {
    let first = if verb_phrase.is_empty() {
        clause.trim()
    } else {
        verb_phrase
    };
    let start = locate(source, within, first);
    let end = locate(source, within, last_words(clause, 6));
    if end.end > start.start {
        Span {
            end: end.end,
            ..start
        }
    } else {
        start
    }
}

/// The citations of one paragraph as they are made, each with its element id.
struct Citations<'a> {
    paragraph: &'a Paragraph,
    source: &'a str,
    out: &'a mut Vec<Citation>,
}

impl Citations<'_> {
    /// Records the citation printed at `range` of `text` (the paragraph's or a footnote's).
    fn push(
        &mut self,
        text: &str,
        span: Span,
        range: (usize, usize),
        target: Target,
        date: Option<chrono::NaiveDate>,
        footnote: Option<&str>,
    ) {
        let surface = text[range.0..range.1].to_string();
        let eid = self.eid_of(&target);
        self.out.push(Citation {
            eid,
            paragraph: self.paragraph.eid.clone(),
            target,
            span: locate(self.source, span, &surface),
            surface,
            date,
            footnote: footnote.map(str::to_string),
            annexed_to: None,
        });
    }
}

impl Citations<'_> {
    /// The element id of the paragraph's next citation of `target`:
    /// `<paragraph>__cite_<what is cited>`, then `_2`, `_3` for the second and third
    /// citation of the same target in the paragraph. Named by what it cites, it keeps its
    /// id when extraction finds one citation more or fewer of something else.
    fn eid_of(&self, target: &Target) -> String {
        let base = format!("{}__cite_{}", self.paragraph.eid, cite_key(target));
        let before = self
            .out
            .iter()
            .filter(|c| c.paragraph == self.paragraph.eid && c.target.iri() == target.iri())
            .count();
        match before {
            0 => base,
            n => format!("{base}_{}", n + 1),
        }
    }
}

/// What a citation cites, as an element-id word: the symbol as undocs.org writes it for
/// a document (`S_RES_2178_2014`), `unts_<number>` for a treaty registration, the last
/// segment of an instrument's IRI (`un_charter`).
fn cite_key(target: &Target) -> String {
    let raw = match target {
        Target::Document(d) => iri::symbol_path(&d.symbol),
        Target::Treaty { number, .. } => format!("unts_{number}"),
        Target::Instrument(i) => i
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    let mut key = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}

/// The number of a Security Council resolution symbol ("S/RES/2178 (2014)" -> 2178).
fn unsc_number(symbol: Option<&str>) -> Option<u32> {
    symbol?
        .strip_prefix("S/RES/")?
        .split([' ', '('])
        .next()?
        .parse()
        .ok()
}

fn dedup(mut v: Vec<NamedNode>) -> Vec<NamedNode> {
    let mut seen = BTreeSet::new();
    v.retain(|x| seen.insert(x.as_str().to_string()));
    v
}

fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.len() >= phrase.len()
        && text.is_char_boundary(phrase.len())
        && text[..phrase.len()].eq_ignore_ascii_case(phrase)
        && text[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn contains_words(text: &str, phrase: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .collect::<Vec<_>>()
        .windows(phrase.split(' ').count())
        .any(|w| w.join(" ") == phrase)
}

/// Moves a clause start back over pre-modifiers ("further invites", "also calls upon").
fn modifier_start(text: &str, verb_at: usize, pre: &[String]) -> usize {
    let mut at = verb_at;
    loop {
        let before = text[..at].trim_end();
        let Some(m) = pre
            .iter()
            .filter(|m| {
                before.len() >= m.len()
                    && before.is_char_boundary(before.len() - m.len())
                    && before[before.len() - m.len()..].eq_ignore_ascii_case(m)
                    && before[..before.len() - m.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .max_by_key(|m| m.len())
        else {
            return at;
        };
        at = before.len() - m.len();
    }
}

/// Where the addressees of a clause end: before the infinitive "to <verb>", "that", ":" or ";".
fn addressee_region_end(rest: &str) -> usize {
    const NOT_VERBS: &[&str] = &[
        "the",
        "a",
        "an",
        "its",
        "their",
        "all",
        "any",
        "requesting",
        "member",
        "states",
        "this",
        "that",
        "those",
        "these",
        "such",
        "other",
        "relevant",
        "member",
        "each",
        "both",
        "it",
        "them",
        "his",
        "her",
        "whom",
        "which",
    ];
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < rest.len() {
        if rest[i..].starts_with("to ") && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b',')
        {
            let next = rest[i + 3..]
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .next()
                .unwrap_or("");
            // "States in a position to do so to ...": that "to do so" points back, the
            // action comes after it.
            let points_back =
                rest[i..].starts_with("to do so") && rest[..i].trim_end().ends_with("position");
            if next.starts_with(char::is_lowercase) && !NOT_VERBS.contains(&next) && !points_back {
                return i;
            }
        }
        if (rest[i..].starts_with("that ") && (i == 0 || bytes[i - 1] == b' '))
            || rest[i..].starts_with(':')
            || rest[i..].starts_with(';')
        {
            return i;
        }
        i += rest[i..].chars().next().map_or(1, char::len_utf8);
    }
    rest.len()
}

fn last_words(text: &str, n: usize) -> &str {
    let trimmed = text.trim_end();
    let mut count = 0;
    for (i, c) in trimmed.char_indices().rev() {
        if c == ' ' {
            count += 1;
            if count == n {
                return &trimmed[i + 1..];
            }
        }
    }
    trimmed
}

/// Finds `surface` in the source within `within`, tolerating line breaks and extra spaces
/// between words; falls back to `within` when it cannot be found (markers removed, etc.).
pub fn locate(source: &str, within: Span, surface: &str) -> Span {
    let haystack = source
        .get(within.start..within.end.min(source.len()))
        .unwrap_or("");
    let words: Vec<&str> = surface.split_whitespace().collect();
    if words.is_empty() {
        return within;
    }
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(words[0]) {
        let start = from + pos;
        let mut at = start + words[0].len();
        let mut ok = true;
        for w in &words[1..] {
            let rest = &haystack[at..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 || !rest[skipped..].starts_with(w) {
                // A hyphen at a line wrap joins words without a space.
                if rest.starts_with(w) && haystack[..at].ends_with('-') {
                    at += w.len();
                    continue;
                }
                // A footnote block printed in the middle of the words.
                if let Some(gap) = footnote_gap(rest)
                    && rest[gap..].starts_with(w)
                {
                    at += gap + w.len();
                    continue;
                }
                ok = false;
                break;
            }
            at += skipped + w.len();
        }
        if ok {
            let abs = within.start + start;
            let line = within.line + source[within.start..abs].matches('\n').count();
            return Span {
                start: abs,
                end: within.start + at,
                line,
            };
        }
        from = start + words[0].len().max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    within
}

/// Length of white space, footnote lines and white space at the start of `rest`, if any
/// footnote line is there ("\n\n⁶ United Nations, Treaty Series ...\n\n").
fn footnote_gap(rest: &str) -> Option<usize> {
    let mut at = rest.len() - rest.trim_start().len();
    if !rest[..at].contains('\n') {
        return None;
    }
    let mut any = false;
    loop {
        let line = &rest[at..];
        let first = line.chars().next()?;
        let is_note = "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(first) || line.starts_with("[^");
        if !is_note {
            break;
        }
        any = true;
        at += line.find('\n').unwrap_or(line.len());
        at += rest[at..].len() - rest[at..].trim_start().len();
    }
    any.then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressee_regions() {
        let rows = [
            (
                "the United Nations Office on Drugs and Crime, within its mandate, to continue to provide",
                "the United Nations Office on Drugs and Crime, within its mandate, ",
            ),
            (
                "Member States to consider becoming parties",
                "Member States ",
            ),
            ("that Iraq withdraw", ""),
            (
                "the Secretary-General to submit to the General Assembly a report",
                "the Secretary-General ",
            ),
            (
                "UNODC to provide technical assistance to requesting States",
                "UNODC ",
            ),
        ];
        for (rest, region) in rows {
            assert_eq!(&rest[..addressee_region_end(rest)], region, "{rest}");
        }
    }

    #[test]
    fn locating_across_wraps() {
        let source = "xx\nRequests the United Nations\nOffice on Drugs and Crime to act";
        let span = locate(
            source,
            Span {
                start: 3,
                end: source.len(),
                line: 2,
            },
            "United Nations Office on Drugs",
        );
        assert_eq!(
            &source[span.start..span.end],
            "United Nations\nOffice on Drugs"
        );
        assert_eq!(span.line, 2);
        let source =
            "Office on Drugs and\n\n⁶ United Nations, Treaty Series.\n\nCrime, in cooperation";
        let span = locate(
            source,
            Span {
                start: 0,
                end: source.len(),
                line: 1,
            },
            "Drugs and Crime",
        );
        assert_eq!(span.end, source.find(", in").unwrap());
    }
}
