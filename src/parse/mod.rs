//! Parse stage: plain text -> [`Document`].
//!
//! What a resolution looks like to the parser, whatever its layout:
//!
//! ```text
//! document    = [front-matter] header enacting-formula preamble operative [adoption] [annex]
//!             | [front-matter] header part+ [adoption] [annex]
//! part        = label enacting-formula preamble operative   ("A" / "The Security Council," / ...;
//!               each part a section, its operative paragraphs numbered from 1)
//! front-matter= "---" yaml "---"                             (Markdown extractions)
//! header      = block*                                       (see `header.rs`)
//! enacting    = "The" Body ","                               ("The General Assembly,")
//! preamble    = paragraph*         opening with a participle or adjective ("Recalling", "Deeply concerned")
//! operative   = (section | paragraph)*
//!               opening with a number ("1.", "- 1.") or a finite verb ("Decides", "Recommends")
//! section     = a printed label ("A", "II") with an optional heading, or a short line without
//!               final punctuation ("Peacebuilding Commission"); never an adoption line, a
//!               paragraph opening ("Demands ...", "Having listened ..."), a name in a list
//!               ("Mr. A (Egypt)"), a quotation ("“Rule 58"), nor the title run as a page header
//! paragraph   = block [sub-paragraph*]
//!               its number may be misread by OCR ("S." for 5, "l." for 1, "lO." for 10): read as
//!               the number the sequence expects when a verb of the lexicon follows
//! sub-paragraph = ("(a)" | "(ii)" | "(1)") block, or an unlabelled block after a chapeau ending in ":"
//! that-clauses= an unnumbered chapeau ending in ":" ("Resolves:") and blocks opening "That ...":
//!               each clause an operative paragraph of its own, as when they are numbered
//! quotation   = a block opening with a quotation mark: part of the paragraph that quotes it, an
//!               item under a ":" chapeau or in a list, else the rest of that paragraph's text
//! adoption    = "Adopted ... meeting ..." | "51st plenary meeting ..."
//! annex       = "Annex" ...
//! block       = non-blank lines, hard wraps joined; a numbered line starts a new block
//! footnote    = ("¹" | "[^1]:" | "1 " in OCR text) text, anywhere; taken out of the flow
//! ```
//!
//! A block that starts in lower case, or follows a paragraph that has no final punctuation,
//! continues that paragraph: this is how paragraphs interrupted by a footnote block or a page
//! break are put back together. Page furniture (job numbers "02-72318 (E)", running symbols,
//! page numbers) is dropped.
//!
//! # How the body is read
//!
//! Each body block is classified once, from its text alone (`BlockClass`): an adoption
//! line, the title run again as a page header, a numbered paragraph, a labelled
//! sub-paragraph, or prose (with the mood of its opening verb, whether it opens with a
//! finite verb, whether it reads as a section heading, whether it opens like an annex).
//! The reader is in one of three parts (`Part`), and the pair decides the step:
//!
//! ```text
//! part        class                                  step
//! trailing    "2351st meeting." after "... at the"   complete the adoption line
//! trailing    any                                    keep as annex text
//! any         running header (the title again)       drop
//! any         adoption                               record the adoption; -> trailing
//! any         enacting formula ("The Security Council,") a new part: -> preamble
//! operative*  prose "Annex ..."                      keep as annex text; -> trailing
//! any         prose continuing the last paragraph    append to it (never a finite verb after
//!                                                    the preamble, nor after a short list item)
//! any         quotation after a paragraph            item or rest of that paragraph
//! any         numbered                               new operative paragraph; -> operative
//! any         labelled                               sub-paragraph at its label's depth
//! any         prose heading, after a closed clause   new section
//! operative   "That ..." after a ":" chapeau or clause new operative paragraph (the first
//!             joins its chapeau: "Resolves: That ...")
//! any         prose under a ":" chapeau or in a list unlabelled sub-paragraph
//! preamble    prose, not operative                   new preambular paragraph
//! any         other prose                            new operative paragraph; -> operative
//! ```
//! (* or any part once an operative paragraph exists.) The first matching row wins. Before
//! that, prose whose first word is the next paragraph number as OCR misreads it, followed by
//! a verb, is read as numbered. A lone label just before the header's enacting formula
//! ("A") opens the first part's section.
//!
//! The layout (PDF-to-text, OCR or Markdown) is detected, never asked for.

mod header;
mod markers;
mod phrase;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Adoption, Block, Document, DocumentKind, Field, Footnote, FootnoteRef, Layout, Metadata,
    Opening, Paragraph, ParagraphKind, Section, Span, Warning,
};
pub(crate) use header::{find_date, parse_date};
pub use phrase::Lexicon;
use phrase::Mood;

/// Why a text could not be parsed at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// No preambular or operative paragraph could be found.
    #[error("line {line}: no resolution structure found ({reason})")]
    NoStructure {
        /// 1-based line where the search gave up (the first line of text).
        line: usize,
        /// What was missing.
        reason: String,
    },
}

re!(NUMBERED, r"^(?:[-–•]\s*)?([0-9]{1,3})\s?\.\s+(\S.*)$");
// A paragraph number as OCR may misread it: "S." for 5, "l." or "I." for 1, "lO." for 10.
re!(
    MISREAD_NUMBERED,
    r"^(?:[-–•]\s*)?([0-9SlIO]{1,3})\s?\.\s+(\S.*)$"
);
re!(
    LABELLED,
    r"^\(([a-z]{1,2}|[ivxlc]{1,7}|[0-9]{1,2})\)\s*(\S.*)$"
);
re!(FN_MARKDOWN, r"^\[\^([0-9]+)\]:\s*(.*)$");
re!(FN_SUPERSCRIPT, r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$");
re!(FN_PLAIN, r"^([0-9]{1,3})\s+([A-Z\x22“'‘].*)$");
re!(FN_SLASH, r"^([0-9]{1,2})/\s+(\S.*)$");
re!(
    DATE_START,
    r"^[0-9]{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
);
re!(SECTION, r"^([A-Z]|[IVXL]{1,6})\.?(?:\s+(\S.*))?$");
re!(
    FURNITURE,
    r"^(?:[0-9]{2}-[0-9]{5}(?:\s*\([A-Z]\))?|\*[0-9]{5,}\*|[0-9]{1,3}/[0-9]{1,3}|Page [0-9]+|-\s*[0-9]+\s*-|---+|[0-9]{1,3})$"
);
// A participle clause: "Having listened to ...", "Being convinced that ...".
re!(PARTICIPLE_CLAUSE, r"^(?:Having|Being) [a-z]");
// A person's name in a list: "Mr. Georges NAME (Country)", "Sir Ninian NAME".
re!(PERSON, r"^(?:Mr|Mrs|Ms|Dr|Sir|Dame|H\.E)\.? [A-Z]");
re!(ANNEX, r"^(?:Annex|ANNEX)(?:\s+[IVX0-9]+)?(?:\s|$)");

/// A line of the source with its byte offset and 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    number: usize,
}

/// Consecutive non-blank lines, joined.
#[derive(Debug, Clone)]
struct RawBlock {
    text: String,
    span: Span,
}

/// A paragraph under construction.
#[derive(Debug, Clone)]
struct Draft {
    number: Option<String>,
    label_style: Option<Style>,
    text: String,
    span: Span,
    children: Vec<Draft>,
    section: Option<String>,
}

impl Draft {
    /// A top-level paragraph.
    fn new(number: Option<String>, text: String, span: Span, section: Option<String>) -> Self {
        Self {
            number,
            label_style: None,
            text,
            span,
            children: Vec::new(),
            section,
        }
    }
}

/// How sub-paragraph labels count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Letter,
    Roman,
    Digit,
    Unlabelled,
}

/// Which part of the body is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    /// No operative paragraph yet.
    #[default]
    Preamble,
    /// From the first operative paragraph on.
    Operative,
    /// After the adoption line or an annex heading: every block is annex text.
    Trailing,
}

/// What a body block is, decided from its text alone (see the grammar above).
#[derive(Debug)]
enum BlockClass {
    /// "Adopted at the 474th meeting", "51st plenary meeting 26 November 2025".
    Adoption(Adoption),
    /// "1. Requests ...", "- 1. Requests ...": an operative paragraph with its number.
    Numbered { number: String, text: String },
    /// "(a) To report ...": a sub-paragraph with its label.
    Labelled { label: String, text: String },
    /// The document's own title printed again as a page header (PDF-to-text output).
    RunningHeader,
    /// An enacting formula ("The Security Council,") in the body: a new part begins.
    Enacting,
    /// Any other block: a paragraph, a continuation, a list item, a heading or an annex.
    Prose {
        /// The mood of its opening verb.
        mood: Mood,
        /// Whether it opens with a finite verb ("Recommends", "Hereby resolves").
        finite: bool,
        /// Its section label and heading, if it reads as a section heading.
        heading: Option<Heading>,
        /// Whether it opens like an annex ("Annex", "ANNEX II").
        annex: bool,
    },
}

