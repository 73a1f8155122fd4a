//! The header: masthead lines, front matter, adoption line.
//!
//! Each field has its own pattern and may stand anywhere in the header, alone on its line
//! or run together with others ("General Assembly Distr.: General 1 December 2025"):
//!
//! ```text
//! distribution   = "Distr.:" ("General" | "Limited") [date]
//! original       = "Original:" language
//! body           = "General Assembly" | "Security Council" | "Economic and Social Council"
//!                | ("Commission" | "Committee" | "Council" | "Conference") ("on"|"of"|"for") words
//! session        = ordinal-words "session"
//! place-dates    = Place "," day ["-" day] month year
//! agenda         = "Agenda item" number ["(" letter ")"] [title]
//! symbol         = "United Nations" symbol | number "(" year ")" ". Resolution of" date
//!                | "Resolution" number "(" year ")" | session "/" number "." title
//! recommendation = "The" body "recommends to the" body ... "draft resolution" ... ":"
//! status note    = "[" text "]"
//! adoption       = "Adopted" [how] "at" ("the" | "its") [meeting] ... | "Adopted" how ...
//!                | ordinal "plenary meeting" date
//! how            = "unanimously" | "without" ["a"] "vote" | "by consensus" | "by" number "votes"
//! meeting        = number [ordinal-ending] ["(closed)"] "meeting"   (OCR: "meet-ing", "2729the")
//! ```
//!
//! An adoption line may stop before its meeting ("Adopted unanimously at the"), the meeting
//! standing on the next block ("2351st meeting."): see [`meeting_line`].

use chrono::NaiveDate;

use crate::model::{Adoption, AgendaItem, DocumentKind, Field, Metadata, Span};

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|[A-Z][a-z]{2}[a-z\]\}\)1l!]{0,7})";

re!(DISTR, r"Distr\.?:?\s*(General|Limited|Restricted)");
re!(ORIGINAL, r"Original:\s*([A-Z][a-z]+)");
re!(
    BODY,
    r"\b(General Assembly|Security Council|Economic and Social Council|Human Rights Council|Trusteeship Council|(?:Commission|Committee|Conference|Board|Council) (?:on|of|for) [A-Z][\w ,'-]*?)(?:\s+(?:Distr|Thirty|Twenty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)|\s*$|\s{2,})"
);
re!(
    SESSION,
    r"\b((?:[A-Z][a-z]+-)?[A-Za-z]+(?:th|st|nd|rd|fth|ieth|ond|ird|irst) (?:special |emergency special )?session)\b"
);
re!(
    PLACE_DATES,
    &format!(
        r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?), ([0-9]{{1,2}})(?:\s*[-–]\s*([0-9]{{1,2}}))? ({MONTHS}) ([0-9]{{4}})"
    )
);
re!(AGENDA, r"Agenda items? ([0-9]+(?:\s?\([a-z]\))?)\s*(.*)$");
re!(
    DATE,
    &format!(r"\b([0-9]{{1,2}}) ({MONTHS})[.,]? ([0-9]{{4}})\b")
);
re!(
    SYMBOL_MASTHEAD,
    r"\b((?:A|S|E|E/CN\.[0-9]+|A/C\.[0-9]+|A/HRC)/(?:RES/)?[\w.]+(?:/[\w.]+)*(?: \([0-9]{4}\))?)"
);
re!(
    UNSC_NUMBER,
    r"^(?i:Resolution )?([0-9]{1,4}) ?\(([0-9]{3}-?[0-9])\)\.?(?: Resolution)?(?: of)?"
);
re!(
    GA_NUMBER,
    r"^([0-9]{1,3})/([0-9]{1,4})(?: ([A-Z]))?\. (.+)$"
);
re!(
    RECOMMENDATION,
    r"^The (.+?) recommends (?:to the (.+?) )?the (?:approval|adoption) of the following draft (resolution|decision)s?(?: for adoption by the (.+?))?:?$"
);
re!(STATUS, r"\[([^\]]{2,200})\]");
re!(
    ADOPTED,
    r"^Adopted(?: unanimously| without (?:a )?vote)?(?: by the [A-Z][\w ]+)? at (?:the|its) ([0-9]+)(?:st|nd|rd|th)? meeting"
);
// What opens an adoption line, whether or not its meeting number is legible.
re!(
    ADOPTED_OPENING,
    r"^Adopted(?:(?: unanimously| without (?:a )?vote| by consensus)?(?: by the [A-Z][\w ]+)? at (?:the|its)\b| (?:unanimously|without (?:a )?vote|by consensus|by [0-9]+ votes?)\b)"
);
// A meeting as OCR prints it: "1612th meet-ing", "2714th (closed) meeting", "2729the meeting",
// "1771st meting".
re!(
    MEETING,
    r"\b([0-9]{1,4})[a-z_]{0,3}\.? ?(?:\([a-z]+\) )?mee?t-? ?ing\b"
);
re!(PLENARY, r"^([0-9]+)(?:st|nd|rd|th) plenary meeting");
re!(
    VOTE,
    r"(unanimously|without (?:a )?vote|by consensus|by [0-9]+ votes?(?: to (?:[0-9]+|none))?(?:,? with [0-9]+ abstentions?)?(?: \([^)]*\))?)"
);
re!(
    ENACTING,
    r"^The ([A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|of|on|and|for|the|to|in))*)\s*,?$"
);

