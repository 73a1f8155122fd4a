//! Graph stage: [`Document`] + [`Findings`] -> RDF quads in the document's named graph.
//!
//! The shapes of what is written are stated in `ontology/shapes.ttl`; the terms in
//! `ontology/resograph.ttl`. Spans become `rg:charStart` / `rg:charEnd` (Unicode code
//! points, 0-based, end exclusive, as in Web Annotation's `oa:TextPositionSelector`) and
//! `rg:line`.

use std::collections::BTreeSet;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

use crate::extract::{Findings, Target};
use crate::iri;
use crate::knowledge::Knowledge;
use crate::model::{Document, DocumentKind, Layout, Paragraph, ParagraphKind, Span};
use crate::vocab::{rdf, rg, xsd};

/// Where a document came from, for provenance triples.
#[derive(Debug, Clone, Default)]
pub struct Source<'a> {
    /// The text that was parsed.
    pub text: &'a str,
    /// The file path as given by the user.
    pub file: Option<&'a str>,
    /// A symbol forced by the user (`--symbol`).
    pub symbol: Option<&'a str>,
}

/// The IRI a document gets: the user's symbol, the printed symbol, its metadata, its file.
pub fn document_iri(doc: &Document, source: &Source<'_>) -> NamedNode {
    if let Some(symbol) = source.symbol {
        return iri::document(symbol);
    }
    if let Some(symbol) = &doc.metadata.symbol {
        return iri::document(&symbol.value);
    }
    if let Some(iri) = iri::unsymboled(&doc.metadata) {
        return iri;
    }
    let stem = source
        .file
        .and_then(|f| std::path::Path::new(f).file_stem())
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    iri::from_file_stem(stem)
}

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

struct Builder<'a> {
    graph: GraphName,
    quads: Vec<Quad>,
    chars: CharIndex,
    knowledge: &'a Knowledge,
}

impl Builder<'_> {
    fn add(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::from(s.clone()),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn string(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }

    fn integer(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, value: usize) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(value.to_string(), xsd::INTEGER),
        );
    }

    fn span(&mut self, s: &NamedNode, span: Span) {
        let start = self.chars.at(span.start);
        let end = self.chars.at(span.end).max(start);
        self.integer(s, rg::CHAR_START, start);
        self.integer(s, rg::CHAR_END, end);
        self.integer(s, rg::LINE, span.line);
    }
}