/// A section heading as printed: "A", "II. Peacebuilding Fund", "Peacebuilding Commission".
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    /// The printed label ("A", "II"), if any.
    label: Option<String>,
    /// The heading text, if any.
    text: Option<String>,
}

/// The body read so far.
#[derive(Debug, Default)]
struct Body {
    part: Part,
    preamble: Vec<Draft>,
    operative: Vec<Draft>,
    sections: Vec<Section>,
    annexes: Vec<Block>,
    /// The paragraph that receives continuations: (in operative?, path of indices).
    last: Option<(bool, Vec<usize>)>,
    /// Whether the adoption line stopped before its meeting ("Adopted unanimously at the"),
    /// which the next block may print ("2351st meeting.").
    awaiting_meeting: bool,
}

impl Body {
    fn list(&self, operative: bool) -> &Vec<Draft> {
        if operative {
            &self.operative
        } else {
            &self.preamble
        }
    }

    fn list_mut(&mut self, operative: bool) -> &mut Vec<Draft> {
        if operative {
            &mut self.operative
        } else {
            &mut self.preamble
        }
    }

    /// The paragraph that receives continuations, if any.
    fn last_paragraph(&self) -> Option<&Draft> {
        let (operative, path) = self.last.as_ref()?;
        Some(get(self.list(*operative), path))
    }

    fn current_section(&self) -> Option<String> {
        self.sections.last().map(|s| s.label.clone())
    }

    fn keep_as_annex(&mut self, block: &RawBlock) {
        self.annexes.push(Block {
            text: block.text.clone(),
            span: block.span,
        });
    }

    /// Whether `text` continues the last paragraph (see [`is_continuation`]). Two blocks
    /// never join, whatever the last one ended with: a finite verb after the preamble opens
    /// the operative part, and a short unpunctuated list item ("Mr. A (Egypt)", "Article 2")
    /// is whole, so a capitalised block after it is the next item.
    fn continues_last(&self, text: &str, finite: bool) -> bool {
        let Some(last) = self.last_paragraph() else {
            return false;
        };
        let after_preamble = self.last.as_ref().is_some_and(|(operative, _)| !operative);
        let capitalised = text.starts_with(char::is_uppercase);
        if finite && capitalised && after_preamble {
            return false;
        }
        if capitalised && last.label_style == Some(Style::Unlabelled) && is_short_line(&last.text) {
            return false;
        }
        is_continuation(&last.text, text)
    }

    fn extend_last(&mut self, block: &RawBlock) {
        let Some((operative, path)) = self.last.clone() else {
            return;
        };
        let target = get_mut(self.list_mut(operative), &path);
        target.text.push(' ');
        target.text.push_str(&block.text);
        target.span.end = block.span.end;
    }

    /// A numbered paragraph is operative, wherever it stands.
    fn push_numbered(&mut self, number: String, text: String, span: Span) {
        self.part = Part::Operative;
        let section = self.current_section();
        self.operative
            .push(Draft::new(Some(number), text, span, section));
        self.last = Some((true, vec![self.operative.len() - 1]));
    }

    /// A labelled sub-paragraph goes under the last paragraph of its part, at the depth
    /// its label calls for; before any paragraph it is kept as a paragraph.
    fn push_labelled(
        &mut self,
        label: String,
        text: String,
        span: Span,
        warnings: &mut Vec<Warning>,
    ) {
        let operative = self.part == Part::Operative || self.preamble.is_empty();
        let last = self
            .last
            .take()
            .filter(|(p, _)| *p == operative)
            .map(|(_, path)| path);
        let list = self.list_mut(operative);
        if list.is_empty() {
            warnings.push(Warning {
                line: span.line,
                message: format!(
                    "sub-paragraph ({label}) before any paragraph; kept as a paragraph"
                ),
            });
            list.push(Draft::new(None, text, span, None));
            self.last = Some((operative, vec![list.len() - 1]));
            return;
        }
        let path = place_child(list, last.as_deref(), Some(&label), text, span, warnings);
        self.last = Some((operative, path));
    }

    /// A heading stands after a paragraph that closed its clause, or after none.
    fn admits_heading(&self) -> bool {
        self.last_paragraph()
            .is_none_or(|last| last.text.trim_end().ends_with(['.', ',', ';', ':']))
    }

    fn open_section(&mut self, heading: Heading, span: Span) {
        let label = heading
            .label
            .unwrap_or_else(|| (self.sections.len() + 1).to_string());
        self.sections.push(Section {
            label,
            heading: heading.text,
            span,
        });
        self.last = None;
    }

    /// An unlabelled item under a chapeau that ends with ":" (or in a running list).
    fn is_list_item(&self, mood: Mood) -> bool {
        let Some((operative, path)) = &self.last else {
            return false;
        };
        if *operative != (self.part == Part::Operative) {
            return false;
        }
        let list = self.list(*operative);
        let parent = get(list, &path[..1]);
        let chapeau = get(list, path);
        let in_list = !parent.children.is_empty();
        // In a numbered operative part, an unnumbered block inside a list is an item
        // whose label the extraction lost ("(c) Requests ..." printed as "Requests ...").
        let numbered = parent.number.is_some() && *operative;
        chapeau.text.trim_end().ends_with(':') || (in_list && (mood != Mood::Operative || numbered))
    }

    fn push_list_item(&mut self, block: &RawBlock, warnings: &mut Vec<Warning>) {
        let Some((operative, path)) = self.last.take() else {
            return;
        };
        let list = self.list_mut(operative);
        let path = place_child(
            list,
            Some(&path),
            None,
            block.text.clone(),
            block.span,
            warnings,
        );
        self.last = Some((operative, path));
    }

    /// A new part of a resolution in parts: its enacting formula is followed by its own
    /// preamble.
    fn begin_part(&mut self) {
        self.part = Part::Preamble;
        self.last = None;
    }

    /// Whether `text` is a that-clause of the older formula "Resolves: That ...; That ...":
    /// in the operative part, after an unnumbered chapeau that ends with ":" and holds no
    /// item, or after another such clause (which may itself end with ":"). Each clause is a
    /// paragraph of its own, as when the clauses are numbered ("Resolves :" / "1. That").
    fn opens_that_clause(&self, text: &str) -> bool {
        if self.part != Part::Operative || !text.starts_with("That ") {
            return false;
        }
        let Some((true, path)) = &self.last else {
            return false;
        };
        let [index] = path.as_slice() else {
            return false;
        };
        let last = &self.operative[*index];
        last.number.is_none()
            && last.children.is_empty()
            && (last.text.trim_end().ends_with(':') || last.text.starts_with("That "))
    }

    /// Whether the last paragraph is an unnumbered chapeau with no clause yet ("Resolves:").
    fn last_is_chapeau(&self) -> bool {
        let Some((true, path)) = &self.last else {
            return false;
        };
        let [index] = path.as_slice() else {
            return false;
        };
        let last = &self.operative[*index];
        last.number.is_none() && last.children.is_empty() && !last.text.starts_with("That ")
    }

    /// Whether `text` opens with a quotation mark after a paragraph: quoted text, which
    /// belongs to the paragraph that quotes it, never a paragraph of its own.
    fn quotes_into_last(&self, text: &str) -> bool {
        text.starts_with(['“', '«', '"']) && self.last_paragraph().is_some()
    }

    /// Quoted text: an item when the quoting paragraph introduces items (a chapeau ending
    /// with ":", a list under way), else the rest of that paragraph's text.
    fn take_quotation(&mut self, block: &RawBlock, warnings: &mut Vec<Warning>) {
        let Some((operative, path)) = &self.last else {
            return;
        };
        let list = self.list(*operative);
        let chapeau = get(list, path);
        let in_list = !get(list, &path[..1]).children.is_empty();
        if in_list || chapeau.text.trim_end().ends_with(':') {
            self.push_list_item(block, warnings);
        } else {
            self.extend_last(block);
        }
    }

    /// The numbers the next operative paragraph may print: one more than the last printed
    /// in the current section; in a section without one yet, also 1.
    fn expected_numbers(&self) -> Vec<u32> {
        let section = self.current_section();
        let numbered = |d: &&Draft| d.number.as_deref().and_then(|n| n.parse::<u32>().ok());
        let last_here = self
            .operative
            .iter()
            .rev()
            .filter(|d| d.section == section)
            .find_map(|d| numbered(&d));
        match last_here {
            Some(n) => vec![n + 1],
            None => {
                let last_anywhere = self.operative.iter().rev().find_map(|d| numbered(&d));
                let mut out = vec![1];
                out.extend(last_anywhere.map(|n| n + 1).filter(|&n| n != 1));
                out
            }
        }
    }