/// Parses "26 May 2023" into a date; `month` is the full or abbreviated name (chrono's
/// `%B`), or an OCR-damaged one whose first three letters still name the month ("Apri]",
/// "Sept", "Decernber").
pub(crate) fn parse_date(day: &str, month: &str, year: &str) -> Option<NaiveDate> {
    let printed = |month: &str, format: &str| {
        NaiveDate::parse_from_str(&format!("{day} {month} {year}"), format).ok()
    };
    printed(month, "%d %B %Y").or_else(|| printed(month.get(..3)?, "%d %b %Y"))
}

/// The first date printed in `text`, with its byte range.
pub(crate) fn find_date(text: &str) -> Option<(NaiveDate, usize, usize)> {
    DATE.captures_iter(text).find_map(|c| {
        let whole = c.get(0)?;
        Some((parse_date(&c[1], &c[2], &c[3])?, whole.start(), whole.end()))
    })
}

/// The body named by an enacting formula ("The General Assembly," -> "General Assembly").
pub(crate) fn enacting_body(text: &str) -> Option<String> {
    const BODY_WORDS: [&str; 8] = [
        "Assembly",
        "Council",
        "Commission",
        "Committee",
        "Conference",
        "Board",
        "Congress",
        "Forum",
    ];
    if text.len() > 120 {
        return None;
    }
    let c = ENACTING.captures(text.trim())?;
    let body = c[1].trim().to_string();
    body.split(' ')
        .any(|w| BODY_WORDS.contains(&w))
        .then_some(body)
}

/// The adoption line, if `text` is one.
pub(crate) fn adoption(text: &str) -> Option<Adoption> {
    let meeting = if let Some(c) = ADOPTED.captures(text) {
        c[1].parse().ok()
    } else if let Some(opening) = ADOPTED_OPENING.find(text) {
        let rest = &text[opening.end()..];
        MEETING.captures(rest).and_then(|c| c[1].parse().ok())
    } else {
        PLENARY.captures(text)?[1].parse().ok()
    };
    let date = find_date(text).map(|(d, ..)| d);
    let vote = VOTE.captures(text).map(|c| c[1].to_string());
    Some(Adoption {
        text: text.to_string(),
        meeting,
        date,
        vote,
    })
}

/// The meeting number of a text that opens with a meeting ("2351st meeting.", "1612th
/// meet-ing by 14 votes"); `None` when it does not, or when OCR garbled the number.
pub(crate) fn meeting_line(text: &str) -> Option<u32> {
    let c = MEETING
        .captures(text)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
    c[1].parse().ok()
}

