//! Reporting duties: which mandates ask for a report, to whom, when and on what.
//!
//! ```text
//! duty    = ("to" | "and") [adverb] reporting-form [receiver] ... [when]* [subject]
//! when    = ("by" | "not later than" | "no later than" | "before") date
//!         | "at its" ordinal "session"                 (a General Assembly session and its year)
//!         | "within" count unit                        (counted from the adoption date)
//!         | "annually" | "every" [count] unit | "biennially" ...     (recurrence)
//! subject = "on" words, up to the next "when" or the end of the clause
//! ```
//!
//! The reporting forms are the `rg:form`s of `rg:ReportingForm` concepts in
//! `data/mandate-terms.ttl` ("report", "submit a report", "keep the Council informed").
//! The receiver is the actor named right after the form ("to report to the General
//! Assembly", "keep the Security Council informed"), else the body that adopted the text.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use oxigraph::model::NamedNode;

use super::Extractor;
use super::lifecycle::{Period, cardinal, count_unit};

const MONTHS: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";

re!(
    DUE,
    &format!(
        r"(?i)\b(?:by|not later than|no later than|before|on or before)\s+(?:the end of\s+)?([0-9]{{1,2}}) ({MONTHS}) ([0-9]{{4}})"
    )
);
re!(
    SESSION,
    r"(?i)\bat (?:its|the) ([a-z]+(?:-[a-z]+)?|[0-9]{1,3}(?:st|nd|rd|th)) (?:regular )?session\b"
);
re!(
    WITHIN,
    r"(?i)\bwithin (?:a period of )?([a-z0-9-]+) (years?|months?|weeks?|days?|hours?)\b"
);
re!(
    EVERY,
    r"(?i)\b(?:every|each) (?:([a-z0-9-]+) )?(years?|months?|weeks?|days?)\b"
);
re!(
    ANNUAL,
    r"(?i)\b(?:annually|on an annual basis|yearly|each year|every year)\b"
);
re!(BIENNIAL, r"(?i)\b(?:biennially|on a biennial basis)\b");
// "on an annual basis": how often, not what on.
re!(BASIS, r"(?i)\bon an? [a-z-]+ basis\b");
re!(
    SUBJECT,
    r"(?i)\bon (the [^;]*?|[a-z][^;]*?)(?:,? (?:at its|by|not later than|no later than|within|before|annually|every|and to|,? and requests|,? and decides)\b|(?-i:,? to (?:the )?[A-Z])|[;:]|\.$|$)"
);

/// How many words may stand between the head and the tail of a reporting form with a gap.
const GAP: usize = 12;

/// A duty to report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reporting {
    /// To whom (the organ that receives the report).
    pub to: Option<NamedNode>,
    /// Due by this date, printed ("not later than 15 July 1993") or counted from the
    /// adoption date ("within thirty days").
    pub due: Option<NaiveDate>,
    /// Whether `due` was counted from the adoption date.
    pub due_computed: bool,
    /// "within thirty days": the period after adoption.
    pub within: Option<Period>,
    /// "at its eighty-first session": the session number.
    pub session: Option<u32>,
    /// The year the session opens (a General Assembly session N opens in 1945 + N).
    pub session_year: Option<i32>,
    /// "annually", "every two years": how often.
    pub every: Option<Period>,
    /// What the report is on, as printed ("the implementation of the present resolution").
    pub subject: Option<String>,
}