    /// An unnumbered paragraph: operative by its verb, or by standing in the operative part.
    fn push_paragraph(&mut self, mood: Mood, block: &RawBlock, warnings: &mut Vec<Warning>) {
        let in_operative = self.part == Part::Operative;
        if !in_operative && mood != Mood::Operative {
            let section = self.current_section();
            self.preamble
                .push(Draft::new(None, block.text.clone(), block.span, section));
            self.last = Some((false, vec![self.preamble.len() - 1]));
            return;
        }
        if in_operative && mood == Mood::Preambular {
            warnings.push(Warning {
                line: block.span.line,
                message:
                    "preambular-looking paragraph inside the operative part; kept as operative"
                        .into(),
            });
        }
        self.part = Part::Operative;
        let section = self.current_section();
        self.operative
            .push(Draft::new(None, block.text.clone(), block.span, section));
        self.last = Some((true, vec![self.operative.len() - 1]));
    }
}

/// The footnote numbers a document prints, and those with a strong marker somewhere.
struct Markers<'a> {
    numbers: &'a BTreeSet<u32>,
    strong: &'a BTreeSet<u32>,
}

/// Parses a resolution. `lexicon` supplies the verb forms for opening phrases.
///
/// ```
/// let text = "The General Assembly,\n\nRecalling its resolution 74/175,\n\n1. Requests the Secretary-General to report.\n";
/// let doc = resograph::parse(text, &resograph::Lexicon::default()).unwrap();
/// assert_eq!((doc.preamble.len(), doc.operative.len()), (1, 1));
/// assert_eq!(doc.operative[0].number.as_deref(), Some("1"));
/// ```
pub fn parse(source: &str, lexicon: &Lexicon) -> Result<Document, ParseError> {
    // Control characters (BEL, ESC, ...) have no place in a resolution and cannot be written
    // in XML: each becomes a space, which keeps every byte offset, and the user is told.
    let is_control = |c: char| c.is_ascii_control() && !matches!(c, '\n' | '\r' | '\t');
    if !source.contains(is_control) {
        return Parser::new(source, lexicon).run();
    }
    let cleaned: String = source
        .chars()
        .map(|c| if is_control(c) { ' ' } else { c })
        .collect();
    let mut doc = Parser::new(&cleaned, lexicon).run()?;
    // A form feed is a page break in PDF-to-text output: replaced, but not worth a warning.
    let odd = |c: char| is_control(c) && c != '\u{c}';
    if let Some(first) = source.find(odd) {
        let line = source[..first].matches('\n').count() + 1;
        let count = source.chars().filter(|&c| odd(c)).count();
        doc.warnings.push(Warning {
            line,
            message: format!("{count} control character(s) replaced by spaces"),
        });
        doc.warnings.sort_by_key(|w| w.line);
    }
    Ok(doc)
}

struct Parser<'s> {
    source: &'s str,
    lexicon: &'s Lexicon,
    warnings: Vec<Warning>,
    meta: Metadata,
    layout: Layout,
    labelled_sections: BTreeSet<String>,
}