/// A header block: its text (wraps joined) and span.
pub(crate) struct HeaderBlock<'a> {
    pub text: &'a str,
    pub span: Span,
}

fn sub_span(span: Span, start: usize, end: usize) -> Span {
    // Header blocks are single lines joined with spaces: offsets inside the joined text
    // map onto the source as long as no wrap precedes them; the block span is a safe fallback.
    Span {
        start: span.start + start,
        end: (span.start + end).min(span.end),
        line: span.line,
    }
}

fn field<T>(value: T, span: Span) -> Option<Field<T>> {
    Some(Field { value, span })
}

/// Reads the masthead blocks into `meta`; problems go to `warnings` as (line, message).
///
/// Each block is offered to the steps below in turn; a step that recognises the block
/// takes it whole (recommendation, adoption, resolution numbers, dates), while the
/// masthead fields may share a block. What no step takes is the agenda item's title or
/// the document title.
pub(crate) fn read(
    blocks: &[HeaderBlock<'_>],
    meta: &mut Metadata,
    warnings: &mut Vec<(usize, String)>,
) {
    let mut reader = Reader {
        meta,
        warnings,
        title_from_number: false,
        previous_was_agenda: false,
    };
    for block in blocks {
        reader.block(block.text, block.span);
    }
    date_from_adoption_or_distribution(reader.meta);
}

/// The masthead reader's state between blocks.
struct Reader<'m> {
    meta: &'m mut Metadata,
    warnings: &'m mut Vec<(usize, String)>,
    /// A numbered "80/11. Title" line gave the title: prose lines do not replace it.
    title_from_number: bool,
    /// The previous block was "Agenda item 6 (c)" without a title.
    previous_was_agenda: bool,
}

