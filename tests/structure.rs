//! Structure on texts the parser has not seen: unnumbered operative parts, adoption lines
//! and section headings, shown by small synthetic fixtures (tests/data/structure/) and
//! checked over the shared corpus.

use std::path::PathBuf;

use resograph::model::Document;

use crate::common;

fn fixture(name: &str) -> Document {
    let path: PathBuf = common::root().join("tests/data/structure").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    resograph::parse(&text, &common::knowledge().lexicon).expect("fixture parses")
}

fn texts(paragraphs: &[resograph::model::Paragraph]) -> Vec<&str> {
    paragraphs.iter().map(|p| p.text.as_str()).collect()
}

/// A finite verb after the preamble opens the operative part, even when the last
/// preambular paragraph lost its comma and the operative paragraph has no number.
#[test]
fn an_unnumbered_operative_paragraph_follows_an_open_preamble() {
    let doc = fixture("unnumbered-after-open-preamble.txt");
    assert_eq!(
        texts(&doc.preamble),
        // The footnote marker "12" is taken out of the text.
        [
            "Having examined the application of the Republic of Atlantis for admission to membership in the United Nations"
        ]
    );
    assert_eq!(doc.operative.len(), 1);
    let p = &doc.operative[0];
    assert_eq!((p.eid.as_str(), p.number.as_deref()), ("para_1", None));
    assert!(
        p.text.starts_with("Recommends to the General Assembly"),
        "{}",
        p.text
    );
}

/// "Hereby" before the verb is a modifier; the paragraph is operative, even on the next
/// line of an unpunctuated preambular paragraph.
#[test]
fn hereby_and_a_verb_open_the_operative_part() {
    let doc = fixture("hereby-after-preamble.txt");
    assert_eq!(
        texts(&doc.preamble),
        [
            "Having received the report of the Commission of Inquiry,",
            "Having considered the statements of the parties concerned",
        ]
    );
    let eids: Vec<(&str, Option<&str>)> = doc
        .operative
        .iter()
        .map(|p| (p.eid.as_str(), p.number.as_deref()))
        .collect();
    assert_eq!(eids, [("para_1", None), ("para_2", None)]);
    assert_eq!(
        doc.operative[0].opening_phrase.as_deref(),
        Some("Hereby resolves")
    );
}

/// Adoption lines end the operative part, whether the meeting stands on the next block or
/// OCR hyphenated it; they are never a heading or a paragraph.
#[test]
fn adoption_lines_are_neither_headings_nor_paragraphs() {
    for (name, meeting, last) in [
        (
            "adoption-lines.txt",
            2351,
            "Decides to remain seized of the matter.",
        ),
        (
            "adoption-hyphenated.txt",
            1612,
            "Extends the stationing of the Force for a further period.",
        ),
    ] {
        let doc = fixture(name);
        assert!(doc.sections.is_empty(), "{name}: {:?}", doc.sections);
        let adoption = &doc.metadata.adoption.as_ref().expect(name).value;
        assert_eq!(adoption.meeting, Some(meeting), "{name}");
        assert_eq!(doc.operative.last().map(|p| p.text.as_str()), Some(last));
        assert!(doc.annexes.is_empty(), "{name}: {:?}", doc.annexes);
    }
}

/// Names in a list, quoted rules, preambular clauses, lettered sentences and operative
/// paragraphs have no heading's shape.
#[test]
fn paragraphs_and_list_items_are_not_headings() {
    let doc = fixture("not-headings.txt");
    assert!(doc.sections.is_empty(), "{:?}", doc.sections);
    assert_eq!(
        doc.preamble.last().map(|p| p.text.as_str()),
        Some("Having listened to the statement of the Special Rapporteur")
    );
    let items = |i: usize| texts(&doc.operative[i].subparagraphs);
    assert_eq!(
        items(0),
        [
            "Mr. Aurelio B. CANDIDATE (Atlantis)",
            "Ms. Berenice CANDIDATE (Lemuria)"
        ]
    );
    assert_eq!(items(1).len(), 1);
    assert!(items(1)[0].starts_with("CHAPTER IX."), "{:?}", items(1));
    let tail: Vec<&str> = texts(&doc.operative[3..]);
    assert_eq!(
        tail,
        [
            "G. The Secretary-General shall furnish the Commission with the staff it needs.",
            "B. Demands that Atlantis implement its obligations",
        ]
    );
}

/// The title printed again as a page header is neither a section nor paragraph text.
#[test]
fn a_running_title_is_dropped() {
    let doc = fixture("running-title.md");
    assert!(doc.sections.is_empty(), "{:?}", doc.sections);
    assert_eq!(
        texts(&doc.preamble),
        [
            "Recalling its resolution 98/7 on the danger of meteor strikes and on the early warning systems of Member States and international organizations,",
            "Mindful of the need to coordinate observation,",
        ]
    );
    assert!(doc.operative.iter().all(|p| p.section.is_none()));
}

