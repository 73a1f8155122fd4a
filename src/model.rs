//! The document model: what the parser makes of a resolution.
//!
//! Plain data with public fields, so that every later stage (extraction, graph building,
//! JSON output) reads it without ceremony. Every paragraph, footnote and header field
//! carries the [`Span`] of the characters it came from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A range of the source text, with the line where it starts.
///
/// `start` and `end` are byte offsets into the UTF-8 source (0-based, end exclusive);
/// `line` is 1-based. The graph stage turns byte offsets into character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
}

/// A header value with the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    /// The value, normalised.
    pub value: T,
    /// Where it was printed.
    pub span: Span,
}

/// The three layouts the parser recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// PDF-to-text output: one paragraph a line, superscript footnote markers.
    PdfText,
    /// OCR text: hard line wraps, blank lines between paragraphs, plain-digit markers.
    Ocr,
    /// Markdown extraction with YAML front matter and `[^N]` footnotes.
    Markdown,
}

/// Whether the text is an adopted resolution or a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// An adopted resolution.
    Resolution,
    /// A draft resolution (recommended for adoption, or an `L.` document).
    DraftResolution,
}

/// An agenda item: its number as printed ("6 (c)", "62") and its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The number as printed.
    pub number: String,
    /// The title, when printed.
    pub title: Option<String>,
}

/// The adoption line ("Adopted at the 2932nd meeting by 14 votes to none").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    /// The whole line, wraps joined.
    pub text: String,
    /// Meeting number, when printed.
    pub meeting: Option<u32>,
    /// Adoption date, when printed.
    pub date: Option<NaiveDate>,
    /// The vote as printed ("14 votes to none", "unanimously", "without a vote").
    pub vote: Option<String>,
}

/// The header of a resolution: everything before the enacting formula, plus front matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Metadata {
    /// Draft or adopted resolution.
    pub kind: Option<DocumentKind>,
    /// Document symbol ("A/RES/80/11", "S/RES/83 (1950)").
    pub symbol: Option<Field<String>>,
    /// Issuing body ("General Assembly", "Commission on Crime Prevention and Criminal Justice").
    pub body: Option<Field<String>>,
    /// Session as printed ("Thirty-second session").
    pub session: Option<Field<String>>,
    /// The date of the document: adoption date, else the date printed in the header.
    pub date: Option<Field<NaiveDate>>,
    /// Distribution date.
    pub distribution_date: Option<Field<NaiveDate>>,
    /// Meeting dates when printed as a range ("22-26 May 2023").
    pub meeting_dates: Option<Field<(NaiveDate, NaiveDate)>>,
    /// Place of the session ("Vienna").
    pub place: Option<Field<String>>,
    /// Agenda item.
    pub agenda_item: Option<Field<AgendaItem>>,
    /// Distribution ("General", "Limited").
    pub distribution: Option<Field<String>>,
    /// Original language.
    pub original_language: Option<Field<String>>,
    /// Title.
    pub title: Option<Field<String>>,
    /// Body named in the enacting formula ("General Assembly").
    pub acting_body: Option<Field<String>>,
    /// Status notes such as "[agreed in COW]" or "[without reference to a Main Committee (A/80/L.15)]".
    pub status_notes: Vec<Field<String>>,
    /// Recommendation chain when printed.
    pub recommendation: Option<Field<String>>,
    /// The adoption line when printed.
    pub adoption: Option<Field<Adoption>>,
    /// UN Digital Library record number (front matter `record_id`).
    pub record_id: Option<String>,
    /// Source PDF address from front matter.
    pub source_pdf: Option<String>,
    /// Language from front matter.
    pub language: Option<String>,
}

/// Which part of the resolution a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphKind {
    /// A preambular paragraph ("Recalling ...").
    Preambular,
    /// An operative paragraph ("1. Requests ...").
    Operative,
    /// A sub-paragraph ("(a) ...") of another paragraph.
    SubParagraph,
}