impl Reader<'_> {
    fn block(&mut self, text: &str, span: Span) {
        let agenda_without_title = std::mem::take(&mut self.previous_was_agenda);
        if self.recommendation(text, span) || self.adoption_line(text, span) {
            return;
        }
        let consumed = self.masthead_fields(text, span);
        if self.security_council_number(text, span)
            || self.general_assembly_number(text, span)
            || self.date_line(text, span)
            || self.resolution_adopted_by(text, span)
        {
            return;
        }
        let Some(rest) = self.strip_status_note(text, span) else {
            return;
        };
        if consumed || text == "United Nations" {
            return;
        }
        // The line after "Agenda item 6 (c)" is the item's title.
        if agenda_without_title && let Some(item) = self.meta.agenda_item.as_mut() {
            item.value.title = Some(rest.to_string());
            return;
        }
        self.title_line(rest, span);
    }

    /// "The Commission ... recommends ... the following draft resolution ...:".
    fn recommendation(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = RECOMMENDATION.captures(text) else {
            return false;
        };
        let meta = &mut *self.meta;
        meta.recommendation = field(text.to_string(), span);
        if &c[3] == "resolution" {
            meta.kind = Some(DocumentKind::DraftResolution);
        }
        if meta.body.is_none() {
            meta.body = field(c[1].to_string(), sub_span(span, 4, 4 + c[1].len()));
        }
        true
    }

    /// An adoption line in the masthead (the first one counts).
    fn adoption_line(&mut self, text: &str, span: Span) -> bool {
        let Some(adoption) = adoption(text) else {
            return false;
        };
        if self.meta.adoption.is_none() {
            self.meta.adoption = field(adoption, span);
        }
        true
    }

    /// The fields that may run together on one masthead line; whether any was found.
    fn masthead_fields(&mut self, text: &str, span: Span) -> bool {
        // Every step runs: one line may hold several fields.
        let found = [
            self.distribution(text, span),
            self.original_language(text, span),
            self.body(text, span),
            self.session(text, span),
            self.place_and_dates(text, span),
            self.agenda_item(text, span),
            self.masthead_symbol(text, span),
        ];
        found.contains(&true)
    }

    /// "Distr.: General 1 December 2025".
    fn distribution(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = DISTR.captures(text) else {
            return false;
        };
        let m = c.get(1).expect("group");
        self.meta.distribution = field(c[1].to_string(), sub_span(span, m.start(), m.end()));
        if let Some((d, s, e)) = find_date(&text[m.end()..]) {
            self.meta.distribution_date = field(d, sub_span(span, m.end() + s, m.end() + e));
        }
        true
    }

    /// "Original: English".
    fn original_language(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = ORIGINAL.captures(text) else {
            return false;
        };
        let m = c.get(1).expect("group");
        self.meta.original_language = field(c[1].to_string(), sub_span(span, m.start(), m.end()));
        true
    }

    /// The issuing body, near the start of a line ("General Assembly", "Commission on ...").
    fn body(&mut self, text: &str, span: Span) -> bool {
        if self.meta.body.is_some() {
            return false;
        }
        let Some(m) = BODY.captures(text).map(|c| c.get(1).expect("group")) else {
            return false;
        };
        if m.start() >= 20 {
            return false;
        }
        self.meta.body = field(
            m.as_str().trim().to_string(),
            sub_span(span, m.start(), m.end()),
        );
        true
    }

    /// "Thirty-second session", "Tenth emergency special session".
    fn session(&mut self, text: &str, span: Span) -> bool {
        if self.meta.session.is_some() || text.len() >= 200 {
            return false;
        }
        let Some(m) = SESSION.captures(text).map(|c| c.get(1).expect("group")) else {
            return false;
        };
        self.meta.session = field(m.as_str().to_string(), sub_span(span, m.start(), m.end()));
        true
    }

    /// "Vienna, 22-26 May 2023".
    fn place_and_dates(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = PLACE_DATES.captures(text) else {
            return false;
        };
        self.meta.place = field(c[1].to_string(), sub_span(span, 0, c[1].len()));
        let first = parse_date(&c[2], &c[4], &c[5]);
        let last = c
            .get(3)
            .and_then(|d| parse_date(d.as_str(), &c[4], &c[5]))
            .or(first);
        if let (Some(a), Some(b)) = (first, last) {
            let whole = c.get(0).expect("match");
            self.meta.meeting_dates = field((a, b), sub_span(span, c[1].len() + 2, whole.end()));
        }
        true
    }

    /// "Agenda item 62 Peacebuilding and sustaining peace" (the title may follow on the next line).
    fn agenda_item(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = AGENDA.captures(text) else {
            return false;
        };
        let number = c[1].to_string();
        let rest = c[2].trim();
        let title = (!rest.is_empty()).then(|| rest.to_string());
        let m = c.get(0).expect("match");
        self.previous_was_agenda = title.is_none();
        self.meta.agenda_item = field(
            AgendaItem { number, title },
            sub_span(span, m.start(), m.end()),
        );
        true
    }

    /// "United Nations S/RES/1445 (2002)", or a short line holding a symbol.
    fn masthead_symbol(&mut self, text: &str, span: Span) -> bool {
        if self.meta.symbol.is_some()
            || !(text.starts_with("United Nations") || text.len() < 40)
            || text.starts_with('[')
        {
            return false;
        }
        let Some(m) = SYMBOL_MASTHEAD
            .captures(text)
            .map(|c| c.get(1).expect("group"))
            .filter(|m| m.as_str().contains('/'))
        else {
            return false;
        };
        self.meta.symbol = field(m.as_str().to_string(), sub_span(span, m.start(), m.end()));
        true
    }

    /// "Resolution 687 (1991) of 3 April 1991", "5 (1946). Resolution of 8 May 1946".
    fn security_council_number(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = UNSC_NUMBER.captures(text) else {
            return false;
        };
        if !text.to_lowercase().contains("resolution") {
            return false;
        }
        let meta = &mut *self.meta;
        if meta.symbol.is_none() {
            let m = c.get(0).expect("match");
            meta.symbol = field(
                format!("S/RES/{} ({})", &c[1], c[2].replace('-', "")),
                sub_span(span, m.start(), m.end()),
            );
            meta.body.get_or_insert(Field {
                value: "Security Council".into(),
                span,
            });
        }
        if let Some((d, s, e)) = find_date(text) {
            meta.date = field(d, sub_span(span, s, e));
        } else if text.contains(" of ") {
            self.warnings
                .push((span.line, format!("unreadable date in {text:?}")));
        }
        meta.kind.get_or_insert(DocumentKind::Resolution);
        true
    }

    /// "80/11. 2025 review of the United Nations peacebuilding architecture".
    fn general_assembly_number(&mut self, text: &str, span: Span) -> bool {
        let Some(c) = GA_NUMBER.captures(text) else {
            return false;
        };
        let meta = &mut *self.meta;
        let number = match c.get(3) {
            Some(part) => format!("A/RES/{}/{} {}", &c[1], &c[2], part.as_str()),
            None => format!("A/RES/{}/{}", &c[1], &c[2]),
        };
        if meta.symbol.is_none() {
            meta.symbol = field(number, span);
        }
        let m = c.get(4).expect("group");
        let printed = m.as_str().trim().to_string();
        // A title cut at the line end ("... weapons of") yields to a fuller front-matter one.
        let fuller = meta
            .title
            .as_ref()
            .is_some_and(|t| t.value.len() > printed.len() && t.value.starts_with(&printed));
        if !fuller {
            meta.title = field(printed, sub_span(span, m.start(), m.end()));
        }
        self.title_from_number = true;
        meta.kind.get_or_insert(DocumentKind::Resolution);
        true
    }

    /// "of 15 December 1966" on a line of its own, after "Resolution 231 (1966)".
    fn date_line(&mut self, text: &str, span: Span) -> bool {
        if let Some(rest) = text.strip_prefix("of ")
            && self.meta.date.is_none()
            && let Some((d, s, e)) = find_date(rest)
            && s == 0
        {
            self.meta.date = field(d, sub_span(span, 3 + s, 3 + e));
            return true;
        }
        false
    }

    /// "Resolution adopted by the General Assembly on 1 December 2025".
    fn resolution_adopted_by(&mut self, text: &str, span: Span) -> bool {
        if !text.starts_with("Resolution adopted by") {
            return false;
        }
        if let Some((d, s, e)) = find_date(text) {
            self.meta.date = field(d, sub_span(span, s, e));
        }
        self.meta.kind.get_or_insert(DocumentKind::Resolution);
        true
    }

    /// Takes a status note ("[agreed in COW]") off the block; `None` if nothing is left.
    fn strip_status_note<'t>(&mut self, text: &'t str, span: Span) -> Option<&'t str> {
        let Some(m) = STATUS.captures(text).map(|c| c.get(0).expect("match")) else {
            return Some(text);
        };
        self.meta.status_notes.push(Field {
            value: m.as_str().to_string(),
            span: sub_span(span, m.start(), m.end()),
        });
        let rest = text[..m.start()].trim_end();
        (!rest.is_empty()).then_some(rest)
    }

    /// The title: the last free-standing line of prose before the enacting formula
    /// (a numbered "80/11. Title" line wins over front matter and prose).
    fn title_line(&mut self, rest: &str, span: Span) {
        if !self.title_from_number
            && rest.len() > 3
            && rest.starts_with(char::is_uppercase)
            && !rest.ends_with(':')
        {
            self.meta.title = field(rest.to_string(), sub_span(span, 0, rest.len()));
        }
    }
}

