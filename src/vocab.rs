//! Vocabulary constants: one module per namespace, one constant per term.
//!
//! `rdf` and `xsd` are oxigraph's own (`oxigraph::model::vocab`). No IRI string literal
//! appears elsewhere in the code; IRIs minted from data (document
//! symbols, paragraph ids) are built in [`crate::iri`]. A test checks that every `rg` term
//! here is declared in `ontology/resograph.ttl`.

/// Declares a namespace module with its IRI and its terms.
macro_rules! namespace {
    ($(#[$doc:meta])* $module:ident, $iri:literal, { $($(#[$tdoc:meta])* $name:ident = $local:literal),* $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            use oxigraph::model::NamedNodeRef;
            /// The namespace IRI.
            pub const NS: &str = $iri;
            $(
                $(#[$tdoc])*
                pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($iri, $local));
            )*
            /// Every term of the module, with its local name.
            pub const ALL: &[(&str, NamedNodeRef<'static>)] = &[$(($local, $name)),*];
        }
    };
}

namespace!(
    /// resograph's own ontology (`ontology/resograph.ttl`).
    rg, "https://w3id.org/resograph/ontology#", {
    /// A UN document: resolution, draft, report.
    DOCUMENT = "Document",
    /// An adopted resolution.
    RESOLUTION = "Resolution",
    /// A draft resolution.
    DRAFT_RESOLUTION = "DraftResolution",
    /// Any paragraph of a document.
    PARAGRAPH = "Paragraph",
    /// A preambular paragraph.
    PREAMBULAR_PARAGRAPH = "PreambularParagraph",
    /// An operative paragraph.
    OPERATIVE_PARAGRAPH = "OperativeParagraph",
    /// A sub-paragraph.
    SUB_PARAGRAPH = "SubParagraph",
    /// A section of the operative part.
    SECTION = "Section",
    /// A footnote.
    FOOTNOTE = "Footnote",
    /// A block of text kept apart from preamble and operative part (annex, trailing note).
    ANNEX_BLOCK = "AnnexBlock",
    /// An actor: organ, office, State, group.
    ACTOR = "Actor",
    /// A cited instrument.
    INSTRUMENT = "Instrument",
    /// A treaty registered with the UN Treaty Series.
    TREATY = "Treaty",
    /// A citation of an instrument by a paragraph.
    CITATION = "Citation",
    /// A directive of an operative paragraph.
    DIRECTIVE = "Directive",
    /// A mandate: a request or direction for action.
    MANDATE = "Mandate",
    /// A topic.
    TOPIC = "Topic",
    /// A kind of activity asked for.
    ACTIVITY_KIND = "ActivityKind",
    /// A condition on a mandate.
    CONDITION = "Condition",
    /// What a clause does to a mandate over time (establish, extend, renew, terminate).
    LIFECYCLE_KIND = "LifecycleKind",
    /// A noun for what is extended, renewed or terminated ("mandate", "stationing").
    MANDATE_OBJECT = "MandateObject",
    /// What, as a mandate's infinitive, makes it a duty to report ("report", "keep the
    /// Council informed").
    REPORTING_FORM = "ReportingForm",
    /// A mandate that asks for a report.
    REPORTING_DUTY = "ReportingDuty",
    /// What, as the infinitive of an enacting verb, provides for a review.
    REVIEW_FORM = "ReviewForm",
    /// A clause that provides for a review.
    REVIEW_CLAUSE = "ReviewClause",
    /// A kind of body a clause may establish (committee, tribunal, fund).
    BODY_KIND = "BodyKind",
    /// A modifier of a verb.
    MODIFIER = "Modifier",
    /// A phrase introducing partners.
    PARTNER_MARKER = "PartnerMarker",
    /// A phrase introducing beneficiaries.
    BENEFICIARY_MARKER = "BeneficiaryMarker",
    /// A phrase setting a standard for an action, not its subject.
    COMPLIANCE_MARKER = "ComplianceMarker",
    /// Has part.
    HAS_PART = "hasPart",
    /// Is part of.
    IS_PART_OF = "isPartOf",
    /// Number as printed.
    NUMBER = "number",
    /// 1-based position.
    POSITION = "position",
    /// Akoma Ntoso element id.
    EID = "eId",
    /// Full text.
    TEXT = "text",
    /// Opening phrase.
    OPENING_PHRASE = "openingPhrase",
    /// A footnote of a paragraph.
    FOOTNOTE_PROP = "footnote",
    /// Footnote marker.
    MARKER = "marker",
    /// Mentions an actor.
    MENTIONS = "mentions",
    /// Cites an instrument.
    CITES = "cites",
    /// A citation node of a paragraph.
    CITATION_PROP = "citation",
    /// What a citation points at.
    CITED = "cited",
    /// The paragraph of the cited document a citation names ("paragraph 13 of resolution 687 (1991)").
    CITED_PARAGRAPH = "citedParagraph",
    /// A paragraph of another document that the paragraph cites.
    CITES_PARAGRAPH = "citesParagraph",
    /// The citation as printed.
    CITED_AS = "citedAs",
    /// A directive of a paragraph.
    DIRECTIVE_PROP = "directive",
    /// A mandate of a paragraph.
    MANDATE_PROP = "mandate",
    /// Addressee of a directive.
    ADDRESSEE = "addressee",
    /// Addressees of a directive as printed.
    ADDRESSEE_PHRASE = "addresseePhrase",
    /// Index key of a printed addressee the registry does not name (sorted content words).
    ADDRESSEE_KEY = "addresseeKey",
    /// An actor a directive is about.
    CONCERNS = "concerns",
    /// Partner of a mandate.
    PARTNER = "partner",
    /// Beneficiary of a mandate.
    BENEFICIARY = "beneficiary",
    /// Condition of a mandate.
    CONDITION_PROP = "condition",
    /// Activity kind of a mandate.
    ACTIVITY = "activity",
    /// Topic.
    TOPIC_PROP = "topic",
    /// Verb concept.
    VERB = "verb",
    /// Verb as printed.
    VERB_PHRASE = "verbPhrase",
    /// Verb modifier.
    MODIFIER_PROP = "modifier",
    /// Action text of a mandate.
    ACTION = "action",
    /// What a directive does to a mandate over time.
    LIFECYCLE = "lifecycle",
    /// The body or operation whose mandate a directive changes.
    LIFECYCLE_OF = "lifecycleOf",
    /// The last day of a mandate as a directive sets it.
    UNTIL = "until",
    /// Whether `until` was computed from the adoption date and the period.
    UNTIL_COMPUTED = "untilComputed",
    /// The period a directive grants.
    PERIOD = "period",
    /// The organ a report goes to.
    REPORT_TO = "reportTo",
    /// The date a report is due.
    REPORT_DUE = "reportDue",
    /// Whether the due date was counted from the adoption date.
    REPORT_DUE_COMPUTED = "reportDueComputed",
    /// The period after adoption within which a report is due.
    REPORT_WITHIN = "reportWithin",
    /// The session at which a report is due.
    REPORT_SESSION = "reportSession",
    /// The year that session opens.
    REPORT_SESSION_YEAR = "reportSessionYear",
    /// How often a report recurs.
    REPORT_EVERY = "reportEvery",
    /// What a report is on, as printed.
    REPORT_ON = "reportOn",
    /// The earlier change whose mandate a directive extends or renews.
    EXTENDS = "extends",
    /// An earlier mandate to the same addressee that a mandate asks again.
    REPEATS = "repeats",
    /// The directive that established a body or an operation.
    ESTABLISHED_BY = "establishedBy",
    /// The directive that terminated a body's or an operation's mandate.
    TERMINATED_BY = "terminatedBy",
    /// A noun for a lifecycle change ("creation" of establishing).
    NOMINAL_FORM = "nominalForm",
    /// The document whose clause established a body.
    ESTABLISHED_IN = "establishedIn",
    /// The kind of an established body (`rg:BodyKind`).
    OF_KIND = "bodyKind",
    /// Document symbol as the UN prints it.
    SYMBOL = "symbol",
    /// Document symbol as undocs.org and the UN Digital Library write it.
    UNDOCS_SYMBOL = "undocsSymbol",
    /// The document a corrigendum corrects.
    CORRIGENDUM_OF = "corrigendumOf",
    /// The document a revision replaces.
    REVISION_OF = "revisionOf",
    /// The document an addendum adds to.
    ADDENDUM_OF = "addendumOf",
    /// Title.
    TITLE = "title",
    /// Date of the document.
    DATE = "date",
    /// Issuing body.
    ISSUED_BY = "issuedBy",
    /// Body of the enacting formula.
    ACTING_BODY = "actingBody",
    /// Session.
    SESSION = "session",
    /// Place.
    PLACE = "place",
    /// Agenda item number.
    AGENDA_ITEM = "agendaItem",
    /// Agenda item title.
    AGENDA_TITLE = "agendaTitle",
    /// Distribution.
    DISTRIBUTION = "distribution",
    /// Distribution date.
    DISTRIBUTION_DATE = "distributionDate",
    /// First day of the meetings printed in the header.
    MEETING_START_DATE = "meetingStartDate",
    /// Last day of the meetings printed in the header.
    MEETING_END_DATE = "meetingEndDate",
    /// The PDF the text was extracted from.
    SOURCE_PDF = "sourcePdf",
    /// Original language.
    ORIGINAL_LANGUAGE = "originalLanguage",
    /// Status note.
    STATUS_NOTE = "statusNote",
    /// Recommendation chain.
    RECOMMENDATION = "recommendation",
    /// Adoption line.
    ADOPTION = "adoption",
    /// Meeting number of adoption.
    MEETING = "meeting",
    /// Vote.
    VOTE = "vote",
    /// undocs.org page.
    UNDOCS_PAGE = "undocsPage",
    /// UN Digital Library record.
    DIGITAL_LIBRARY_RECORD = "digitalLibraryRecord",
    /// The source text a document was read from (a `ni:///sha-256;...` IRI).
    SOURCE_TEXT = "sourceText",
    /// A source text, named by its hash.
    SOURCE_TEXT_CLASS = "SourceText",
    /// The segment of the source text a part was read from (a Web Annotation specific
    /// resource).
    SPAN = "span",
    /// Version of resograph that ran an activity.
    SOFTWARE_VERSION = "softwareVersion",
    /// Layout of the source.
    LAYOUT = "layout",
    /// Character offset where a span starts.
    CHAR_START = "charStart",
    /// Character offset where a span ends.
    CHAR_END = "charEnd",
    /// Line of a span.
    LINE = "line",
    /// Acronym.
    ACRONYM = "acronym",
    /// A label valid only in context.
    CONTEXTUAL_LABEL = "contextualLabel",
    /// The adjective of a State ("Libyan").
    DEMONYM = "demonym",
    /// Kind of actor.
    ACTOR_KIND = "actorKind",
    /// ISO 3166-1 alpha-2 code of a State (registry).
    ISO3166_ALPHA2 = "iso3166Alpha2",
    /// ISO 3166-1 alpha-3 code of a State (registry).
    ISO3166_ALPHA3 = "iso3166Alpha3",
    /// M49 code of a State, zero-padded (registry).
    M49 = "m49",
    /// Kind of instrument.
    INSTRUMENT_KIND = "instrumentKind",
    /// UN Treaty Series registration number.
    UNTS_NUMBER = "untsNumber",
    /// UN Treaty Series volume.
    UNTS_VOLUME = "untsVolume",
    /// The resolution that carries an instrument as its annex.
    ANNEX_OF = "annexOf",
    /// Inflected form of a term.
    FORM = "form",
    /// Whether a verb category asks for action.
    MANDATING = "mandating",
    /// Whether a verb category asks its addressee to act (what `requests` answers with).
    ASKING = "asking",
    /// Whether a verb category is the organ acting in its own voice (its infinitive can
    /// change a mandate).
    ENACTING = "enacting",
    /// Position of a modifier.
    MODIFIER_POSITION = "modifierPosition",
    /// Date printed with a citation.
    CITED_DATE = "citedDate",
    /// Warning met while parsing.
    PARSE_WARNING = "parseWarning",
});

pub use oxigraph::model::vocab::{rdf, xsd};

namespace!(
    /// The W3C Organization Ontology.
    org, "http://www.w3.org/ns/org#", {
    /// The organization a body is part of.
    SUB_ORGANIZATION_OF = "subOrganizationOf",
});

namespace!(
    /// SKOS.
    skos, "http://www.w3.org/2004/02/skos/core#", {
    /// prefLabel.
    PREF_LABEL = "prefLabel",
    /// altLabel.
    ALT_LABEL = "altLabel",
    /// broader.
    BROADER = "broader",
    /// closeMatch.
    CLOSE_MATCH = "closeMatch",
});

namespace!(
    /// RDF Schema.
    rdfs, "http://www.w3.org/2000/01/rdf-schema#", {
    /// label.
    LABEL = "label",
});

namespace!(
    /// PROV-O.
    prov, "http://www.w3.org/ns/prov#", {
    /// Activity.
    ACTIVITY = "Activity",
    /// wasGeneratedBy.
    WAS_GENERATED_BY = "wasGeneratedBy",
    /// used.
    USED = "used",
    /// startedAtTime.
    STARTED_AT_TIME = "startedAtTime",
    /// endedAtTime.
    ENDED_AT_TIME = "endedAtTime",
});

namespace!(
    /// Web Annotation vocabulary.
    oa, "http://www.w3.org/ns/oa#", {
    /// SpecificResource: a segment of a source.
    SPECIFIC_RESOURCE = "SpecificResource",
    /// TextPositionSelector: characters by position.
    TEXT_POSITION_SELECTOR = "TextPositionSelector",
    /// hasSource.
    HAS_SOURCE = "hasSource",
    /// hasSelector.
    HAS_SELECTOR = "hasSelector",
    /// start: offset of the first character selected.
    START = "start",
    /// end: offset one past the last character selected.
    END = "end",
});

namespace!(
    /// Dublin Core terms.
    dcterms, "http://purl.org/dc/terms/", {
    /// language: the language of a document, as an ISO 639 IRI.
    LANGUAGE = "language",
    /// subject: what a document is about (topics, countries, organizations).
    SUBJECT = "subject",
});

/// Prefixes used when writing Turtle and TriG. Document IRIs (with `/` and `(` in their
/// symbols) and undocs.org pages stay whole: `<.../doc/S/RES/83(1950)>` reads better than
/// an escaped local name.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rg", rg::NS),
    ("rga", crate::iri::ACTOR_BASE),
    ("rgt", crate::iri::TOPIC_BASE),
    ("rgv", crate::iri::VERB_BASE),
    ("rgi", crate::iri::INSTRUMENT_BASE),
    ("rgm", crate::iri::MANDATE_TERM_BASE),
    ("rgk", crate::iri::ACTOR_KIND_BASE),
    ("rgik", crate::iri::INSTRUMENT_KIND_BASE),
    ("eli", "http://data.europa.eu/eli/ontology#"),
    ("skos", skos::NS),
    ("dcterms", dcterms::NS),
    ("prov", prov::NS),
    ("oa", oa::NS),
    ("rdfs", rdfs::NS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("unbis", "http://metadata.un.org/thesaurus/"),
    ("dl", "https://digitallibrary.un.org/record/"),
    ("wd", "http://www.wikidata.org/entity/"),
];

/// Prefixes for shortening IRIs in tables: [`PREFIXES`] and documents (`rgd:`).
pub const DISPLAY_PREFIXES: &[(&str, &str)] = &[("rgd", crate::iri::DOC_BASE)];