impl Extractor<'_> {
    /// The reporting duty that `action` (a mandate's text from its infinitive on) sets, if
    /// any; `organ` is the body that adopted the text, the receiver when none is named.
    pub(super) fn reporting(
        &self,
        action: &str,
        organ: Option<&NamedNode>,
        named: &BTreeMap<usize, usize>,
    ) -> Option<Reporting> {
        // ASCII folding keeps byte offsets: they index `action` below.
        let lower = action.to_ascii_lowercase();
        let (start, end) = self.reporting_form(&lower)?;
        let after = &action[end..];
        // The receiver: an organ named in the form ("keep the Security Council informed")
        // or within the few words after it.
        let from = &action[start..];
        let near_end = (end - start) + after.char_indices().nth(60).map_or(after.len(), |(i, _)| i);
        let to = self
            .actors_in(from, named)
            .into_iter()
            .filter(|h| h.start < near_end)
            .map(|h| &self.knowledge.actors[h.entry])
            .find(|a| !a.is_state() && !a.is_group())
            .map(|a| a.iri.clone())
            .or_else(|| organ.cloned());
        let mut duty = Reporting {
            to,
            ..Reporting::default()
        };
        if let Some(c) = DUE.captures(after) {
            duty.due = crate::parse::parse_date(&c[1], &c[2], &c[3]);
        }
        if let Some(c) = SESSION.captures(after)
            && let Some(n) = ordinal(&c[1])
        {
            duty.session = Some(n);
            duty.session_year = i32::try_from(n).ok().map(|n| 1945 + n);
        }
        if let Some(c) = WITHIN.captures(after) {
            duty.within = count_unit(&c[1], &c[2]);
        }
        duty.every = if ANNUAL.is_match(after) {
            Some(Period {
                months: 12,
                days: 0,
            })
        } else if BIENNIAL.is_match(after) {
            Some(Period {
                months: 24,
                days: 0,
            })
        } else {
            EVERY
                .captures(after)
                .and_then(|c| count_unit(c.get(1).map_or("one", |m| m.as_str()), &c[2]))
        };
        duty.subject = SUBJECT
            .captures(&BASIS.replace_all(after, ""))
            .map(|c| c[1].trim().trim_end_matches([',', '.']).to_string())
            .filter(|s| !s.is_empty());
        Some(duty)
    }

    /// Where a reporting form stands in `lower` as an infinitive ("to report", "and to
    /// submit a report", "to keep the Council informed"): its byte range. A form with a gap
    /// ("submit ... a report") matches its head as an infinitive and its tail within
    /// [`GAP`] words after it, in the same clause ("to submit to the General Assembly at its
    /// eighty-first session a report"); its range is the head's, so that the receiver and
    /// the time are read after the head.
    fn reporting_form(&self, lower: &str) -> Option<(usize, usize)> {
        let forms = &self.knowledge.reporting_forms;
        let mut best: Option<(usize, usize)> = None;
        for form in forms {
            let (head, tail) = match form.split_once(" ... ") {
                Some((head, tail)) => (head, Some(tail)),
                None => (form.as_str(), None),
            };
            for (at, _) in lower.match_indices(head) {
                let end = at + head.len();
                if let Some(tail) = tail {
                    let clause = lower[end..].split([';', ':']).next().unwrap_or_default();
                    let near = clause
                        .split_whitespace()
                        .take(GAP + tail.split_whitespace().count())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !format!(" {near} ").contains(&format!(" {tail} ")) {
                        continue;
                    }
                }
                let whole = lower[..at].ends_with(|c: char| !c.is_alphanumeric())
                    && !lower[end..].starts_with(|c: char| c.is_alphanumeric());
                let mut words = lower[..at].split_whitespace().rev();
                let (w1, w2) = (words.next(), words.next());
                let infinitive = matches!(w1, Some("to" | "and" | "shall"))
                    || (w1.is_some_and(|w| w.ends_with("ly")) && w2 == Some("to"));
                if whole && infinitive && best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, end));
                }
            }
        }
        best
    }
}

/// Fills what the adoption date gives: the due date of "within thirty days".
pub(super) fn complete(duty: &mut Reporting, adopted: Option<NaiveDate>) {
    if duty.due.is_none()
        && let (Some(within), Some(adopted)) = (duty.within, adopted)
    {
        duty.due = within.end(adopted);
        duty.due_computed = duty.due.is_some();
    }
}