/// Builds the quads of one document, in the named graph of its IRI.
pub fn build(
    doc: &Document,
    findings: &Findings,
    knowledge: &Knowledge,
    source: &Source<'_>,
) -> Vec<Quad> {
    let d = document_iri(doc, source);
    let mut b = Builder {
        graph: GraphName::NamedNode(d.clone()),
        quads: Vec::new(),
        chars: CharIndex::new(source.text),
        knowledge,
    };
    let meta = &doc.metadata;
    let class = match meta.kind {
        Some(DocumentKind::DraftResolution) => rg::DRAFT_RESOLUTION,
        _ => rg::RESOLUTION,
    };
    b.add(&d, rdf::TYPE, class.into_owned());
    let symbol = source
        .symbol
        .map(str::to_string)
        .or_else(|| meta.symbol.as_ref().map(|s| s.value.clone()));
    if let Some(symbol) = &symbol {
        b.string(&d, rg::SYMBOL, &iri::canonical_symbol(symbol));
        b.add(&d, rg::UNDOCS_PAGE, iri::undocs(symbol));
    }
    if let Some(t) = &meta.title {
        b.add(
            &d,
            rg::TITLE,
            Literal::new_language_tagged_literal_unchecked(&t.value, "en"),
        );
    }
    if let Some(date) = &meta.date {
        b.add(
            &d,
            rg::DATE,
            Literal::new_typed_literal(date.value.to_string(), xsd::DATE),
        );
    }
    let body = meta.body.as_ref().or(meta.acting_body.as_ref());
    if let Some(actor) = body.and_then(|b| knowledge.find_actor(&b.value)) {
        let iri = actor.iri.clone();
        b.add(&d, rg::ISSUED_BY, iri);
    }
    if let Some(a) = &meta.acting_body {
        b.string(&d, rg::ACTING_BODY, &a.value);
    }
    for (p, v) in [
        (rg::SESSION, meta.session.as_ref().map(|f| f.value.as_str())),
        (rg::PLACE, meta.place.as_ref().map(|f| f.value.as_str())),
        (
            rg::DISTRIBUTION,
            meta.distribution.as_ref().map(|f| f.value.as_str()),
        ),
        (
            rg::ORIGINAL_LANGUAGE,
            meta.original_language.as_ref().map(|f| f.value.as_str()),
        ),
        (
            rg::RECOMMENDATION,
            meta.recommendation.as_ref().map(|f| f.value.as_str()),
        ),
        (
            rg::AGENDA_ITEM,
            meta.agenda_item.as_ref().map(|f| f.value.number.as_str()),
        ),
        (
            rg::AGENDA_TITLE,
            meta.agenda_item
                .as_ref()
                .and_then(|f| f.value.title.as_deref()),
        ),
    ] {
        if let Some(v) = v {
            b.string(&d, p, v);
        }
    }
    for note in &meta.status_notes {
        b.string(&d, rg::STATUS_NOTE, &note.value);
    }
    if let Some(a) = &meta.adoption {
        b.string(&d, rg::ADOPTION, &a.value.text);
        if let Some(m) = a.value.meeting {
            b.integer(&d, rg::MEETING, m as usize);
        }
        if let Some(v) = &a.value.vote {
            b.string(&d, rg::VOTE, v);
        }
    }
    let record = meta.record_id.clone().or_else(|| {
        unsc_number(symbol.as_deref()).and_then(|n| knowledge.unsc_record(n).map(str::to_string))
    });
    if let Some(record) = record.as_deref().and_then(iri::digital_library) {
        b.add(&d, rg::DIGITAL_LIBRARY_RECORD, record);
    }
    if let Some(file) = source.file {
        b.string(&d, rg::SOURCE_FILE, file);
    }
    let layout = match doc.layout {
        Layout::PdfText => "pdf-text",
        Layout::Ocr => "ocr",
        Layout::Markdown => "markdown",
    };
    b.string(&d, rg::LAYOUT, layout);
    for w in &doc.warnings {
        b.string(
            &d,
            rg::PARSE_WARNING,
            &format!("line {}: {}", w.line, w.message),
        );
    }

    // Sections.
    let mut section_iris = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let eid = format!(
            "sec_{}",
            s.label
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        );
        let node = iri::part(&d, &eid);
        if section_iris
            .iter()
            .any(|(_, n): &(String, NamedNode)| n == &node)
        {
            continue;
        }
        b.add(&node, rdf::TYPE, rg::SECTION.into_owned());
        b.string(&node, rg::EID, &eid);
        b.string(&node, rg::NUMBER, &s.label);
        b.integer(&node, rg::POSITION, i + 1);
        if let Some(h) = &s.heading {
            b.string(&node, rg::TITLE, h);
        }
        b.add(&node, rg::IS_PART_OF, d.clone());
        b.add(&d, rg::HAS_PART, node.clone());
        b.span(&node, s.span);
        section_iris.push((s.label.clone(), node));
    }

    // Footnotes.
    for f in &doc.footnotes {
        let node = iri::part(&d, &format!("note_{}", f.marker));
        b.add(&node, rdf::TYPE, rg::FOOTNOTE.into_owned());
        b.string(&node, rg::MARKER, &f.marker);
        b.string(&node, rg::TEXT, &f.text);
        b.add(&node, rg::IS_PART_OF, d.clone());
        b.span(&node, f.span);
    }

    // Paragraphs.
    fn paragraph(b: &mut Builder<'_>, d: &NamedNode, parent: &NamedNode, p: &Paragraph) {
        let node = iri::part(d, &p.eid);
        let class = match p.kind {
            ParagraphKind::Preambular => rg::PREAMBULAR_PARAGRAPH,
            ParagraphKind::Operative => rg::OPERATIVE_PARAGRAPH,
            ParagraphKind::SubParagraph => rg::SUB_PARAGRAPH,
        };
        b.add(&node, rdf::TYPE, class.into_owned());
        b.string(&node, rg::EID, &p.eid);
        b.integer(&node, rg::POSITION, p.position);
        if let Some(n) = &p.number {
            b.string(&node, rg::NUMBER, n);
        }
        if let Some(o) = &p.opening_phrase {
            b.string(&node, rg::OPENING_PHRASE, o);
        }
        b.string(&node, rg::TEXT, &p.text);
        b.add(&node, rg::IS_PART_OF, parent.clone());
        b.add(parent, rg::HAS_PART, node.clone());
        b.span(&node, p.span);
        for r in &p.footnotes {
            b.add(
                &node,
                rg::FOOTNOTE_PROP,
                iri::part(d, &format!("note_{}", r.marker)),
            );
        }
        for c in &p.subparagraphs {
            paragraph(b, d, &node, c);
        }
    }
    for p in &doc.preamble {
        paragraph(&mut b, &d, &d, p);
    }
    for p in &doc.operative {
        let parent = p
            .section
            .as_ref()
            .and_then(|s| section_iris.iter().find(|(l, _)| l == s))
            .map_or_else(|| d.clone(), |(_, n)| n.clone());
        paragraph(&mut b, &d, &parent, p);
    }

    // Mentions: one triple per (paragraph, actor).
    let mut seen = BTreeSet::new();
    for m in &findings.mentions {
        if seen.insert((m.paragraph.clone(), m.actor.as_str().to_string())) {
            let node = iri::part(&d, &m.paragraph);
            b.add(&node, rg::MENTIONS, m.actor.clone());
        }
    }
    let mut seen = BTreeSet::new();
    for (eid, topic) in &findings.topics {
        if seen.insert((eid.clone(), topic.as_str().to_string())) {
            b.add(&iri::part(&d, eid), rg::TOPIC_PROP, topic.clone());
        }
    }

    // Citations.
    let mut counters: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in &findings.citations {
        let n = counters.entry(c.paragraph.as_str()).or_insert(0);
        *n += 1;
        let para = iri::part(&d, &c.paragraph);
        let node = iri::part(&d, &format!("{}__cite_{n}", c.paragraph));
        let target = citation_target(&mut b, &c.target);
        b.add(&node, rdf::TYPE, rg::CITATION.into_owned());
        b.add(&node, rg::CITED, target.clone());
        b.string(&node, rg::CITED_AS, &c.surface);
        if let Some(date) = c.date {
            b.add(
                &node,
                rg::CITED_DATE,
                Literal::new_typed_literal(date.to_string(), xsd::DATE),
            );
        }
        if let Some(marker) = &c.footnote {
            b.add(
                &node,
                rg::FOOTNOTE_PROP,
                iri::part(&d, &format!("note_{marker}")),
            );
        }
        b.span(&node, c.span);
        b.add(&para, rg::CITATION_PROP, node);
        b.add(&para, rg::CITES, target.clone());
        if let Some(symbol) = &c.annexed_to {
            let carrier = iri::document(symbol);
            b.add(&target, rg::ANNEXED_TO, carrier.clone());
            describe_symbol(&mut b, &carrier, symbol, None);
        }
    }

    // Directives and mandates.
    for m in &findings.directives {
        let para = iri::part(&d, &m.paragraph);
        let node = iri::part(&d, &format!("{}__directive_{}", m.paragraph, m.index));
        b.add(&node, rdf::TYPE, rg::DIRECTIVE.into_owned());
        if m.mandating {
            b.add(&node, rdf::TYPE, rg::MANDATE.into_owned());
            b.add(&para, rg::MANDATE_PROP, node.clone());
        }
        b.add(&para, rg::DIRECTIVE_PROP, node.clone());
        if !m.verb_phrase.is_empty() {
            b.string(&node, rg::VERB_PHRASE, &m.verb_phrase);
        }
        if let Some(v) = &m.verb {
            b.add(&node, rg::VERB, v.clone());
        }
        for x in &m.modifiers {
            b.string(&node, rg::MODIFIER_PROP, x);
        }
        for (p, list) in [
            (rg::ADDRESSEE, &m.addressees),
            (rg::PARTNER, &m.partners),
            (rg::BENEFICIARY, &m.beneficiaries),
            (rg::CONDITION_PROP, &m.conditions),
            (rg::ACTIVITY, &m.activities),
            (rg::TOPIC_PROP, &m.topics),
        ] {
            for x in list {
                b.add(&node, p, x.clone());
            }
        }
        if !m.action.is_empty() {
            b.string(&node, rg::ACTION, &m.action);
        }
        b.span(&node, m.span);
    }
    let mut quads = b.quads;
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    quads
}

