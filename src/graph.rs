//! Graph stage: [`Document`] + [`Findings`] -> RDF quads in the document's named graph.
//!
//! The shapes of what is written are stated in `ontology/shapes.ttl`; the terms in
//! `ontology/resograph.ttl`. Spans become `rg:charStart` / `rg:charEnd` (Unicode code
//! points, 0-based, end exclusive, as in Web Annotation's `oa:TextPositionSelector`) and
//! `rg:line`.
//!
//! This stage looks nothing up: the findings carry the IRIs of the document, its issuing
//! body, its library record and everything cited, and the element ids of directives and
//! citations. It mints the element ids of sections (`sec_A`) and annex blocks
//! (`annex__block_1`), which only it writes.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use sha2::{Digest, Sha256};

use crate::extract::{CitedDocument, Findings, Identity, Target};
use crate::iri;
use crate::knowledge::Knowledge;
pub use crate::model::Source;
use crate::model::{
    Block, Document, DocumentKind, Footnote, Layout, Metadata, Paragraph, ParagraphKind, Section,
    Span,
};
use crate::symbol::{self, Issuance};
use crate::vocab::{dcterms, oa, org, prov, rdf, rdfs, rg, skos, xsd};

/// Byte offset -> character offset.
struct CharIndex {
    table: Option<Vec<u32>>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { table: None };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        let mut next = text.char_indices().map(|(i, _)| i).peekable();
        for (b, slot) in table.iter_mut().enumerate() {
            while next.peek().is_some_and(|&i| i < b) {
                next.next();
                chars += 1;
            }
            *slot = chars;
        }
        Self { table: Some(table) }
    }

    fn at(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(t) => t
                .get(byte)
                .copied()
                .unwrap_or_else(|| *t.last().unwrap_or(&0)) as usize,
        }
    }
}

/// The named graph of a document's text in its language ([`iri::version_graph`]): the
/// document's IRI for an English text, a graph of its own for each other language version.
pub fn graph_name(doc: &Document, findings: &Findings) -> NamedNode {
    iri::version_graph(&findings.document.iri, &text_language(&doc.metadata))
}

/// Builds the quads of one document, in its named graph ([`graph_name`]).
pub fn build(doc: &Document, findings: &Findings, source: &Source<'_>) -> Vec<Quad> {
    let mut b = Builder {
        document: findings.document.iri.clone(),
        graph: GraphName::NamedNode(graph_name(doc, findings)),
        quads: Vec::new(),
        chars: CharIndex::new(source.text),
        language: text_language(&doc.metadata),
        source: source_text(source.text),
        issuer: findings.document.issued_by.clone(),
    };
    b.identity(&doc.metadata, &findings.document);
    b.header(&doc.metadata);
    b.adoption(&doc.metadata);
    b.provenance(doc, source);
    let sections = b.sections(&doc.sections);
    b.footnotes(&doc.footnotes);
    b.paragraphs(doc, &sections);
    b.annex_blocks(&doc.annexes);
    b.mentions_and_topics(findings);
    b.citations(findings);
    b.directives(findings);
    for subject in &findings.subjects {
        let document = b.document.clone();
        b.add(&document, dcterms::SUBJECT, subject.clone());
    }
    let mut quads = b.quads;
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    quads
}

/// The quads of one document as they are written.
struct Builder {
    /// The document's IRI.
    document: NamedNode,
    graph: GraphName,
    quads: Vec<Quad>,
    chars: CharIndex,
    /// The language tag of the document's text (`en`).
    language: String,
    /// The IRI naming the source text (`urn:sha256:...`), on which spans select.
    source: NamedNode,
    /// The organ that adopted the document.
    issuer: Option<NamedNode>,
}

impl Builder {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::from(s.clone()),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    /// The symbol of document `s` in both forms ([`symbol_triples`]).
    fn symbol(&mut self, s: &NamedNode, symbol: &str) {
        let graph = self.graph.clone();
        let quads = symbol_triples(s, symbol)
            .into_iter()
            .map(|t| t.in_graph(graph.clone()));
        self.quads.extend(quads);
    }

    fn string(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }

    /// Text printed in the document, tagged with the document's language.
    fn text(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, value: &str) {
        let literal = Literal::new_language_tagged_literal_unchecked(value, &self.language);
        self.add(s, p, literal);
    }