impl<'s> Parser<'s> {
    fn new(source: &'s str, lexicon: &'s Lexicon) -> Self {
        Self {
            source,
            lexicon,
            warnings: Vec::new(),
            meta: Metadata::default(),
            layout: Layout::PdfText,
            labelled_sections: BTreeSet::new(),
        }
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    fn run(mut self) -> Result<Document, ParseError> {
        if self.source.trim().is_empty() {
            return Err(ParseError::Empty);
        }
        let body_start = self.front_matter();
        let lines = self.lines(body_start);
        self.layout = detect_layout(self.source, body_start, &lines);
        let (blocks, footnote_blocks) = self.blocks(&lines);
        let footnotes = self.footnotes(&footnote_blocks);
        let (body_from, first_part) = self.read_header(&blocks);
        let body = self.read_body(blocks.get(body_from..).unwrap_or_default(), first_part);
        if body.preamble.is_empty() && body.operative.is_empty() {
            let line = lines.first().map_or(1, |l| l.number);
            return Err(ParseError::NoStructure {
                line,
                reason: "no enacting formula, preambular or operative paragraph".into(),
            });
        }
        Ok(self.finish_document(body, footnotes))
    }

    /// Reads the header: the blocks up to the enacting formula or, failing that, up to the
    /// first block that looks like a paragraph. Returns the index of the first body block,
    /// and the label of the first part when the resolution is in parts (see
    /// [`first_part_label`]); that label is no header field.
    fn read_header(&mut self, blocks: &[RawBlock]) -> (usize, Option<(Heading, Span)>) {
        let enacting = blocks
            .iter()
            .position(|b| header::enacting_body(&b.text).is_some());
        let body_from = match enacting {
            Some(i) => {
                let body = header::enacting_body(&blocks[i].text).expect("checked");
                self.meta.acting_body = Some(Field {
                    value: body,
                    span: blocks[i].span,
                });
                i + 1
            }
            None => blocks
                .iter()
                .position(|b| self.starts_paragraph(&b.text))
                .unwrap_or(blocks.len()),
        };
        let part_label = enacting.and_then(|i| first_part_label(blocks, i));
        let label_at = part_label.as_ref().and(enacting).map(|i| i - 1);
        let header_blocks: Vec<header::HeaderBlock<'_>> = blocks[..body_from]
            .iter()
            .enumerate()
            .filter(|(i, _)| enacting != Some(*i) && label_at != Some(*i))
            .map(|(_, b)| header::HeaderBlock {
                text: &b.text,
                span: b.span,
            })
            .collect();
        let mut header_warnings = Vec::new();
        header::read(&header_blocks, &mut self.meta, &mut header_warnings);
        for (line, message) in header_warnings {
            self.warn(line, message);
        }
        (body_from, part_label)
    }

    /// Reads the body: each block is classified once, then taken by the step that the
    /// part being read and the block's class call for.
    fn read_body(&mut self, blocks: &[RawBlock], first_part: Option<(Heading, Span)>) -> Body {
        let mut body = Body::default();
        if let Some((label, span)) = first_part {
            self.open_section(&mut body, label, span);
        }
        for block in blocks {
            let class = self.classify(&block.text);
            let class = self.read_misread_number(class, &block.text, &body, block.span);
            let awaiting_meeting = std::mem::take(&mut body.awaiting_meeting);
            match (body.part, class) {
                (Part::Trailing, _)
                    if awaiting_meeting && header::meeting_line(&block.text).is_some() =>
                {
                    self.complete_adoption(block);
                }
                (Part::Trailing, _) => body.keep_as_annex(block),
                (_, BlockClass::RunningHeader) => {}
                (_, BlockClass::Enacting) => body.begin_part(),
                (_, BlockClass::Adoption(adoption)) => {
                    body.awaiting_meeting =
                        adoption.meeting.is_none() && self.meta.adoption.is_none();
                    self.record_adoption(adoption, block.span);
                    body.part = Part::Trailing;
                }
                (part, BlockClass::Prose { annex: true, .. })
                    if part == Part::Operative || !body.operative.is_empty() =>
                {
                    body.keep_as_annex(block);
                    body.part = Part::Trailing;
                }
                (_, BlockClass::Prose { finite, .. })
                    if body.continues_last(&block.text, finite) =>
                {
                    body.extend_last(block);
                }
                (_, BlockClass::Prose { .. }) if body.quotes_into_last(&block.text) => {
                    body.take_quotation(block, &mut self.warnings);
                }
                (_, BlockClass::Numbered { number, text }) => {
                    body.push_numbered(number, text, block.span);
                }
                (_, BlockClass::Labelled { label, text }) => {
                    body.push_labelled(label, text, block.span, &mut self.warnings);
                }
                (
                    _,
                    BlockClass::Prose {
                        heading: Some(heading),
                        ..
                    },
                ) if body.admits_heading() => {
                    self.open_section(&mut body, heading, block.span);
                }
                (_, BlockClass::Prose { mood, .. }) if body.opens_that_clause(&block.text) => {
                    // The chapeau ("Resolves:") opens the first clause: a reader counts the
                    // clauses, "Resolves: That ..." being the first.
                    if body.last_is_chapeau() {
                        body.extend_last(block);
                    } else {
                        body.push_paragraph(mood, block, &mut self.warnings);
                    }
                }
                (_, BlockClass::Prose { mood, .. }) if body.is_list_item(mood) => {
                    body.push_list_item(block, &mut self.warnings);
                }
                (_, BlockClass::Prose { mood, .. }) => {
                    body.push_paragraph(mood, block, &mut self.warnings);
                }
            }
        }
        body
    }

    /// Opens a section; a printed label prefixes the element ids of its paragraphs.
    fn open_section(&mut self, body: &mut Body, heading: Heading, span: Span) {
        if let Some(printed) = &heading.label {
            self.labelled_sections.insert(printed.clone());
        }
        body.open_section(heading, span);
    }

    /// Prose that opens with the number the sequence expects as OCR misreads it ("S." for
    /// 5, "ll." for 11), followed by a verb of the lexicon, is that numbered paragraph.
    fn read_misread_number(
        &mut self,
        class: BlockClass,
        text: &str,
        body: &Body,
        span: Span,
    ) -> BlockClass {
        if !matches!(class, BlockClass::Prose { .. }) || body.part == Part::Trailing {
            return class;
        }
        let Some(c) = MISREAD_NUMBERED.captures(text) else {
            return class;
        };
        let printed = &c[1];
        let read: String = printed
            .chars()
            .map(|ch| match ch {
                'S' => '5',
                'l' | 'I' => '1',
                'O' => '0',
                digit => digit,
            })
            .collect();
        let expected = read
            .parse::<u32>()
            .is_ok_and(|n| body.expected_numbers().contains(&n));
        let verb_follows = self.lexicon.opening(&c[2]).is_some_and(|o| o.known);
        if !expected || !verb_follows {
            return class;
        }
        self.warn(
            span.line,
            format!("paragraph number \"{printed}.\" read as {read}: an OCR misreading"),
        );
        BlockClass::Numbered {
            number: read,
            text: c[2].to_string(),
        }
    }

    /// What a body block is, from its text alone.
    fn classify(&self, text: &str) -> BlockClass {
        if let Some(adoption) = header::adoption(text) {
            return BlockClass::Adoption(adoption);
        }
        // An enacting formula ends with its comma ("The Security Council,"); a short line
        // naming a body without one may be a heading.
        if text.trim_end().ends_with(',') && header::enacting_body(text).is_some() {
            return BlockClass::Enacting;
        }
        if let Some(c) = NUMBERED.captures(text) {
            return BlockClass::Numbered {
                number: c[1].to_string(),
                text: c[2].to_string(),
            };
        }
        if let Some(c) = LABELLED.captures(text) {
            return BlockClass::Labelled {
                label: c[1].to_string(),
                text: c[2].to_string(),
            };
        }
        let opening = self.lexicon.opening(text);
        let heading = section_heading(text).filter(|h| !self.opens_like_paragraph(text, h));
        if heading
            .as_ref()
            .is_some_and(|h| h.label.is_none() && self.repeats_title(text))
        {
            return BlockClass::RunningHeader;
        }
        // A person's name opens with a title, not a verb ("Ms." is no third person).
        let mood = match &opening {
            Some(o) if !PERSON.is_match(text) => o.mood,
            _ => Mood::Unknown,
        };
        BlockClass::Prose {
            mood,
            finite: opening.is_some_and(|o| o.is_finite()),
            heading,
            annex: ANNEX.is_match(text),
        }
    }

    /// Whether a heading-shaped block opens like a paragraph: with a verb form of the
    /// lexicon (its own, or its heading's after the label: "B. Demands that ..."), or with a
    /// participle clause the lexicon lacks ("Having listened to").
    fn opens_like_paragraph(&self, text: &str, heading: &Heading) -> bool {
        let opens_clause = |t: &str| {
            self.lexicon.opening(t).is_some_and(|o| o.known) || PARTICIPLE_CLAUSE.is_match(t)
        };
        opens_clause(text) || heading.text.as_deref().is_some_and(opens_clause)
    }

    /// Whether a short line repeats the document's title: a running page header.
    fn repeats_title(&self, text: &str) -> bool {
        let Some(title) = &self.meta.title else {
            return false;
        };
        let (line, title) = (words_of(text), words_of(&title.value));
        // A truncated title, or a header cut short, still repeats it from three words on.
        let shorter = line.len().min(title.len());
        line == title || shorter >= 3 && line[..shorter] == title[..shorter]
    }

    /// Completes an adoption line that stopped before its meeting with the block that
    /// prints it ("Adopted unanimously at the" + "2351st meeting.").
    fn complete_adoption(&mut self, block: &RawBlock) {
        let Some(field) = self.meta.adoption.as_mut() else {
            return;
        };
        let text = format!("{} {}", field.value.text, block.text);
        if let Some(whole) = header::adoption(&text) {
            field.value = whole;
            field.span.end = block.span.end;
        }
    }

    /// The adoption line ends the resolution; the first one gives the adoption (and the
    /// date, if the header had none).
    fn record_adoption(&mut self, adoption: Adoption, span: Span) {
        if self.meta.adoption.is_none() {
            if self.meta.date.is_none()
                && let Some(d) = adoption.date
            {
                self.meta.date = Some(Field { value: d, span });
            }
            self.meta.adoption = Some(Field {
                value: adoption,
                span,
            });
        }
        self.meta.kind.get_or_insert(DocumentKind::Resolution);
    }

    /// Turns the body into the document: numbering checks, footnote markers, eIds.
    fn finish_document(
        mut self,
        body: Body,
        mut footnotes: BTreeMap<String, Footnote>,
    ) -> Document {
        if body.operative.is_empty() {
            let line = body.preamble.last().map_or(1, |p| p.span.line);
            self.warn(line, "no operative part found");
        }
        self.check_numbers(&body.operative);
        // Footnote markers: strong ones everywhere, plain ones for footnotes without.
        let numbers: BTreeSet<u32> = footnotes.keys().filter_map(|k| k.parse().ok()).collect();
        let mut strong = BTreeSet::new();
        for d in body.preamble.iter().chain(&body.operative) {
            collect_strong(d, &mut strong);
        }
        let markers = Markers {
            numbers: &numbers,
            strong: &strong,
        };
        let preamble = self.finish(
            body.preamble,
            ParagraphKind::Preambular,
            "preamble__para",
            &markers,
            &mut footnotes,
        );
        let operative = self.finish(
            body.operative,
            ParagraphKind::Operative,
            "para",
            &markers,
            &mut footnotes,
        );
        let mut notes: Vec<Footnote> = footnotes.into_values().collect();
        notes.sort_by_key(|f| (f.marker.parse::<u32>().unwrap_or(u32::MAX), f.span.start));
        self.warn_uncited_footnotes(&notes, &body.annexes, &markers);
        self.settle_kind();
        self.warnings.sort_by_key(|w| w.line);
        Document {
            layout: self.layout,
            metadata: self.meta,
            preamble,
            operative,
            footnotes: notes,
            sections: body.sections,
            annexes: body.annexes,
            warnings: self.warnings,
        }
    }

    /// Warns of footnotes no paragraph cites; those cited from an annex or the adoption
    /// line are not orphans, though annexes are kept apart.
    fn warn_uncited_footnotes(
        &mut self,
        notes: &[Footnote],
        annexes: &[Block],
        markers: &Markers<'_>,
    ) {
        let adoption_text = self
            .meta
            .adoption
            .as_ref()
            .map(|a| a.value.text.clone())
            .unwrap_or_default();
        let from_annexes: BTreeSet<String> = annexes
            .iter()
            .map(|a| a.text.as_str())
            .chain([adoption_text.as_str()])
            .flat_map(|t| markers::find(t, markers.numbers, markers.strong))
            .map(|m| m.number)
            .collect();
        for note in notes {
            if note.cited_by.is_empty() && !from_annexes.contains(&note.marker) {
                self.warn(
                    note.span.line,
                    format!("footnote {} is not cited by any paragraph", note.marker),
                );
            }
        }
    }

    /// A document that did not say what it is: a draft if its symbol is one ("/L."),
    /// else a resolution.
    fn settle_kind(&mut self) {
        if self.meta.kind.is_none() {
            let is_draft = self
                .meta
                .symbol
                .as_ref()
                .is_some_and(|s| s.value.contains("/L."));
            self.meta.kind = Some(if is_draft {
                DocumentKind::DraftResolution
            } else {
                DocumentKind::Resolution
            });
        }
    }
    /// Reads YAML front matter; returns the byte offset where the body starts.
    fn front_matter(&mut self) -> usize {
        let src = self.source;
        let Some(rest) = src
            .strip_prefix("---\n")
            .or_else(|| src.strip_prefix("---\r\n"))
        else {
            return 0;
        };
        let Some(close) = rest.find("\n---").map(|i| i + 1) else {
            self.warn(
                1,
                "front matter opened with --- but never closed; read as text",
            );
            return 0;
        };
        let yaml = &rest[..close];
        let body_start = src.len() - rest.len() + close + 3;
        self.layout = Layout::Markdown;
        match serde_yaml_ng::from_str::<BTreeMap<String, serde_yaml_ng::Value>>(yaml) {
            Ok(map) => {
                let span_of = |key: &str| {
                    let offset = yaml.find(&format!("{key}:")).unwrap_or(0);
                    let start = src.len() - rest.len() + offset;
                    let end = start + yaml[offset..].find('\n').unwrap_or(0);
                    Span {
                        start,
                        end,
                        line: src[..start].matches('\n').count() + 1,
                    }
                };
                let text = |key: &str| match map.get(key) {
                    Some(serde_yaml_ng::Value::String(s)) => Some(s.trim().to_string()),
                    Some(serde_yaml_ng::Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                };
                if let Some(symbol) = text("symbol").filter(|s| !s.is_empty()) {
                    self.meta.symbol = Some(Field {
                        value: symbol,
                        span: span_of("symbol"),
                    });
                }
                if let Some(title) = text("title").filter(|s| !s.is_empty()) {
                    let title = title.trim_end_matches([':', ' ', ',']).to_string();
                    self.meta.title = Some(Field {
                        value: title,
                        span: span_of("title"),
                    });
                }
                if let Some(date) = text("date") {
                    match chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                        Ok(d) => {
                            self.meta.date = Some(Field {
                                value: d,
                                span: span_of("date"),
                            })
                        }
                        Err(_) => self.warn(
                            span_of("date").line,
                            format!("front matter date {date:?} is not YYYY-MM-DD"),
                        ),
                    }
                }
                self.meta.record_id = text("record_id");
                self.meta.source_pdf = text("source_pdf");
                self.meta.language = text("language");
            }
            Err(e) => {
                let line = e.location().map_or(1, |l| l.line() + 1);
                self.warn(
                    line,
                    format!("front matter is not valid YAML ({e}); metadata taken from the text"),
                );
            }
        }
        body_start.min(src.len())
    }

    fn lines(&self, from: usize) -> Vec<Line<'s>> {
        let mut out = Vec::new();
        let mut start = from;
        let first = self.source[..from].matches('\n').count() + 1;
        for (number, raw) in (first..).zip(self.source[from..].split_inclusive('\n')) {
            let text = raw.trim_end_matches(['\n', '\r']);
            out.push(Line {
                text,
                start,
                number,
            });
            start += raw.len();
        }
        out
    }