/// A paragraph: preambular, operative or sub-paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Preambular, operative or sub-paragraph.
    pub kind: ParagraphKind,
    /// Akoma Ntoso element id ("para_13", "para_8__list_1__point_a", "preamble__para_2").
    pub eid: String,
    /// 1-based position among its siblings.
    pub position: usize,
    /// The number or label as printed ("13", "a", "ii"), if any.
    pub number: Option<String>,
    /// Label of the section the paragraph stands in ("A", "II"), if any; a preambular
    /// paragraph has one in a resolution in parts.
    pub section: Option<String>,
    /// Opening phrase ("Reaffirming also", "Calls upon", "Decides further").
    pub opening_phrase: Option<String>,
    /// The verb form of the opening phrase and where it stands in `text`, when the form is
    /// one of the lexicon's; found once by the parser, read by the extractor. Not part of
    /// the JSON output, which shows `opening_phrase`.
    #[serde(skip)]
    pub opening: Option<Opening>,
    /// The full text, line wraps joined, number and footnote markers removed.
    pub text: String,
    /// From the first to the last character of the paragraph in the source.
    pub span: Span,
    /// The footnotes the paragraph cites, in order.
    pub footnotes: Vec<FootnoteRef>,
    /// Nested sub-paragraphs.
    pub subparagraphs: Vec<Paragraph>,
}

/// The verb form that opens a paragraph ("requests" in "Also requests the Secretary-General").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The verb form as the lexicon lists it, lower case ("requests", "calls upon").
    pub verb: String,
    /// Byte offset of the verb form in the paragraph's `text`.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// Where a paragraph cites a footnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FootnoteRef {
    /// The footnote marker ("4").
    pub marker: String,
    /// Byte offset in the paragraph's `text` where the marker stood.
    pub at: usize,
}

/// A footnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// The marker as a number string ("4").
    pub marker: String,
    /// Footnote text.
    pub text: String,
    /// Where it was printed.
    pub span: Span,
    /// Element ids of the paragraphs that cite it.
    pub cited_by: Vec<String>,
}

/// A section heading ("A", "II. Peacebuilding Commission").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Label ("A", "II") or, for a heading without one, its 1-based position.
    pub label: String,
    /// Heading text, if any.
    pub heading: Option<String>,
    /// Where it was printed.
    pub span: Span,
}

/// A block of text kept apart from preamble and operative part (annex, trailing notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The text, wraps joined.
    pub text: String,
    /// Where it was printed.
    pub span: Span,
}

/// Where a document came from: its text, its file, a symbol the user forced.
///
/// The extractor reads it to name the document (its IRI); the graph stage, for provenance.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source<'a> {
    /// The text that was parsed.
    pub text: &'a str,
    /// The file path as given by the user.
    pub file: Option<&'a str>,
    /// A symbol forced by the user (`--symbol`).
    pub symbol: Option<&'a str>,
}

/// A tolerable oddity found while parsing: the document is still usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// What was odd.
    pub message: String,
}

/// A parsed resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Detected layout.
    pub layout: Layout,
    /// Header fields.
    pub metadata: Metadata,
    /// Preambular paragraphs in order.
    pub preamble: Vec<Paragraph>,
    /// Operative paragraphs in order.
    pub operative: Vec<Paragraph>,
    /// Footnotes in order of their markers.
    pub footnotes: Vec<Footnote>,
    /// Section headings of the operative part, and the parts of a resolution in parts
    /// ("A", "B", each with its own enacting formula and preamble).
    pub sections: Vec<Section>,
    /// Annexes and text after the adoption line.
    pub annexes: Vec<Block>,
    /// Oddities met while parsing.
    pub warnings: Vec<Warning>,
}

impl Document {
    /// Every paragraph, depth first, preamble then operative part.
    pub fn all_paragraphs(&self) -> Vec<&Paragraph> {
        fn walk<'a>(paragraphs: &'a [Paragraph], out: &mut Vec<&'a Paragraph>) {
            for p in paragraphs {
                out.push(p);
                walk(&p.subparagraphs, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.preamble, &mut out);
        walk(&self.operative, &mut out);
        out
    }
}