    fn integer(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, value: usize) {
        self.add(s, p, integer(value));
    }

    fn date(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, value: NaiveDate) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(value.to_string(), xsd::DATE),
        );
    }

    /// The place of `s` in the source: `rg:charStart` / `rg:charEnd` / `rg:line`, and the
    /// same characters as a Web Annotation segment of the source text (`rg:span`): a
    /// specific resource named by its RFC 5147 fragment (`urn:sha256:...#char=10,20`),
    /// whose `oa:TextPositionSelector` ([`iri::text_position_selector`]) selects them on the
    /// source.
    fn span(&mut self, s: &NamedNode, span: Span) {
        let start = self.chars.at(span.start);
        let end = self.chars.at(span.end).max(start);
        self.integer(s, rg::CHAR_START, start);
        self.integer(s, rg::CHAR_END, end);
        self.integer(s, rg::LINE, span.line);
        let segment =
            NamedNode::new_unchecked(format!("{}#char={start},{end}", self.source.as_str()));
        let selector = iri::text_position_selector(start, end);
        self.add(s, rg::SPAN, segment.clone());
        self.add(&segment, rdf::TYPE, oa::SPECIFIC_RESOURCE.into_owned());
        self.add(&segment, oa::HAS_SOURCE, self.source.clone());
        self.add(&segment, oa::HAS_SELECTOR, selector.clone());
        self.add(
            &selector,
            rdf::TYPE,
            oa::TEXT_POSITION_SELECTOR.into_owned(),
        );
        self.integer(&selector, oa::START, start);
        self.integer(&selector, oa::END, end);
    }

    /// Makes `part` a part of `parent`, both ways.
    fn part_of(&mut self, part: &NamedNode, parent: &NamedNode) {
        self.add(part, rg::IS_PART_OF, parent.clone());
        self.add(parent, rg::HAS_PART, part.clone());
    }

    /// Class, symbol, issuing body and library record of the document.
    fn identity(&mut self, meta: &Metadata, identity: &Identity) {
        let d = self.document.clone();
        let class = match meta.kind {
            Some(DocumentKind::DraftResolution) => rg::DRAFT_RESOLUTION,
            _ => rg::RESOLUTION,
        };
        self.add(&d, rdf::TYPE, class.into_owned());
        if let Some(symbol) = &identity.symbol {
            self.symbol(&d, symbol);
        }
        if let Some(actor) = &identity.issued_by {
            self.add(&d, rg::ISSUED_BY, actor.clone());
        }
        if let Some(record) = &identity.digital_library_record {
            self.add(&d, rg::DIGITAL_LIBRARY_RECORD, record.clone());
        }
    }

    /// The header fields as printed: title, dates, session, place, agenda item, languages.
    fn header(&mut self, meta: &Metadata) {
        let d = self.document.clone();
        if let Some(t) = &meta.title {
            self.text(&d, rg::TITLE, &t.value);
        }
        if let Some(date) = &meta.date {
            self.date(&d, rg::DATE, date.value);
        }
        if let Some(date) = &meta.distribution_date {
            self.date(&d, rg::DISTRIBUTION_DATE, date.value);
        }
        if let Some(dates) = &meta.meeting_dates {
            self.date(&d, rg::MEETING_START_DATE, dates.value.0);
            self.date(&d, rg::MEETING_END_DATE, dates.value.1);
        }
        if let Some(language) = meta.language.as_deref().and_then(iri::language) {
            self.add(&d, dcterms::LANGUAGE, language);
        }
        let original = meta.original_language.as_ref();
        if let Some(language) = original.and_then(|f| language_of_name(&f.value)) {
            self.add(&d, rg::ORIGINAL_LANGUAGE, language);
        }
        let text = |f: &Option<crate::model::Field<String>>| f.as_ref().map(|f| f.value.clone());
        let agenda = meta.agenda_item.as_ref().map(|f| &f.value);
        for (p, v) in [
            (rg::DISTRIBUTION, text(&meta.distribution)),
            (rg::AGENDA_ITEM, agenda.map(|a| a.number.clone())),
        ] {
            if let Some(v) = v {
                self.string(&d, p, &v);
            }
        }
        for (p, v) in [
            (rg::ACTING_BODY, text(&meta.acting_body)),
            (rg::SESSION, text(&meta.session)),
            (rg::PLACE, text(&meta.place)),
            (rg::RECOMMENDATION, text(&meta.recommendation)),
            (rg::AGENDA_TITLE, agenda.and_then(|a| a.title.clone())),
        ] {
            if let Some(v) = v {
                self.text(&d, p, &v);
            }
        }
        for note in &meta.status_notes {
            self.text(&d, rg::STATUS_NOTE, &note.value);
        }
    }

    /// The adoption line: as printed, its meeting number and vote.
    fn adoption(&mut self, meta: &Metadata) {
        let d = self.document.clone();
        if let Some(a) = &meta.adoption {
            self.text(&d, rg::ADOPTION, &a.value.text);
            if let Some(m) = a.value.meeting {
                self.integer(&d, rg::MEETING, m as usize);
            }
            if let Some(v) = &a.value.vote {
                self.text(&d, rg::VOTE, v);
            }
        }
    }

    /// Where the text came from and how it was read: file, PDF, layout, warnings.
    fn provenance(&mut self, doc: &Document, source: &Source<'_>) {
        let d = self.document.clone();
        let text = self.source.clone();
        self.add(&d, rg::SOURCE_TEXT, text.clone());
        self.add(&text, rdf::TYPE, rg::SOURCE_TEXT_CLASS.into_owned());
        let name = source.file.map(Path::new).and_then(Path::file_name);
        if let Some(name) = name {
            self.string(&text, rdfs::LABEL, &name.to_string_lossy());
        }
        if let Some(pdf) = doc
            .metadata
            .source_pdf
            .as_deref()
            .and_then(iri::web_address)
        {
            self.add(&d, rg::SOURCE_PDF, pdf);
        }
        let layout = match doc.layout {
            Layout::PdfText => "pdf-text",
            Layout::Ocr => "ocr",
            Layout::Markdown => "markdown",
        };
        self.string(&d, rg::LAYOUT, layout);
        for w in &doc.warnings {
            self.string(
                &d,
                rg::PARSE_WARNING,
                &format!("line {}: {}", w.line, w.message),
            );
        }
    }

    /// The sections, each once (by element id); returns (label, IRI) of each.
    fn sections(&mut self, sections: &[Section]) -> Vec<(String, NamedNode)> {
        let d = self.document.clone();
        let mut iris: Vec<(String, NamedNode)> = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            let eid = format!(
                "sec_{}",
                s.label
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
            );
            let node = iri::part(&d, &eid);
            if iris.iter().any(|(_, n)| n == &node) {
                continue;
            }
            self.add(&node, rdf::TYPE, rg::SECTION.into_owned());
            self.string(&node, rg::EID, &eid);
            self.string(&node, rg::NUMBER, &s.label);
            self.integer(&node, rg::POSITION, i + 1);
            if let Some(h) = &s.heading {
                self.text(&node, rg::TITLE, h);
            }
            self.part_of(&node, &d);
            self.span(&node, s.span);
            iris.push((s.label.clone(), node));
        }
        iris
    }

    fn footnotes(&mut self, footnotes: &[Footnote]) {
        let d = self.document.clone();
        for f in footnotes {
            let node = footnote(&d, &f.marker);
            self.add(&node, rdf::TYPE, rg::FOOTNOTE.into_owned());
            self.string(&node, rg::MARKER, &f.marker);
            self.text(&node, rg::TEXT, &f.text);
            self.add(&node, rg::IS_PART_OF, d.clone());
            self.span(&node, f.span);
        }
    }

    /// The preamble, then the operative paragraphs, each in its section (the parts of a
    /// resolution in parts have their own preambles).
    fn paragraphs(&mut self, doc: &Document, sections: &[(String, NamedNode)]) {
        let d = self.document.clone();
        for p in doc.preamble.iter().chain(&doc.operative) {
            let parent = p
                .section
                .as_ref()
                .and_then(|s| sections.iter().find(|(l, _)| l == s))
                .map_or_else(|| d.clone(), |(_, n)| n.clone());
            self.paragraph(&parent, p);
        }
    }

    /// One paragraph, part of `parent`, and its sub-paragraphs.
    fn paragraph(&mut self, parent: &NamedNode, p: &Paragraph) {
        let node = iri::part(&self.document, &p.eid);
        let class = match p.kind {
            ParagraphKind::Preambular => rg::PREAMBULAR_PARAGRAPH,
            ParagraphKind::Operative => rg::OPERATIVE_PARAGRAPH,
            ParagraphKind::SubParagraph => rg::SUB_PARAGRAPH,
        };
        self.add(&node, rdf::TYPE, class.into_owned());
        self.string(&node, rg::EID, &p.eid);
        self.integer(&node, rg::POSITION, p.position);
        if let Some(n) = &p.number {
            self.string(&node, rg::NUMBER, n);
        }
        if let Some(o) = &p.opening_phrase {
            self.text(&node, rg::OPENING_PHRASE, o);
        }
        self.text(&node, rg::TEXT, &p.text);
        self.part_of(&node, parent);
        self.span(&node, p.span);
        for r in &p.footnotes {
            let note = footnote(&self.document, &r.marker);
            self.add(&node, rg::FOOTNOTE_PROP, note);
        }
        for c in &p.subparagraphs {
            self.paragraph(&node, c);
        }
    }

    /// The blocks of text after the operative part (annexes, notes after the adoption
    /// line), in order: `annex__block_1`, `annex__block_2`, ...
    fn annex_blocks(&mut self, blocks: &[Block]) {
        let d = self.document.clone();
        for (i, block) in blocks.iter().enumerate() {
            let eid = format!("annex__block_{}", i + 1);
            let node = iri::part(&d, &eid);
            self.add(&node, rdf::TYPE, rg::ANNEX_BLOCK.into_owned());
            self.string(&node, rg::EID, &eid);
            self.integer(&node, rg::POSITION, i + 1);
            self.text(&node, rg::TEXT, &block.text);
            self.part_of(&node, &d);
            self.span(&node, block.span);
        }
    }

    /// One `rg:mentions` per (paragraph, actor) and one `rg:topic` per (paragraph, topic).
    fn mentions_and_topics(&mut self, findings: &Findings) {
        let mut seen = BTreeSet::new();
        for m in &findings.mentions {
            if seen.insert((m.paragraph.as_str(), m.actor.as_str())) {
                let node = iri::part(&self.document, &m.paragraph);
                self.add(&node, rg::MENTIONS, m.actor.clone());
            }
        }
        let mut seen = BTreeSet::new();
        for (eid, topic) in &findings.topics {
            if seen.insert((eid.as_str(), topic.as_str())) {
                let node = iri::part(&self.document, eid);
                self.add(&node, rg::TOPIC_PROP, topic.clone());
            }
        }
    }

    fn citations(&mut self, findings: &Findings) {
        let d = self.document.clone();
        for c in &findings.citations {
            let para = iri::part(&d, &c.paragraph);
            let node = iri::part(&d, &c.eid);
            let target = c.target.iri().clone();
            self.describe_target(&c.target);
            self.add(&node, rdf::TYPE, rg::CITATION.into_owned());
            self.add(&node, rg::CITED, target.clone());
            self.text(&node, rg::CITED_AS, &c.surface);
            if let Some(date) = c.date {
                self.date(&node, rg::CITED_DATE, date);
            }
            if let Some(marker) = &c.footnote {
                self.add(&node, rg::FOOTNOTE_PROP, footnote(&d, marker));
            }
            self.span(&node, c.span);
            self.add(&para, rg::CITATION_PROP, node.clone());
            self.add(&para, rg::CITES, target.clone());
            if let Target::Document(cited) = &c.target {
                for part in &cited.paragraphs {
                    self.add(&node, rg::CITED_PARAGRAPH, part.clone());
                    self.add(&para, rg::CITES_PARAGRAPH, part.clone());
                }
            }
            if let Some(carrier) = &c.annexed_to {
                self.add(&target, rg::ANNEX_OF, carrier.iri.clone());
                self.describe_document(carrier);
            }
        }
    }

    /// What the graph says of a cited document or treaty registration (instruments are
    /// described in the vocabulary graph).
    fn describe_target(&mut self, target: &Target) {
        match target {
            Target::Document(cited) => self.describe_document(cited),
            Target::Treaty {
                iri,
                number,
                volumes,
            } => {
                self.add(iri, rdf::TYPE, rg::TREATY.into_owned());
                self.string(iri, rg::UNTS_NUMBER, number);
                for v in volumes {
                    self.string(iri, rg::UNTS_VOLUME, v);
                }
            }
            Target::Instrument(_) => {}
        }
    }

    /// Describes a cited document by symbol (in the citing document's graph).
    fn describe_document(&mut self, cited: &CitedDocument) {
        self.add(
            &cited.iri,
            rdf::TYPE,
            document_class(&cited.symbol).into_owned(),
        );
        self.symbol(&cited.iri, &cited.symbol);
        if let Some(record) = &cited.digital_library_record {
            self.add(&cited.iri, rg::DIGITAL_LIBRARY_RECORD, record.clone());
        }
    }

    /// Directives, mandates among them, with what hangs on their verbs.
    fn directives(&mut self, findings: &Findings) {
        for m in &findings.directives {
            let para = iri::part(&self.document, &m.paragraph);
            let node = iri::part(&self.document, &m.eid);
            self.add(&node, rdf::TYPE, rg::DIRECTIVE.into_owned());
            if m.mandating {
                self.add(&node, rdf::TYPE, rg::MANDATE.into_owned());
                self.add(&para, rg::MANDATE_PROP, node.clone());
            }
            self.add(&para, rg::DIRECTIVE_PROP, node.clone());
            if !m.verb_phrase.is_empty() {
                self.text(&node, rg::VERB_PHRASE, &m.verb_phrase);
            }
            if let Some(v) = &m.verb {
                self.add(&node, rg::VERB, v.clone());
            }
            for x in &m.modifiers {
                self.text(&node, rg::MODIFIER_PROP, x);
            }
            for (p, list) in [
                (rg::ADDRESSEE, &m.addressees),
                (rg::PARTNER, &m.partners),
                (rg::BENEFICIARY, &m.beneficiaries),
                (rg::CONDITION_PROP, &m.conditions),
                (rg::ACTIVITY, &m.activities),
                (rg::TOPIC_PROP, &m.topics),
                (rg::CONCERNS, &m.concerns),
            ] {
                for x in list {
                    self.add(&node, p, x.clone());
                }
            }
            if !m.action.is_empty() {
                self.text(&node, rg::ACTION, &m.action);
            }
            if m.mandating && !m.addressee_phrase.is_empty() {
                self.text(&node, rg::ADDRESSEE_PHRASE, &m.addressee_phrase);
                // Addressees the registry does not name, findable without reading every
                // mandate ("the Group of Experts" for the group's full name).
                if m.addressees.is_empty() {
                    for key in crate::extract::text::addressee_keys(&m.addressee_phrase) {
                        self.string(&node, rg::ADDRESSEE_KEY, &key);
                    }
                }
            }
            if let Some(change) = &m.change {
                self.change(&node, change);
            }
            if let Some(duty) = &m.reporting {
                self.reporting(&node, duty);
            }
            if m.review {
                self.add(&node, rdf::TYPE, rg::REVIEW_CLAUSE.into_owned());
            }
            self.span(&node, m.span);
        }
    }

    /// The reporting duty of mandate `node`: `rg:ReportingDuty`, to whom, when, how often, on
    /// what.
    fn reporting(&mut self, node: &NamedNode, duty: &crate::extract::reporting::Reporting) {
        self.add(node, rdf::TYPE, rg::REPORTING_DUTY.into_owned());
        if let Some(to) = &duty.to {
            self.add(node, rg::REPORT_TO, to.clone());
        }
        if let Some(due) = duty.due {
            self.date(node, rg::REPORT_DUE, due);
            if duty.due_computed {
                self.add(node, rg::REPORT_DUE_COMPUTED, Literal::from(true));
            }
        }
        let duration = |p: crate::extract::lifecycle::Period| {
            Literal::new_typed_literal(p.to_xsd(), xsd::DURATION)
        };
        if let Some(within) = duty.within {
            self.add(node, rg::REPORT_WITHIN, duration(within));
        }
        if let Some(every) = duty.every {
            self.add(node, rg::REPORT_EVERY, duration(every));
        }
        if let Some(session) = duty.session {
            self.add(node, rg::REPORT_SESSION, integer(session as usize));
        }
        if let Some(year) = duty.session_year {
            self.add(
                node,
                rg::REPORT_SESSION_YEAR,
                Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
            );
        }
        if let Some(subject) = &duty.subject {
            self.text(node, rg::REPORT_ON, subject);
        }
    }

    /// What directive `node` does to a mandate: `rg:lifecycle`, `rg:lifecycleOf`,
    /// `rg:until` (with `rg:untilComputed` when counted from the adoption date), `rg:period`.
    fn change(&mut self, node: &NamedNode, change: &crate::extract::lifecycle::Change) {
        self.add(node, rg::LIFECYCLE, change.kind.clone());
        self.add(node, rg::LIFECYCLE_OF, change.entity.clone());
        if let Some(body) = &change.new_body {
            self.new_body(&change.entity, body);
        }
        if let Some(until) = change.until {
            self.date(node, rg::UNTIL, until);
            if change.until_computed {
                self.add(node, rg::UNTIL_COMPUTED, Literal::from(true));
            }
        }
        if let Some(period) = change.period {
            self.add(
                node,
                rg::PERIOD,
                Literal::new_typed_literal(period.to_xsd(), xsd::DURATION),
            );
        }
    }
}