fn unsc_number(symbol: Option<&str>) -> Option<u32> {
    symbol?
        .strip_prefix("S/RES/")?
        .split([' ', '('])
        .next()?
        .parse()
        .ok()
}

/// Describes a cited document by symbol (in the citing document's graph).
fn describe_symbol(b: &mut Builder<'_>, node: &NamedNode, symbol: &str, unsc: Option<u32>) {
    let class = if symbol.contains("/RES/") {
        rg::RESOLUTION
    } else {
        rg::DOCUMENT
    };
    b.add(node, rdf::TYPE, class.into_owned());
    b.string(node, rg::SYMBOL, &iri::canonical_symbol(symbol));
    b.add(node, rg::UNDOCS_PAGE, iri::undocs(symbol));
    if let Some(record) = unsc
        .and_then(|n| b.knowledge.unsc_record(n).map(str::to_string))
        .as_deref()
        .and_then(iri::digital_library)
    {
        b.add(node, rg::DIGITAL_LIBRARY_RECORD, record);
    }
}

fn citation_target(b: &mut Builder<'_>, target: &Target) -> NamedNode {
    match target {
        Target::Symbol {
            symbol,
            unsc_number,
            ..
        } => {
            let node = iri::document(symbol);
            describe_symbol(b, &node, symbol, *unsc_number);
            node
        }
        Target::Treaty { number, volumes } => {
            if let Some(instrument) = b
                .knowledge
                .instruments
                .iter()
                .find(|i| i.unts.contains(number))
            {
                return instrument.iri.clone();
            }
            let node = iri::unts(number);
            b.add(&node, rdf::TYPE, rg::TREATY.into_owned());
            b.string(&node, rg::UNTS_NUMBER, number);
            for v in volumes {
                b.string(&node, rg::UNTS_VOLUME, v);
            }
            node
        }
        Target::Instrument(i) => b.knowledge.instruments[*i].iri.clone(),
    }
}

/// The quads of the vocabulary graph: ontology and registries, plus links computed from
/// them (an instrument's `rg:annexOf` symbol becomes `rg:annexedTo` the resolution's IRI).
pub fn vocabulary(knowledge: &Knowledge) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(iri::VOCABULARY_GRAPH));
    let mut quads: Vec<Quad> = knowledge
        .quads
        .iter()
        .map(|q| Triple::from(q.clone()).in_graph(graph.clone()))
        .collect();
    for i in &knowledge.instruments {
        if let Some(symbol) = &i.annex_of {
            let carrier = iri::document(symbol);
            quads.push(Quad::new(
                i.iri.clone(),
                rg::ANNEXED_TO,
                carrier.clone(),
                graph.clone(),
            ));
            quads.push(Quad::new(
                carrier.clone(),
                rg::SYMBOL,
                Literal::new_simple_literal(iri::canonical_symbol(symbol)),
                graph.clone(),
            ));
            quads.push(Quad::new(
                carrier,
                rg::UNDOCS_PAGE,
                iri::undocs(symbol),
                graph.clone(),
            ));
        }
    }
    quads
}