    /// Groups lines into blocks; returns text blocks and footnote blocks apart.
    fn blocks(&mut self, lines: &[Line<'s>]) -> (Vec<RawBlock>, Vec<Vec<Line<'s>>>) {
        let plain_footnotes = self.layout == Layout::Ocr;
        let mut blocks = Vec::new();
        let mut footnote_blocks = Vec::new();
        let mut current: Vec<Line<'s>> = Vec::new();
        let mut in_footnote = false;
        let flush = |current: &mut Vec<Line<'s>>,
                     in_footnote: bool,
                     blocks: &mut Vec<RawBlock>,
                     notes: &mut Vec<Vec<Line<'s>>>| {
            if current.is_empty() {
                return;
            }
            if in_footnote {
                notes.push(std::mem::take(current));
            } else {
                blocks.push(join(current));
                current.clear();
            }
        };
        for line in lines {
            let t = line.text.trim();
            if t.is_empty() || t.chars().all(|c| c.is_control() || c.is_whitespace()) {
                // A Markdown footnote goes on over indented lines after a blank one.
                flush(&mut current, in_footnote, &mut blocks, &mut footnote_blocks);
                in_footnote = false;
                continue;
            }
            let is_note = FN_MARKDOWN.is_match(t)
                || FN_SUPERSCRIPT.is_match(t)
                || FN_SLASH.is_match(t)
                || (plain_footnotes
                    && current.is_empty()
                    && FN_PLAIN.is_match(t)
                    && !NUMBERED.is_match(t)
                    && !DATE_START.is_match(t));
            if is_note && !in_footnote {
                flush(&mut current, in_footnote, &mut blocks, &mut footnote_blocks);
                in_footnote = true;
            }
            if in_footnote {
                current.push(*line);
                continue;
            }
            // An enacting formula stands alone, whatever follows it.
            if header::enacting_body(t).is_some() {
                flush(&mut current, false, &mut blocks, &mut footnote_blocks);
                current.push(*line);
                flush(&mut current, false, &mut blocks, &mut footnote_blocks);
                continue;
            }
            // A numbered or labelled line, or one opening with a verb form of the lexicon,
            // after a line that closed a clause starts a new block.
            let starts_new = NUMBERED.is_match(t)
                || LABELLED.is_match(t)
                || header::adoption(t).is_some()
                || t.starts_with(char::is_uppercase)
                    && self.lexicon.opening(t).is_some_and(|o| o.known);
            let after_closed_clause = current.last().is_some_and(|prev| closes_clause(prev.text));
            if starts_new && after_closed_clause || self.ends_preamble(&current, t) {
                flush(&mut current, false, &mut blocks, &mut footnote_blocks);
            }
            current.push(*line);
        }
        flush(&mut current, in_footnote, &mut blocks, &mut footnote_blocks);
        // Page furniture.
        let mut seen_symbol_line = false;
        blocks.retain(|b| {
            if FURNITURE.is_match(b.text.trim()) {
                return false;
            }
            let is_symbol = b.text.len() < 40
                && b.text.starts_with(['A', 'S', 'E'])
                && b.text.contains("/RES/")
                && !b.text.contains(' ')
                || b.text.len() < 30 && b.text.starts_with("S/RES/");
            if is_symbol {
                let keep = !seen_symbol_line;
                seen_symbol_line = true;
                return keep;
            }
            true
        });
        (blocks, footnote_blocks)
    }