impl Builder {
    /// A body the document establishes and the registry lacks, so the registry grows with
    /// the corpus: `rg:Actor` with a name from its kind and the establishing resolution
    /// ("Committee of the Security Council established by resolution 661 (1990)"), the name
    /// as printed, its kind, the document, and the organ it belongs to.
    fn new_body(&mut self, actor: &NamedNode, body: &crate::extract::lifecycle::NewBody) {
        let document = self.document.clone();
        let by = match iri::symbol_of(&document) {
            Some(symbol) => match symbol
                .strip_prefix("S/RES/")
                .or(symbol.strip_prefix("A/RES/"))
            {
                Some(number) => format!("resolution {}", number.replace('(', " (")),
                None => symbol,
            },
            None => "a resolution without symbol".to_string(),
        };
        let mut name = body.printed.clone();
        if let Some(first) = name.get(..1) {
            name = first.to_uppercase() + &name[1..];
        }
        self.add(actor, rdf::TYPE, rg::ACTOR);
        self.add(
            actor,
            skos::PREF_LABEL,
            Literal::new_language_tagged_literal_unchecked(
                format!("{name} established by {by}"),
                "en",
            ),
        );
        self.text(actor, skos::ALT_LABEL, &name);
        self.add(actor, rg::OF_KIND, body.kind.clone());
        self.add(actor, rg::ESTABLISHED_IN, document.clone());
        if let Some(organ) = self.issuer.clone() {
            self.add(actor, org::SUB_ORGANIZATION_OF, organ);
        }
    }
}