/// Without a date of its own, the document takes the adoption date, else the distribution date.
fn date_from_adoption_or_distribution(meta: &mut Metadata) {
    if meta.date.is_some() {
        return;
    }
    if let Some(a) = &meta.adoption
        && let Some(d) = a.value.date
    {
        meta.date = field(d, a.span);
    } else if let Some(d) = &meta.distribution_date {
        meta.date = Some(d.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(lines: &[&str]) -> Metadata {
        let blocks: Vec<HeaderBlock<'_>> = lines
            .iter()
            .enumerate()
            .map(|(i, t)| HeaderBlock {
                text: t,
                span: Span {
                    start: 0,
                    end: t.len(),
                    line: i + 1,
                },
            })
            .collect();
        let mut meta = Metadata::default();
        read(&blocks, &mut meta, &mut Vec::new());
        meta
    }

    #[test]
    fn header_lines() {
        let m = meta_of(&["Distr.: Limited 26 May 2023", "Original: English"]);
        assert_eq!(m.distribution.unwrap().value, "Limited");
        assert_eq!(
            m.distribution_date.unwrap().value,
            NaiveDate::from_ymd_opt(2023, 5, 26).unwrap()
        );
        assert_eq!(m.original_language.unwrap().value, "English");

        let m = meta_of(&[
            "Commission on Crime Prevention and Criminal Justice",
            "Thirty-second session",
            "Vienna, 22-26 May 2023",
            "Agenda item 6 (c)",
        ]);
        assert_eq!(
            m.body.unwrap().value,
            "Commission on Crime Prevention and Criminal Justice"
        );
        assert_eq!(m.session.unwrap().value, "Thirty-second session");
        assert_eq!(m.place.unwrap().value, "Vienna");
        let (a, b) = m.meeting_dates.unwrap().value;
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2023-05-22".into(), "2023-05-26".into())
        );
        assert_eq!(m.agenda_item.unwrap().value.number, "6 (c)");

        let m = meta_of(&[
            "General Assembly Distr.: General 1 December 2025",
            "Eightieth session Agenda item 62 Peacebuilding and sustaining peace",
            "80/11. 2025 review of the United Nations peacebuilding architecture",
        ]);
        assert_eq!(m.body.unwrap().value, "General Assembly");
        assert_eq!(m.session.unwrap().value, "Eightieth session");
        let item = m.agenda_item.unwrap().value;
        assert_eq!(
            (item.number.as_str(), item.title.as_deref()),
            ("62", Some("Peacebuilding and sustaining peace"))
        );
        assert_eq!(m.symbol.unwrap().value, "A/RES/80/11");
        assert_eq!(
            m.title.unwrap().value,
            "2025 review of the United Nations peacebuilding architecture"
        );

        let m = meta_of(&["5 (1946). Resolution of 8 May 1946"]);
        assert_eq!(m.symbol.unwrap().value, "S/RES/5 (1946)");
        assert_eq!(m.date.unwrap().value.to_string(), "1946-05-08");

        let m = meta_of(&["Resolution 687 (1991) of 3 Apri] 1991"]);
        assert_eq!(m.symbol.unwrap().value, "S/RES/687 (1991)");
        assert_eq!(m.date.unwrap().value.to_string(), "1991-04-03");

        let m = meta_of(&[
            "United Nations S/RES/1445 (2002)",
            "Security Council Distr.: General",
            "4 December 2002",
        ]);
        assert_eq!(m.symbol.unwrap().value, "S/RES/1445 (2002)");
        assert_eq!(m.body.unwrap().value, "Security Council");

        let m = meta_of(&[
            "The Commission on Crime Prevention and Criminal Justice recommends to the Economic and Social Council the approval of the following draft resolution for adoption by the General Assembly:",
            "Technical assistance provided by the United Nations Office on Drugs and Crime related to counter-terrorism [agreed in COW]",
        ]);
        assert_eq!(m.kind, Some(DocumentKind::DraftResolution));
        assert_eq!(m.status_notes[0].value, "[agreed in COW]");
        assert_eq!(
            m.title.unwrap().value,
            "Technical assistance provided by the United Nations Office on Drugs and Crime related to counter-terrorism"
        );
    }

    #[test]
    fn dates() {
        // (day, month as printed, year, expected)
        let rows = [
            ("26", "May", "2023", Some("2023-05-26")),
            ("1", "December", "2025", Some("2025-12-01")),
            ("08", "Dec", "1948", Some("1948-12-08")),
            ("4", "NOVEMBER", "1950", Some("1950-11-04")),
            // OCR damage after the third letter of the month.
            ("3", "Apri]", "1991", Some("1991-04-03")),
            ("30", "Sept", "1999", Some("1999-09-30")),
            ("15", "Decernber", "1966", Some("1966-12-15")),
            ("19", "Jul1", "1950", Some("1950-07-19")),
            ("7", "Febuary", "1947", Some("1947-02-07")),
            // No month, or no such day.
            ("7", "Juiy", "1947", None),
            ("7", "Ma", "1947", None),
            ("31", "February", "2020", None),
            ("0", "May", "2020", None),
            ("5", "May", "２０２０", None),
        ];
        for (day, month, year, expected) in rows {
            let got = parse_date(day, month, year).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{day} {month} {year}");
        }
        let found = find_date("Adopted on 26 May, 2023 at").map(|(d, s, e)| (d.to_string(), s, e));
        assert_eq!(found, Some(("2023-05-26".into(), 11, 23)));
    }

    #[test]
    fn adoption_lines() {
        let rows = [
            (
                "Adopted at the 2932nd meeting by 14 votes to none.",
                Some(2932),
                Some("by 14 votes to none"),
            ),
            (
                "Adopted unanimously at the 474th meeting.",
                Some(474),
                Some("unanimously"),
            ),
            (
                "Adopted at the 474th meeting by 7 votes to 1 ( Yugoslavia)",
                Some(474),
                Some("by 7 votes to 1 ( Yugoslavia)"),
            ),
            (
                "Adopted without a vote at the 3219th meeting.",
                Some(3219),
                Some("without a vote"),
            ),
            ("51st plenary meeting 26 November 2025", Some(51), None),
            // OCR: a hyphenated or garbled meeting, a closed meeting, a misspelt one.
            (
                "Adopted at the 1612th meet-ing by 14 votes to none. 8",
                Some(1612),
                Some("by 14 votes to none"),
            ),
            (
                "Adopted unanimously at the 2714th (closed) meeting",
                Some(2714),
                Some("unanimously"),
            ),
            ("Adopted at the 1771st meting", Some(1771), None),
            ("Adopted at the ]8S6ih meeting", None, None),
            // Five digits are no meeting number: "2749th" read as "27491h".
            (
                "Adopted unanimously at the 27491h meeting.",
                None,
                Some("unanimously"),
            ),
            // The meeting on the next block.
            ("Adopted unanimously at the", None, Some("unanimously")),
            (
                "Adopted unanimously, without a vote, at the 2009th meeting.",
                Some(2009),
                Some("unanimously"),
            ),
        ];
        for (text, meeting, vote) in rows {
            let a = adoption(text).unwrap();
            assert_eq!((a.meeting, a.vote.as_deref()), (meeting, vote), "{text}");
        }
        assert!(adoption("Adopts the following").is_none());
        assert!(adoption("Adopted texts of the Conference").is_none());
        assert_eq!(meeting_line("2351st meeting."), Some(2351));
        assert_eq!(meeting_line("the 2351st meeting."), None);
    }

    #[test]
    fn enacting_formulas() {
        assert_eq!(
            enacting_body("The General Assembly,").as_deref(),
            Some("General Assembly")
        );
        assert_eq!(
            enacting_body("The Security Council").as_deref(),
            Some("Security Council")
        );
        assert_eq!(
            enacting_body("The Commission on Narcotic Drugs,").as_deref(),
            Some("Commission on Narcotic Drugs")
        );
        assert_eq!(enacting_body("The Peacebuilding Fund"), None);
        assert_eq!(enacting_body("The situation in Cyprus,"), None);
    }
}