    /// Whether line `t` opens the operative part after the preambular paragraph that
    /// `current` holds: a capitalised finite verb ends a participle clause, whatever the
    /// clause ended with (OCR loses commas; "... the United Nations 12" / "Recommends").
    fn ends_preamble(&self, current: &[Line<'s>], t: &str) -> bool {
        let Some(first) = current.first() else {
            return false;
        };
        let preambular = |text: &str| {
            self.lexicon
                .opening(text)
                .is_some_and(|o| o.known && o.mood == Mood::Preambular)
        };
        t.starts_with(char::is_uppercase)
            && self.lexicon.opening(t).is_some_and(|o| o.is_finite())
            && preambular(first.text.trim())
    }

    /// Reads footnote blocks; a block may hold several footnotes.
    fn footnotes(&mut self, blocks: &[Vec<Line<'s>>]) -> BTreeMap<String, Footnote> {
        let mut out: BTreeMap<String, Footnote> = BTreeMap::new();
        for block in blocks {
            let mut current: Option<Footnote> = None;
            for line in block {
                let t = line.text.trim();
                let start = line.start + (line.text.len() - line.text.trim_start().len());
                let head = if let Some(c) = FN_MARKDOWN.captures(t) {
                    Some((c[1].to_string(), c[2].to_string()))
                } else if let Some(c) = FN_SUPERSCRIPT.captures(t) {
                    markers::superscript_number(&c[1]).map(|n| (n, c[2].to_string()))
                } else if let Some(c) = FN_SLASH.captures(t) {
                    Some((c[1].to_string(), c[2].to_string()))
                } else {
                    FN_PLAIN
                        .captures(t)
                        .filter(|_| self.layout == Layout::Ocr)
                        .map(|c| (c[1].to_string(), c[2].to_string()))
                };
                match (head, current.as_mut()) {
                    (Some((marker, text)), _) => {
                        if let Some(done) = current.take() {
                            self.add_footnote(&mut out, done);
                        }
                        current = Some(Footnote {
                            marker,
                            text,
                            span: Span {
                                start,
                                end: start + t.len(),
                                line: line.number,
                            },
                            cited_by: Vec::new(),
                        });
                    }
                    (None, Some(note)) => {
                        note.text.push(' ');
                        note.text.push_str(t);
                        note.span.end = start + t.len();
                    }
                    (None, None) => {}
                }
            }
            if let Some(done) = current.take() {
                self.add_footnote(&mut out, done);
            }
        }
        out
    }

    fn add_footnote(&mut self, out: &mut BTreeMap<String, Footnote>, mut note: Footnote) {
        note.text = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if out.contains_key(&note.marker) {
            self.warn(
                note.span.line,
                format!("footnote {} printed twice; the first is kept", note.marker),
            );
            return;
        }
        out.insert(note.marker.clone(), note);
    }

    /// Whether a block of the header region already looks like the first paragraph.
    fn starts_paragraph(&self, text: &str) -> bool {
        if NUMBERED.is_match(text) {
            return true;
        }
        text.len() > 60
            && text.ends_with([',', ';', ':', '.'])
            && self
                .lexicon
                .opening(text)
                .is_some_and(|o| o.mood != Mood::Unknown)
    }

    fn check_numbers(&mut self, operative: &[Draft]) {
        let mut previous: Option<(u32, Option<&str>)> = None;
        let mut seen = BTreeSet::new();
        for d in operative {
            let Some(n) = d.number.as_deref().and_then(|n| n.parse::<u32>().ok()) else {
                continue;
            };
            let section = d.section.as_deref();
            if !seen.insert((section, n)) {
                self.warn(
                    d.span.line,
                    format!("operative paragraph {n} is numbered twice"),
                );
            } else if let Some((p, s)) = previous
                && s == section
                && n != p + 1
            {
                self.warn(
                    d.span.line,
                    format!("operative paragraph {n} follows {p}: numbering skips or goes back"),
                );
            }
            previous = Some((n, section));
        }
    }

    /// Turns drafts into paragraphs: eIds, opening phrases, footnote markers.
    fn finish(
        &mut self,
        drafts: Vec<Draft>,
        kind: ParagraphKind,
        prefix: &str,
        markers: &Markers<'_>,
        footnotes: &mut BTreeMap<String, Footnote>,
    ) -> Vec<Paragraph> {
        let eids = self.paragraph_eids(&drafts, kind, prefix);
        let mut out = Vec::with_capacity(drafts.len());
        for ((i, d), eid) in drafts.into_iter().enumerate().zip(eids) {
            out.push(self.finish_one(d, kind, eid, i + 1, markers, footnotes));
        }
        out
    }

    /// The element ids of a run of paragraphs (preamble or operative part).
    ///
    /// - A numbered operative paragraph is `para_<number>` whatever section it stands in,
    ///   so that "paragraph 13 of resolution 687 (1991)" names it; only a document that
    ///   numbers each section afresh (the same number printed in two sections) keeps the
    ///   section in the id: `sec_B__para_2`.
    /// - An unnumbered paragraph is named by its position: operative ones by their position
    ///   in the operative part, preambular ones by their position in their part's preamble,
    ///   both prefixed with a printed section label (`sec_B__para_5`,
    ///   `sec_A__preamble__para_2`).
    ///
    /// Numbered paragraphs claim their ids first; a paragraph whose id is already taken (a
    /// number printed twice, a position equal to a printed number) gets `_<position>`
    /// appended, so ids never collide.
    fn paragraph_eids(&self, drafts: &[Draft], kind: ParagraphKind, prefix: &str) -> Vec<String> {
        let numbered_per_section = numbering_restarts_in_sections(drafts);
        let mut per_base: BTreeMap<String, usize> = BTreeMap::new();
        let mut wanted = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.iter().enumerate() {
            let position = i + 1;
            let labelled = d
                .section
                .as_ref()
                .filter(|s| self.labelled_sections.contains(*s));
            let section_prefix = match (&d.number, kind) {
                (Some(_), ParagraphKind::Operative) if numbered_per_section => d.section.as_ref(),
                (Some(_), ParagraphKind::Operative) => None,
                _ => labelled,
            };
            let base = match section_prefix {
                Some(s) => format!("sec_{}__{prefix}", eid_safe(s)),
                None => prefix.to_string(),
            };
            let in_base = per_base.entry(base.clone()).or_default();
            *in_base += 1;
            let ordinal = match kind {
                ParagraphKind::Preambular => *in_base,
                _ => position,
            };
            let name = d.number.as_deref().map_or(ordinal.to_string(), eid_safe);
            wanted.push(format!("{base}_{name}"));
        }
        // Numbered paragraphs first, then the others, each taking its id if still free.
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&i| drafts[i].number.is_none());
        let mut used = BTreeSet::new();
        let mut eids = vec![String::new(); drafts.len()];
        for i in order {
            let mut eid = wanted[i].clone();
            if !used.insert(eid.clone()) {
                eid = format!("{eid}_{}", i + 1);
                used.insert(eid.clone());
            }
            eids[i] = eid;
        }
        eids
    }

    /// One paragraph and its sub-paragraphs: markers taken out, opening phrase found.
    fn finish_one(
        &mut self,
        d: Draft,
        kind: ParagraphKind,
        eid: String,
        position: usize,
        markers: &Markers<'_>,
        footnotes: &mut BTreeMap<String, Footnote>,
    ) -> Paragraph {
        let found = markers::find(&d.text, markers.numbers, markers.strong);
        let mut cited = Vec::new();
        for m in &found {
            match footnotes.get_mut(&m.number) {
                Some(note) => {
                    if !note.cited_by.contains(&eid) {
                        note.cited_by.push(eid.clone());
                    }
                    if !cited.contains(&m.number) {
                        cited.push(m.number.clone());
                    }
                }
                None => self.warn(
                    d.span.line,
                    format!("footnote marker {} has no footnote text", m.number),
                ),
            }
        }
        let (text, offsets) = markers::strip_with_offsets(&d.text, &found);
        let cited: Vec<FootnoteRef> = cited
            .into_iter()
            .map(|marker| {
                let at = found
                    .iter()
                    .position(|m| m.number == marker)
                    .map_or(0, |i| offsets[i]);
                FootnoteRef { marker, at }
            })
            .collect();
        let opening = self.lexicon.opening(&text);
        let opening_phrase = opening.as_ref().map(|o| o.phrase.clone());
        let opening = opening.filter(|o| o.known).map(|o| Opening {
            verb: o.verb,
            start: o.verb_range.start,
            end: o.verb_range.end,
        });
        let mut children = Vec::with_capacity(d.children.len());
        let mut used = BTreeSet::new();
        for (i, c) in d.children.into_iter().enumerate() {
            let label = c.number.as_deref().map_or((i + 1).to_string(), eid_safe);
            let mut child_eid = format!("{eid}__list_1__point_{label}");
            if !used.insert(child_eid.clone()) {
                child_eid = format!("{child_eid}_{}", i + 1);
            }
            children.push(self.finish_one(
                c,
                ParagraphKind::SubParagraph,
                child_eid,
                i + 1,
                markers,
                footnotes,
            ));
        }
        Paragraph {
            kind,
            eid,
            position,
            number: d.number,
            section: d.section,
            opening_phrase,
            opening,
            text,
            span: d.span,
            footnotes: cited,
            subparagraphs: children,
        }
    }
}

/// Whether the operative part numbers its sections afresh: a number printed in two
/// different sections.
fn numbering_restarts_in_sections(drafts: &[Draft]) -> bool {
    let mut section_of: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    drafts.iter().any(|d| {
        let Some(n) = d.number.as_deref() else {
            return false;
        };
        let section = d.section.as_deref();
        *section_of.entry(n).or_insert(section) != section
    })
}

fn eid_safe(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn collect_strong(d: &Draft, out: &mut BTreeSet<u32>) {
    for m in markers::find(&d.text, &BTreeSet::new(), &BTreeSet::new()) {
        if let Ok(n) = m.number.parse() {
            out.insert(n);
        }
    }
    for c in &d.children {
        collect_strong(c, out);
    }
}

/// Joins the lines of a block: wraps become spaces, a hyphen at a wrap stays and joins.
fn join(lines: &[Line<'_>]) -> RawBlock {
    let mut text = String::new();
    for line in lines {
        let t = line.text.trim();
        if !text.is_empty() && !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(t);
    }
    let text = if text.contains("  ") || text.contains('\t') {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text
    };
    let first = lines.first().expect("non-empty block");
    let last = lines.last().expect("non-empty block");
    let lead = first.text.len() - first.text.trim_start().len();
    RawBlock {
        text,
        span: Span {
            start: first.start + lead,
            end: last.start + last.text.trim_end().len(),
            line: first.number,
        },
    }
}

fn detect_layout(source: &str, body_start: usize, lines: &[Line<'_>]) -> Layout {
    if body_start > 0 {
        return Layout::Markdown;
    }
    let body = &source[body_start..];
    if body.contains(['¹', '²', '³', '⁴', '⁵']) || body.contains("[^") {
        return Layout::PdfText;
    }
    // OCR: most paragraphs wrapped over several short lines.
    let non_blank: Vec<&Line<'_>> = lines.iter().filter(|l| !l.text.trim().is_empty()).collect();
    let wrapped = lines
        .windows(2)
        .filter(|w| !w[0].text.trim().is_empty() && !w[1].text.trim().is_empty())
        .count();
    if !non_blank.is_empty() && wrapped * 3 >= non_blank.len() {
        Layout::Ocr
    } else {
        Layout::PdfText
    }
}

/// Whether `next` continues the paragraph whose text so far is `previous`.
fn is_continuation(previous: &str, next: &str) -> bool {
    if NUMBERED.is_match(next) || LABELLED.is_match(next) {
        return false;
    }
    let starts_lower = next.starts_with(|c: char| c.is_lowercase());
    let open = !closes_clause(previous);
    starts_lower || (open && !next.starts_with(['[', '(']))
}

/// Whether a text ends a clause (final punctuation), footnote markers aside.
fn closes_clause(previous: &str) -> bool {
    // Footnote markers at the end do not count: "terrorism,³", "peace,1", "ones[^2]".
    let mut prev = previous
        .trim_end()
        .trim_end_matches(['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']);
    if let Some(i) = prev.rfind("[^")
        && prev.ends_with(']')
    {
        prev = &prev[..i];
    }
    let without_digits = prev.trim_end_matches(|c: char| c.is_ascii_digit());
    if without_digits.len() < prev.len()
        && without_digits.trim_end().ends_with([',', ';', '.', ':'])
    {
        prev = without_digits;
    }
    if let Some(stripped) = prev.strip_suffix('/')
        && stripped.ends_with(|c: char| c.is_ascii_digit())
    {
        prev = stripped.trim_end_matches(|c: char| c.is_ascii_digit());
    }
    let prev = prev
        .trim_end()
        .trim_end_matches(['"', '”', '’', ')', ']', '*']);
    prev.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// The label of the first part of a resolution in parts: a lone first label ("A", "I")
/// printed just before the enacting formula at `enacting`.
fn first_part_label(blocks: &[RawBlock], enacting: usize) -> Option<(Heading, Span)> {
    let before = blocks.get(enacting.checked_sub(1)?)?;
    let heading = section_heading(before.text.trim())?;
    let first = heading
        .label
        .as_deref()
        .is_some_and(|l| matches!(l, "A" | "I"));
    (first && heading.text.is_none()).then_some((heading, before.span))
}

/// A section heading, if `text` has the shape of one: a printed label ("A", "II.") with an
/// optional heading, or a short line without final punctuation. The heading text is never
/// an adoption line ("Adopted unanimously at the") nor quoted text ("“Rule 58"). Whether
/// it opens like a paragraph is [`Parser::opens_like_paragraph`]'s question; whether it
/// stands where a heading can, [`Body::admits_heading`]'s.
fn section_heading(text: &str) -> Option<Heading> {
    if text.len() > 120 {
        return None;
    }
    let (label, heading) = match SECTION.captures(text) {
        Some(c) => (Some(c[1].to_string()), c.get(2).map(|h| h.as_str().trim())),
        None => (None, Some(text)),
    };
    if let Some(h) = heading
        && !is_heading_text(h)
    {
        return None;
    }
    Some(Heading {
        label,
        text: heading.map(str::to_string),
    })
}

/// Whether `text` can be a heading's words: a short capitalised line without final
/// punctuation that is not an adoption line, opens no quotation and names no person (a
/// list of candidates: "Mr. A. B. NAME (Country)").
fn is_heading_text(text: &str) -> bool {
    let opens_quote = text.contains(['“', '«']) && !text.contains(['”', '»'])
        || text.matches('"').count() % 2 == 1;
    is_short_line(text) && !text.starts_with("Adopted") && !opens_quote && !PERSON.is_match(text)
}

/// A short capitalised line without final punctuation: at most 12 words.
fn is_short_line(text: &str) -> bool {
    text.starts_with(char::is_uppercase)
        && !text.trim_end().ends_with([',', ';', ':', '.'])
        && text.split_whitespace().count() <= 12
}

/// The words of `text`, lower case, without punctuation: for comparing titles.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn get<'a>(list: &'a [Draft], path: &[usize]) -> &'a Draft {
    let mut d = &list[path[0]];
    for &i in &path[1..] {
        d = &d.children[i];
    }
    d
}

fn get_mut<'a>(list: &'a mut [Draft], path: &[usize]) -> &'a mut Draft {
    let mut d = &mut list[path[0]];
    for &i in &path[1..] {
        d = &mut d.children[i];
    }
    d
}

fn style_of(label: &str) -> Style {
    if label.chars().all(|c| c.is_ascii_digit()) {
        Style::Digit
    } else if label.chars().all(|c| "ivxlc".contains(c)) {
        Style::Roman
    } else {
        Style::Letter
    }
}

fn successor(style: Style, label: &str) -> Option<String> {
    match style {
        Style::Digit => label.parse::<u32>().ok().map(|n| (n + 1).to_string()),
        Style::Letter => {
            let c = label.chars().last()?;
            // Labels of other scripts ("(𝟿)", read as a letter) have no successor; adding
            // one to the byte of a non-ASCII char could overflow.
            if !c.is_ascii_lowercase() {
                return None;
            }
            if c == 'z' {
                Some("aa".into())
            } else if label.len() == 2 {
                Some(format!("{c}{c}").replace(c, &char::from(c as u8 + 1).to_string()))
            } else {
                Some(char::from(c as u8 + 1).to_string())
            }
        }
        Style::Roman => {
            const ROMANS: [&str; 20] = [
                "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
                "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
            ];
            let i = ROMANS.iter().position(|r| *r == label)?;
            ROMANS.get(i + 1).map(|s| s.to_string())
        }
        Style::Unlabelled => None,
    }
}

fn first_label(label: &str) -> bool {
    matches!(label, "a" | "i" | "1")
}

/// Places a sub-paragraph under the paragraph at `path[0]`, at the right depth.
/// Returns the path of the new sub-paragraph.
fn place_child(
    list: &mut [Draft],
    path: Option<&[usize]>,
    label: Option<&str>,
    text: String,
    span: Span,
    warnings: &mut Vec<Warning>,
) -> Vec<usize> {
    let mut path: Vec<usize> = path.map_or_else(|| vec![list.len() - 1], <[usize]>::to_vec);
    // Resolutions nest three or four levels; deeper lists are kept flat at a fixed depth, so
    // that hostile input cannot exhaust the stack or time.
    const MAX_DEPTH: usize = 8;
    if path.len() > MAX_DEPTH {
        path.truncate(MAX_DEPTH);
        let message = format!(
            "sub-paragraphs nested deeper than {MAX_DEPTH} levels are kept at level {MAX_DEPTH}"
        );
        if warnings.last().is_none_or(|w| w.message != message) {
            warnings.push(Warning {
                line: span.line,
                message,
            });
        }
    }
    let new = |style: Style| Draft {
        number: label.map(str::to_string),
        label_style: Some(style),
        text: text.clone(),
        span,
        children: Vec::new(),
        section: None,
    };
    let Some(label) = label else {
        // Unlabelled: under a chapeau that ends with ":", else beside the current item.
        let current = get(list, &path);
        if current.text.trim_end().ends_with(':') || path.len() == 1 {
            let parent = get_mut(list, &path);
            parent.children.push(new(Style::Unlabelled));
            let mut p = path.clone();
            p.push(parent.children.len() - 1);
            return p;
        }
        let parent = get_mut(list, &path[..path.len() - 1]);
        parent.children.push(new(Style::Unlabelled));
        let mut p = path[..path.len() - 1].to_vec();
        p.push(parent.children.len() - 1);
        return p;
    };
    // A sibling at some depth, deepest first: the label follows that level's last label.
    for depth in (1..path.len()).rev() {
        let item = get(list, &path[..=depth]);
        if let (Some(style), Some(prev)) = (item.label_style, item.number.as_deref())
            && successor(style, prev).as_deref() == Some(label)
        {
            let parent = get_mut(list, &path[..depth]);
            parent.children.push(new(style));
            let mut p = path[..depth].to_vec();
            p.push(parent.children.len() - 1);
            return p;
        }
    }
    let style = style_of(label);
    let style = if style == Style::Roman && label.len() == 1 && !first_label(label) {
        Style::Letter
    } else {
        style
    };
    // The first label of a new list: nested under the deepest item.
    if first_label(label) {
        let parent = get_mut(list, &path);
        parent.children.push(new(style));
        let mut p = path.clone();
        p.push(parent.children.len() - 1);
        return p;
    }
    // Out of sequence: beside the deepest item of the same style, else nested; warn.
    let depth = (1..path.len())
        .rev()
        .find(|&d| get(list, &path[..=d]).label_style == Some(style));
    warnings.push(Warning {
        line: span.line,
        message: format!("sub-paragraph ({label}) is out of sequence"),
    });
    let parent_path = depth.map_or_else(|| path.clone(), |d| path[..d].to_vec());
    let parent = get_mut(list, &parent_path);
    parent.children.push(new(style));
    let mut p = parent_path;
    p.push(parent.children.len() - 1);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_rules() {
        let rows = [
            (
                "countering terrorism and",
                "preventing violent extremism",
                true,
            ),
            (
                "taking into account their particular circumstances,",
                "including the national context",
                true,
            ),
            (
                "encourages the United Nations Office on Drugs and",
                "Crime, in cooperation with",
                true,
            ),
            (
                "Recalling its resolution 74/175,",
                "Reaffirming the need",
                false,
            ),
            (
                "Requests the Secretary-General to report;",
                "2. Decides",
                false,
            ),
            (
                "Requests the Secretary-General to report;",
                "(a) To report",
                false,
            ),
            ("related to terrorism,³", "Noting the ongoing work", false),
            (
                "peacebuilding and sustaining peace,1",
                "Reaffirming that",
                false,
            ),
            ("letter dated 21 November 2024,4", "Affirming that", false),
            (
                "the Mediator dated 5 July 1948, 29",
                "Addresses an urgent appeal",
                false,
            ),
            (
                "for admission to the United Nations, 1/",
                "Recommends to the General Assembly",
                false,
            ),
            ("its most recent ones[^2],", "Recalling", false),
            ("preventing violent extremism¹", "and youth", true),
        ];
        for (prev, next, expected) in rows {
            assert_eq!(is_continuation(prev, next), expected, "{prev} | {next}");
        }
    }

    #[test]
    fn section_headings() {
        // (block text, printed label, heading text); `None` when not a heading.
        type Row<'a> = (&'a str, Option<(Option<&'a str>, Option<&'a str>)>);
        let rows: &[Row<'_>] = &[
            ("A", Some((Some("A"), None))),
            (
                "II. Peacebuilding Fund",
                Some((Some("II"), Some("Peacebuilding Fund"))),
            ),
            (
                "Peacebuilding Commission",
                Some((None, Some("Peacebuilding Commission"))),
            ),
            ("Recalling its resolution,", None),
            ("Peacebuilding Commission.", None),
            // An adoption line cut before its meeting, a quoted rule, a name in a list.
            ("Adopted unanimously at the", None),
            ("CHAPTER X. — ADMISSION OF NEW MEMBERS “Rule 58", None),
            ("Mr. Georges NAME (Egypt)", None),
            // A lettered sentence is a paragraph, not a heading.
            ("G. The Secretary-General shall furnish the staff.", None),
        ];
        for (text, expected) in rows {
            let got = section_heading(text);
            let got = got
                .as_ref()
                .map(|h| (h.label.as_deref(), h.text.as_deref()));
            assert_eq!(got, *expected, "{text}");
        }
    }

    #[test]
    fn headings_follow_closed_clauses() {
        let mut body = Body::default();
        assert!(body.admits_heading(), "no paragraph yet");
        let span = Span::default();
        body.push_numbered("1".into(), "Decides that the".into(), span);
        assert!(!body.admits_heading(), "open clause");
        body.push_numbered(
            "2".into(),
            "Decides to remain seized of the matter;".into(),
            span,
        );
        assert!(body.admits_heading(), "closed clause");
    }

    #[test]
    fn labels_follow() {
        assert_eq!(successor(Style::Letter, "h").as_deref(), Some("i"));
        assert_eq!(successor(Style::Roman, "iii").as_deref(), Some("iv"));
        assert_eq!(successor(Style::Digit, "9").as_deref(), Some("10"));
    }

    /// Byte offsets that fell inside a character, or arithmetic on the byte of a char;
    /// each panicked before. (source, text of every paragraph in document order)
    #[test]
    fn characters_outside_ascii_do_not_break_offsets() {
        let rows: &[(&str, &[&str])] = &[
            // Found by the property tests: a digit of another script (U+16B50) after ASCII
            // digits made a five-"digit" marker candidate, split at byte 4.
            (
                "The General Assembly,\n0\u{3a3}0\u{16b50}",
                &["0\u{3a3}0\u{16b50}"],
            ),
            // The same split for a year with a glued footnote marker ("20242").
            (
                "The General Assembly,\n\nRecalling the year 202\u{16b50} and peace,\n",
                &["Recalling the year 202\u{16b50} and peace,"],
            ),
            // The same split for a marker glued to a comma ("thereto,4").
            (
                "The General Assembly,\n\nRecalling its letter,1\u{16b50} and peace,\n",
                &["Recalling its letter,1\u{16b50} and peace,"],
            ),
            // A label of another script ("(𝟿)", U+1D7FF) read as a letter: its successor
            // was computed from its last byte, 0xFF + 1. Labels are ASCII digits now, so
            // it is an unlabelled item that keeps its "label".
            (
                "The General Assembly,\n\n1. Decides:\n\n(a) first;\n\n(\u{1d7ff}) second;\n\n(x) third.\n",
                &["Decides:", "first;", "(\u{1d7ff}) second;", "third."],
            ),
        ];
        let lexicon = Lexicon::default();
        for (source, expected) in rows {
            let doc = parse(source, &lexicon).unwrap_or_else(|e| panic!("{source:?}: {e}"));
            let all = doc.all_paragraphs();
            let texts: Vec<&str> = all.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(&texts, expected, "{source:?}");
        }
    }

    /// A few verb forms, as `data/verbs.ttl` lists them.
    fn verbs() -> Lexicon {
        let forms = [
            "urges",
            "appeals",
            "requests",
            "decides",
            "welcoming",
            "to call upon",
        ];
        Lexicon {
            verb_forms: forms.iter().map(|f| f.to_string()).collect(),
            ..Lexicon::default()
        }
    }

    /// The printed operative numbers of each source, in order; `None` for unnumbered ones.
    fn operative_numbers(source: &str) -> Vec<Option<String>> {
        let doc = parse(source, &verbs()).expect("parses");
        doc.operative.into_iter().map(|p| p.number).collect()
    }

    #[test]
    fn misread_numbers_are_read_only_in_sequence_before_a_verb() {
        let n = |s: &str| Some(s.to_string());
        let rows: &[(&str, Vec<Option<String>>)] = &[
            // The number the sequence expects, followed by a verb.
            (
                "The Security Council,\n\n4. Urges the parties to stop;\n\nS. Appeals to the parties;\n",
                vec![n("4"), n("5")],
            ),
            // Not the expected number: "S." after 2 is no 5, nor a paragraph number.
            (
                "The Security Council,\n\n2. Urges the parties to stop;\n\nS. Appeals to the parties;\n",
                vec![n("2"), None],
            ),
            // The expected number without a verb: an item of a list, not a paragraph.
            (
                "The Security Council,\n\nDecides:\n\nI. Pumps of medium capacity;\n",
                vec![None],
            ),
            // Numbering restarts in a new part: "l." after its label is 1.
            (
                "The Security Council,\n\n1. Urges the parties to stop;\n\nB\n\nl. Requests the Secretary-General to report;\n",
                vec![n("1"), n("1")],
            ),
        ];
        for (source, expected) in rows {
            assert_eq!(&operative_numbers(source), expected, "{source:?}");
        }
    }

    #[test]
    fn that_clauses_are_paragraphs_only_in_a_list_of_them() {
        let lexicon = verbs();
        // A list of infinitives keeps a that-clause among its items.
        let source = "The Security Council,\n\nDecides:\n\nTo call upon the parties to stop;\n\nThat the Secretary-General report.\n";
        let doc = parse(source, &lexicon).expect("parses");
        assert_eq!(doc.operative.len(), 1);
        assert_eq!(doc.operative[0].subparagraphs.len(), 2);
        // A numbered paragraph's chapeau keeps its that-clauses as items.
        let source = "The Security Council,\n\n1. Decides:\n\nThat a commission be set up;\n\nThat it report.\n";
        let doc = parse(source, &lexicon).expect("parses");
        assert_eq!(doc.operative.len(), 1);
        assert_eq!(doc.operative[0].subparagraphs.len(), 2);
    }

    #[test]
    fn a_body_name_without_its_comma_opens_no_part() {
        let lexicon = verbs();
        let source = "The General Assembly,\n\n1. Decides to act;\n\nThe Peacebuilding Commission\n\nWelcoming its work,\n";
        let doc = parse(source, &lexicon).expect("parses");
        assert_eq!(doc.sections.len(), 1, "{:?}", doc.sections);
        assert!(doc.preamble.is_empty());
        assert_eq!(doc.operative.len(), 2);
    }

    #[test]
    fn numbered_paragraphs_claim_their_ids_first() {
        let text = "S/RES/9999 (1999)\n\nThe Security Council,\n\nRecalling its resolutions,\n\nDecides to act;\n\n1. Requests the Secretary-General to report;\n\n2. Decides to remain seized of the matter.\n";
        let doc = parse(text, &Lexicon::default()).unwrap();
        let eids: Vec<(&str, Option<&str>)> = doc
            .operative
            .iter()
            .map(|p| (p.eid.as_str(), p.number.as_deref()))
            .collect();
        // The unnumbered first paragraph would be para_1 by position: the printed "1" has it.
        assert_eq!(
            eids,
            [
                ("para_1_1", None),
                ("para_1", Some("1")),
                ("para_2", Some("2"))
            ]
        );
    }

    #[test]
    fn empty_and_structureless() {
        let lexicon = Lexicon::default();
        assert_eq!(parse("  \n\n", &lexicon), Err(ParseError::Empty));
        assert!(matches!(
            parse("hello world\nthis is not a resolution", &lexicon),
            Err(ParseError::NoStructure { .. })
        ));
    }
}