/// An `xsd:integer` literal.
fn integer(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}

/// How the IRI of a source text begins: a "named information" URI of RFC 6920 (section 3),
/// the registered scheme for naming content by its hash.
const SOURCE_PREFIX: &str = "ni:///sha-256;";

/// The IRI that names a source text: `ni:///sha-256;` and the SHA-256 of its UTF-8 bytes in
/// unpadded base64url (RFC 6920), so that the same text has the same name on every machine,
/// whatever its path.
pub fn source_text(text: &str) -> NamedNode {
    let digest = Sha256::digest(text.as_bytes());
    NamedNode::new_unchecked(format!("{SOURCE_PREFIX}{}", base64url(&digest)))
}

/// Unpadded base64url (RFC 4648 section 5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The language tag of the text of a document: its front matter `language` when that is
/// an ISO 639-1 code, else `en` (the parser reads English resolutions).
fn text_language(meta: &Metadata) -> String {
    meta.language
        .as_deref()
        .map(str::trim)
        .filter(|code| code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or_else(|| "en".to_string(), str::to_ascii_lowercase)
}

/// The ISO 639 IRI of a language named in English in a header ("Original: English"): the
/// six official languages of the United Nations.
fn language_of_name(name: &str) -> Option<NamedNode> {
    let code = match name.trim().to_ascii_lowercase().as_str() {
        "arabic" => "ar",
        "chinese" => "zh",
        "english" => "en",
        "french" => "fr",
        "russian" => "ru",
        "spanish" => "es",
        _ => return None,
    };
    iri::language(code)
}

/// The IRI of footnote `marker` of `document`.
fn footnote(document: &NamedNode, marker: &str) -> NamedNode {
    iri::part(document, &format!("note_{marker}"))
}

/// The record of one ingest of a document, in its graph (kept out of [`build`], whose
/// output depends on nothing but the text): a `prov:Activity` that used the source text,
/// with the time it ended and the version of resograph that ran it; the document
/// `prov:wasGeneratedBy` it.
pub fn ingest_activity(
    document: &NamedNode,
    graph: &NamedNode,
    text: &str,
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
) -> Vec<Quad> {
    let graph = GraphName::NamedNode(graph.clone());
    let source = source_text(text);
    let hash = source.as_str().trim_start_matches(SOURCE_PREFIX);
    let stamp = ended.format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let activity = NamedOrBlankNode::from(iri::ingest(hash, &stamp));
    let time = |t: DateTime<Utc>| {
        let value = t.to_rfc3339_opts(SecondsFormat::Millis, true);
        Term::from(Literal::new_typed_literal(value, xsd::DATE_TIME))
    };
    let version = Literal::new_simple_literal(env!("CARGO_PKG_VERSION"));
    let mut quads = vec![Quad::new(
        document.clone(),
        prov::WAS_GENERATED_BY,
        activity.clone(),
        graph.clone(),
    )];
    for (p, o) in [
        (rdf::TYPE, Term::from(prov::ACTIVITY.into_owned())),
        (prov::USED, source.into()),
        (prov::STARTED_AT_TIME, time(started)),
        (prov::ENDED_AT_TIME, time(ended)),
        (rg::SOFTWARE_VERSION, version.into()),
    ] {
        quads.push(Quad::new(activity.clone(), p, o, graph.clone()));
    }
    quads
}

/// What a symbol says of its document `node`: `rg:symbol` as printed and `rg:undocsSymbol`
/// as undocs.org writes it (for each symbol of a joint one), its `rg:undocsPage`, and, for
/// a corrigendum, revision or addendum, the document it belongs to (described the same way).
pub fn symbol_triples(node: &NamedNode, symbol: &str) -> Vec<Triple> {
    let mut triples = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        triples.push(Triple::new(s.clone(), p.into_owned(), o));
    };
    let parts = symbol::joint_parts(symbol);
    for part in &parts {
        add(
            node,
            rg::SYMBOL,
            Literal::new_simple_literal(symbol::printed(part)).into(),
        );
        let undocs_form = symbol::undocs_form(part);
        add(
            node,
            rg::UNDOCS_SYMBOL,
            Literal::new_simple_literal(undocs_form).into(),
        );
    }
    add(node, rg::UNDOCS_PAGE, iri::undocs(symbol).into());
    if let Some((issuance, parent)) = symbol::parent(parts[0]) {
        let relation = match issuance {
            Issuance::Corrigendum => rg::CORRIGENDUM_OF,
            Issuance::Revision => rg::REVISION_OF,
            Issuance::Addendum => rg::ADDENDUM_OF,
        };
        let parent_node = iri::document(&parent);
        add(node, relation, parent_node.clone().into());
        add(
            &parent_node,
            rdf::TYPE,
            document_class(&parent).into_owned().into(),
        );
        triples.extend(symbol_triples(&parent_node, &parent));
    }
    triples
}