/// Printed labels and short headings between paragraphs stay sections.
#[test]
fn real_headings_stay_sections() {
    let doc = fixture("real-headings.md");
    let sections: Vec<(&str, Option<&str>)> = doc
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.heading.as_deref()))
        .collect();
    assert_eq!(
        sections,
        [
            ("1", Some("Peace Commission")),
            ("II", Some("Peace Fund")),
            ("B", None)
        ]
    );
    // Numbered paragraphs are named by their number whatever section they stand in; the
    // section is said by `section` (and in the graph by isPartOf).
    let eids: Vec<(&str, Option<&str>)> = doc
        .operative
        .iter()
        .map(|p| (p.eid.as_str(), p.section.as_deref()))
        .collect();
    assert_eq!(
        eids,
        [
            ("para_1", Some("1")),
            ("para_2", Some("1")),
            ("para_3", Some("II")),
            ("para_4", Some("B"))
        ]
    );
}

/// Over the shared corpus: every Security Council text that goes on after its preamble
/// has an operative paragraph, and no section title has the shape of an adoption line,
/// a paragraph or a list item.
#[test]
fn corpus_structure_has_operative_parts_and_plausible_headings() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let lexicon = &common::knowledge().lexicon;
    let mut problems = Vec::new();
    for f in common::files_under(&dir) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name == "SOURCES.md" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let doc = resograph::parse(&text, lexicon).unwrap();
        // A text cut off inside its preamble (its last paragraph ends with a comma and
        // nothing follows) has no operative part to find.
        let cut_in_preamble = doc.metadata.adoption.is_none()
            && doc.preamble.last().is_some_and(|p| p.text.ends_with(','));
        if name.starts_with("S_RES_") && doc.operative.is_empty() && !cut_in_preamble {
            problems.push(format!("{name}: no operative paragraph"));
        }
        for s in &doc.sections {
            let Some(heading) = s.heading.as_deref() else {
                continue;
            };
            if let Some(why) = not_a_heading(heading, lexicon, &doc) {
                problems.push(format!("{name}: section {heading:?} {why}"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Why `heading` cannot be a section title, if it cannot.
fn not_a_heading(
    heading: &str,
    lexicon: &resograph::Lexicon,
    doc: &Document,
) -> Option<&'static str> {
    let lower = heading.to_lowercase();
    let opens_with = |form: &str| {
        lower.starts_with(form) && lower[form.len()..].starts_with([' ', ',', ';', ':'])
            || lower == form
    };
    if heading.starts_with("Adopted") {
        return Some("is an adoption line");
    }
    if heading.ends_with(['.', ',', ';', ':']) {
        return Some("ends like a sentence");
    }
    if lexicon.verb_forms.iter().any(|f| opens_with(f)) || lower.starts_with("having ") {
        return Some("opens like a paragraph");
    }
    if ["mr. ", "ms. ", "mrs. ", "sir "]
        .iter()
        .any(|t| lower.starts_with(t))
    {
        return Some("is a name in a list");
    }
    if heading.contains('“') && !heading.contains('”') {
        return Some("opens a quotation");
    }
    let title = doc.metadata.title.as_ref().map(|t| t.value.to_lowercase());
    if title.is_some_and(|t| t.trim_end_matches([' ', ':']) == lower) {
        return Some("repeats the title");
    }
    None
}

fn eids(paragraphs: &[resograph::model::Paragraph]) -> Vec<&str> {
    paragraphs.iter().map(|p| p.eid.as_str()).collect()
}

/// A resolution in parts, each with a lone label, its own enacting formula, preamble and
/// operative paragraphs numbered from 1: each part is a section, its preambular paragraphs
/// stay preambular, and its paragraphs are counted within it.
#[test]
fn parts_with_their_own_enacting_formula_are_sections() {
    for (name, first, second) in [
        ("parts-lettered.txt", "A", "B"),
        ("parts-roman.md", "I", "II"),
    ] {
        let doc = fixture(name);
        let labels: Vec<&str> = doc.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, [first, second], "{name}");
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        let (a, b) = (format!("sec_{first}"), format!("sec_{second}"));
        let preamble: Vec<String> = match name {
            "parts-lettered.txt" => vec![
                format!("{a}__preamble__para_1"),
                format!("{a}__preamble__para_2"),
                format!("{b}__preamble__para_1"),
                format!("{b}__preamble__para_2"),
            ],
            _ => vec![
                format!("{a}__preamble__para_1"),
                format!("{b}__preamble__para_1"),
                format!("{b}__preamble__para_2"),
            ],
        };
        assert_eq!(eids(&doc.preamble), preamble, "{name}");
        let operative: Vec<String> = match name {
            "parts-lettered.txt" => vec![
                format!("{a}__para_1"),
                format!("{a}__para_2"),
                format!("{b}__para_1"),
                format!("{b}__para_2"),
            ],
            _ => vec![
                format!("{a}__para_1"),
                format!("{a}__para_2"),
                format!("{b}__para_1"),
            ],
        };
        assert_eq!(eids(&doc.operative), operative, "{name}");
        // The second part's first preambular paragraph, not its enacting formula.
        let second_preamble = doc
            .preamble
            .iter()
            .find(|p| p.section.as_deref() == Some(second))
            .expect(name);
        assert!(
            ["Gravely concerned", "Mindful"]
                .iter()
                .any(|o| second_preamble.text.starts_with(o)),
            "{name}: {}",
            second_preamble.text
        );
        // The label is no header field.
        assert_eq!(
            doc.metadata.acting_body.as_ref().map(|b| b.value.as_str()),
            Some(if name.ends_with(".md") {
                "General Assembly"
            } else {
                "Security Council"
            })
        );
    }
}

/// "Resolves:" followed by unnumbered that-clauses: each clause is an operative paragraph
/// of its own, as when the clauses are numbered, the chapeau opening the first; a clause that ends with ":" does not take
/// the next clauses as its items.
#[test]
fn that_clauses_after_a_chapeau_are_paragraphs() {
    let doc = fixture("that-clauses.txt");
    // The chapeau opens the first clause: a reader counts the clauses.
    assert_eq!(
        eids(&doc.operative),
        ["para_1", "para_2", "para_3", "para_4"]
    );
    assert!(doc.operative[0].text.starts_with("Resolves: That "));
    assert!(
        doc.operative[1..]
            .iter()
            .all(|p| p.text.starts_with("That ")
                && p.number.is_none()
                && p.subparagraphs.is_empty())
    );
    assert!(doc.operative[3].text.ends_with("with staff."));
}

/// Quoted paragraphs belong to the paragraph that quotes them: items of a chapeau that
/// ends with ":", the rest of a preambular paragraph that introduces them with ",".
#[test]
fn quoted_paragraphs_belong_to_the_paragraph_that_quotes_them() {
    let doc = fixture("quoted-paragraphs.txt");
    assert_eq!(
        texts(&doc.preamble),
        [
            "Recalling the Convention on the Sea of Atlantis, article 4 of which reads, “Vessels of all States shall enjoy the right of passage . . . They shall at all times respect the coastal rules.”,",
            "Noting the reports of the Commission,",
        ]
    );
    assert_eq!(doc.operative.len(), 2, "{:#?}", texts(&doc.operative));
    let quoted = texts(&doc.operative[0].subparagraphs);
    assert_eq!(quoted.len(), 4, "{quoted:#?}");
    assert!(quoted.iter().all(|t| t.starts_with('“')), "{quoted:#?}");
    assert!(quoted[3].ends_with("administration of the zone.”;"));
    assert!(doc.operative[1].text.starts_with("Requests"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

/// Paragraph numbers misread by OCR ("S." for 5, "l." for 1, "lO." for 10) are read as
/// the number the sequence expects when a verb of the lexicon follows, with a warning.
#[test]
fn misread_paragraph_numbers_are_read_in_sequence() {
    let doc = fixture("misread-numbers.txt");
    assert_eq!(
        texts(&doc.preamble),
        ["Concerned by the fighting in Atlantis,"]
    );
    let numbers: Vec<Option<&str>> = doc.operative.iter().map(|p| p.number.as_deref()).collect();
    let expected: Vec<String> = (1..=11).map(|n| n.to_string()).collect();
    assert_eq!(
        numbers,
        expected
            .iter()
            .map(|n| Some(n.as_str()))
            .collect::<Vec<_>>()
    );
    assert!(doc.operative[4].text.starts_with("Appeals to all parties"));
    assert!(
        doc.operative[10]
            .text
            .starts_with("Decides to remain seized")
    );
    let misread: Vec<usize> = doc
        .warnings
        .iter()
        .filter(|w| w.message.contains("misread"))
        .map(|w| w.line)
        .collect();
    assert_eq!(misread, [7, 16, 27, 29], "{:?}", doc.warnings);
    assert!(doc.warnings.iter().all(|w| w.message.contains("misread")));
}

/// Over the shared corpus: no two paragraphs of a document share an element id.
#[test]
fn corpus_element_ids_are_unique_per_document() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let lexicon = &common::knowledge().lexicon;
    let mut problems = Vec::new();
    for f in common::files_under(&dir) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name == "SOURCES.md" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let doc = resograph::parse(&text, lexicon).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for p in doc.all_paragraphs() {
            if !seen.insert(p.eid.as_str()) {
                problems.push(format!("{name}: {} twice", p.eid));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
