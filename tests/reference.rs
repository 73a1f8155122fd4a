//! The reference document (`seed/`): the expectations of the parse issue, checked by hand
//! against the text.

use resograph::model::{DocumentKind, Paragraph};

use crate::common;

fn doc() -> resograph::Document {
    resograph::parse(&common::reference_text(), &common::knowledge().lexicon)
        .expect("reference parses")
}

fn op<'a>(d: &'a resograph::Document, n: &str) -> &'a Paragraph {
    d.operative
        .iter()
        .find(|p| p.number.as_deref() == Some(n))
        .unwrap_or_else(|| panic!("operative {n}"))
}

#[test]
fn counts() {
    let d = doc();
    assert_eq!(d.preamble.len(), 20, "preambular paragraphs");
    assert_eq!(d.operative.len(), 36, "operative paragraphs");
    assert_eq!(d.footnotes.len(), 7, "footnotes");
    let numbers: Vec<String> = d
        .operative
        .iter()
        .map(|p| p.number.clone().unwrap())
        .collect();
    let expected: Vec<String> = (1..=36).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn footnotes_belong_to_their_paragraphs() {
    let d = doc();
    let cited_by = |m: &str| {
        d.footnotes
            .iter()
            .find(|f| f.marker == m)
            .unwrap()
            .cited_by
            .clone()
    };
    assert_eq!(cited_by("4"), vec!["para_2"]);
    assert_eq!(cited_by("5"), vec!["para_9"]);
    assert_eq!(cited_by("6"), vec!["para_28"]);
    assert_eq!(cited_by("1"), vec!["preamble__para_7"]);
    assert_eq!(cited_by("2"), vec!["preamble__para_10"]);
    assert_eq!(cited_by("3"), vec!["preamble__para_11"]);
    let note4 = d.footnotes.iter().find(|f| f.marker == "4").unwrap();
    assert_eq!(
        note4.text,
        "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574."
    );
}

#[test]
fn paragraphs_interrupted_by_footnotes_are_whole() {
    let d = doc();
    let underscoring = d
        .preamble
        .iter()
        .find(|p| p.text.starts_with("Underscoring"))
        .unwrap();
    assert!(
        underscoring.text.contains(
            "countering terrorism and preventing violent extremism conducive to terrorism"
        ),
        "{}",
        underscoring.text
    );
    assert!(
        underscoring
            .text
            .ends_with("participation of women and youth in this process,")
    );
    assert!(!underscoring.text.contains("Resolutions 72/194"));
    let four = op(&d, "4");
    assert!(
        four.text
            .ends_with("as well as fully respecting applicable international law;"),
        "{}",
        four.text
    );
    assert!(!four.text.contains("Treaty Series"));
    let thirty = op(&d, "30");
    assert!(
        thirty
            .text
            .contains("United Nations Office on Drugs and Crime, in cooperation with"),
        "{}",
        thirty.text
    );
    // Markers are taken out of the text, and the spans still cover the source.
    assert!(
        op(&d, "2")
            .text
            .contains("the Protocols thereto, to effectively")
    );
    assert!(
        op(&d, "28")
            .text
            .contains("Convention on the Rights of the Child, for State Parties")
    );
}

#[test]
fn header() {
    let d = doc();
    let m = &d.metadata;
    assert_eq!(m.kind, Some(DocumentKind::DraftResolution));
    assert_eq!(
        m.body.as_ref().unwrap().value,
        "Commission on Crime Prevention and Criminal Justice"
    );
    assert_eq!(m.session.as_ref().unwrap().value, "Thirty-second session");
    assert_eq!(m.place.as_ref().unwrap().value, "Vienna");
    assert_eq!(m.distribution.as_ref().unwrap().value, "Limited");
    assert_eq!(m.original_language.as_ref().unwrap().value, "English");
    assert_eq!(m.agenda_item.as_ref().unwrap().value.number, "6 (c)");
    assert_eq!(m.acting_body.as_ref().unwrap().value, "General Assembly");
    assert_eq!(m.status_notes[0].value, "[agreed in COW]");
    assert_eq!(m.date.as_ref().unwrap().value.to_string(), "2023-05-26");
    assert!(
        m.recommendation
            .as_ref()
            .unwrap()
            .value
            .contains("recommends to the Economic and Social Council")
    );
    assert_eq!(
        m.title.as_ref().unwrap().value,
        "Technical assistance provided by the United Nations Office on Drugs and Crime related to counter-terrorism"
    );
    assert!(m.symbol.is_none());
}

#[test]
fn opening_phrases() {
    let d = doc();
    let rows = [
        (&d.preamble[0], "Reaffirming"),
        (&d.preamble[1], "Reaffirming also"),
        (&d.preamble[2], "Stressing again"),
        (&d.preamble[11], "Noting"),
        (&d.preamble[12], "Noting with appreciation"),
        (op(&d, "9"), "Also requests"),
        (op(&d, "16"), "Further requests"),
        (op(&d, "7"), "Calls upon"),
        (op(&d, "23"), "Notes with appreciation"),
    ];
    for (p, phrase) in rows {
        assert_eq!(p.opening_phrase.as_deref(), Some(phrase), "{}", p.eid);
    }
}

#[test]
fn spans_point_into_the_source() {
    let text = common::reference_text();
    let d = doc();
    for p in d.all_paragraphs() {
        let slice = &text[p.span.start..p.span.end];
        let first_word = p.text.split_whitespace().next().unwrap();
        assert!(slice.contains(first_word), "{}: {slice:?}", p.eid);
        assert_eq!(text[..p.span.start].matches('\n').count() + 1, p.span.line);
    }
    for f in &d.footnotes {
        assert!(text[f.span.start..f.span.end].contains(&f.text[..10]));
    }
}