/// An English ordinal ("eighty-first", "81st", "tenth") as a number.
fn ordinal(word: &str) -> Option<u32> {
    const UNITS: [(&str, u32); 19] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
    ];
    const TENS: [(&str, u32); 8] = [
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("sixtieth", 60),
        ("seventieth", 70),
        ("eightieth", 80),
        ("ninetieth", 90),
    ];
    let word = word.to_ascii_lowercase();
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let unit = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|(_, n)| *n);
    let ten = |w: &str| TENS.iter().find(|(t, _)| *t == w).map(|(_, n)| *n);
    match word.split_once('-') {
        Some((t, u)) => Some(cardinal(t)? + unit(u).filter(|&n| n < 10)?),
        None => unit(&word).or_else(|| ten(&word)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_words_and_digits() {
        assert_eq!(ordinal("eighty-first"), Some(81));
        assert_eq!(ordinal("eightieth"), Some(80));
        assert_eq!(ordinal("tenth"), Some(10));
        assert_eq!(ordinal("81st"), Some(81));
        assert_eq!(ordinal("present"), None);
        assert_eq!(ordinal("eighty-tenth"), None);
    }

    /// Clauses written for this test in the wording of both organs.
    #[test]
    fn duties_with_receiver_date_session_period_and_subject() {
        let k = crate::Knowledge::load(None).unwrap();
        let x = Extractor::new(&k);
        let named = BTreeMap::new();
        let council = k.find_actor("Security Council").map(|a| a.iri.clone());
        let assembly = k.find_actor("General Assembly").map(|a| a.iri.clone());
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);

        let d = x
            .reporting(
                "to report to the General Assembly at its eighty-first session on the implementation of the present resolution",
                council.as_ref(),
                &named,
            )
            .unwrap();
        assert_eq!(d.to, assembly);
        assert_eq!((d.session, d.session_year), (Some(81), Some(2026)));
        assert_eq!(
            d.subject.as_deref(),
            Some("the implementation of the present resolution")
        );

        let d = x
            .reporting(
                "to report, not later than 15 July 1993, on progress achieved",
                council.as_ref(),
                &named,
            )
            .unwrap();
        assert_eq!((d.to.clone(), d.due), (council.clone(), date(1993, 7, 15)));
        assert_eq!(d.subject.as_deref(), Some("progress achieved"));

        let mut d = x
            .reporting(
                "to keep the Security Council informed and to report within thirty days",
                assembly.as_ref(),
                &named,
            )
            .unwrap();
        complete(&mut d, date(1990, 8, 6));
        assert_eq!(d.to, council);
        assert_eq!((d.due, d.due_computed), (date(1990, 9, 5), true));

        let d = x
            .reporting(
                "to submit a report annually on its activities",
                assembly.as_ref(),
                &named,
            )
            .unwrap();
        assert_eq!(d.every.map(Period::to_xsd).as_deref(), Some("P1Y"));
        assert_eq!(d.subject.as_deref(), Some("its activities"));

        // The receiver and the session between "submit" and "a report".
        let d = x
            .reporting(
                "to submit to the General Assembly at its eighty-second session a report on the implementation of the present resolution",
                council.as_ref(),
                &named,
            )
            .unwrap();
        assert_eq!((d.to.clone(), d.session), (assembly.clone(), Some(82)));
        // Hours in whole days.
        let mut d = x
            .reporting(
                "to report to the Council within twenty-four hours on the implementation of the present resolution",
                council.as_ref(),
                &named,
            )
            .unwrap();
        complete(&mut d, date(1978, 3, 19));
        assert_eq!((d.due, d.due_computed), (date(1978, 3, 20), true));
        // "submit" with something else than a report, or a report too far away.
        assert!(
            x.reporting(
                "to submit to the Council for its approval a plan for the deployment of an observer unit",
                council.as_ref(),
                &named
            )
            .is_none()
        );
        assert!(
            x.reporting(
                "to submit proposals; and to take note of a report",
                council.as_ref(),
                &named
            )
            .is_none()
        );
        // Informing someone other than an organ is no report.
        assert!(
            x.reporting(
                "to inform the authorities of the region accordingly",
                council.as_ref(),
                &named
            )
            .is_none()
        );

        assert!(
            x.reporting("to take note of the report", council.as_ref(), &named)
                .is_none()
        );
        assert!(
            x.reporting(
                "to consider the reports of the Committee",
                council.as_ref(),
                &named
            )
            .is_none()
        );
    }
}