/// The class of a document known only by its symbol: a resolution, or another document.
fn document_class(symbol: &str) -> NamedNodeRef<'static> {
    if symbol::is_resolution(symbol) {
        rg::RESOLUTION
    } else {
        rg::DOCUMENT
    }
}

/// The quads of the vocabulary graph: ontology and registries, plus what the registries'
/// links say of the documents they point at (the symbols of the resolution an instrument
/// is `rg:annexOf`).
pub fn vocabulary(knowledge: &Knowledge) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(iri::VOCABULARY_GRAPH));
    let mut triples: Vec<Triple> = knowledge.quads.iter().cloned().map(Triple::from).collect();
    // Documents the registry names (an instrument annexed to a resolution, the resolution
    // that established a body) are documents, whether or not the store holds them.
    let carriers: BTreeSet<&NamedNode> = knowledge
        .instruments
        .iter()
        .filter_map(|i| i.annex_of.as_ref())
        .chain(knowledge.actors.iter().flat_map(|a| &a.established_in))
        .collect();
    for carrier in carriers {
        if let Some(symbol) = iri::symbol_of(carrier) {
            triples.push(Triple::new(
                carrier.clone(),
                rdf::TYPE,
                document_class(&symbol).into_owned(),
            ));
            triples.extend(symbol_triples(carrier, &symbol));
        }
    }
    triples
        .into_iter()
        .map(|t| t.in_graph(graph.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    /// Front matter, a distribution date, meeting dates and an annex, as the corpus prints them.
    const TEXT: &str = "---
symbol: A/RES/80/41
language: EN
source_pdf: https://digitallibrary.un.org/record/4095882/files/A_RES_80_41-EN.pdf
---

General Assembly Distr.: General 5 December 2025

Vienna, 22-26 May 2023

The General Assembly,

Recalling its resolution 79/42,

1. Requests the Secretary-General to report.

Annex

Text of the annex.
";

    fn graph_of(text: &str) -> Vec<String> {
        let knowledge = Knowledge::load(None).unwrap();
        let doc = crate::parse(text, &knowledge.lexicon).unwrap();
        let source = Source {
            text,
            ..Default::default()
        };
        let findings = Extractor::new(&knowledge).extract(&doc, &source);
        build(&doc, &findings, &source)
            .iter()
            .map(|q| Triple::from(q.clone()).to_string())
            .collect()
    }

    #[test]
    fn base64url_follows_rfc_4648() {
        // RFC 4648 section 10, and the two characters base64url changes ("+/" -> "-_").
        for (bytes, encoded) in [
            (&b""[..], ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xfb, 0xff], "-_8"),
        ] {
            assert_eq!(base64url(bytes), encoded, "{bytes:?}");
        }
    }

    #[test]
    fn a_source_text_is_named_by_its_hash_as_rfc_6920_does() {
        // The example of RFC 6920, section 3.
        assert_eq!(
            source_text("Hello World!").as_str(),
            "ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk"
        );
    }

    #[test]
    fn header_fields_and_annexes_reach_the_graph() {
        let triples = graph_of(TEXT);
        let d = "<https://w3id.org/resograph/doc/A/RES/80/41>";
        let rg = rg::NS;
        let date = |s: &str| format!("\"{s}\"^^<http://www.w3.org/2001/XMLSchema#date>");
        let expected = [
            format!("{d} <{rg}distributionDate> {}", date("2025-12-05")),
            format!("{d} <{rg}meetingStartDate> {}", date("2023-05-22")),
            format!("{d} <{rg}meetingEndDate> {}", date("2023-05-26")),
            format!(
                "{d} <http://purl.org/dc/terms/language> <http://id.loc.gov/vocabulary/iso639-1/en>"
            ),
            format!(
                "{d} <{rg}sourcePdf> <https://digitallibrary.un.org/record/4095882/files/A_RES_80_41-EN.pdf>"
            ),
            format!(
                "{d} <{rg}hasPart> <https://w3id.org/resograph/doc/A/RES/80/41/annex__block_1>"
            ),
            format!(
                "<https://w3id.org/resograph/doc/A/RES/80/41/annex__block_1> <{rg}text> \"Annex\"@en"
            ),
            format!(
                "<https://w3id.org/resograph/doc/A/RES/80/41/annex__block_2> <{rg}text> \"Text of the annex.\"@en"
            ),
            format!(
                "<https://w3id.org/resograph/doc/A/RES/80/41/annex__block_2> <{rg}eId> \"annex__block_2\""
            ),
            format!(
                "<https://w3id.org/resograph/doc/A/RES/80/41/annex__block_2> <{rg}isPartOf> {d}"
            ),
            format!(
                "<https://w3id.org/resograph/doc/A/RES/80/41/annex__block_2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{rg}AnnexBlock>"
            ),
        ];
        for triple in expected {
            assert!(triples.contains(&triple), "{triple}\nnot in\n{triples:#?}");
        }
    }
}
