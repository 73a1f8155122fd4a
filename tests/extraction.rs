//! Extraction on the reference document, checked by hand against its text.

use resograph::extract::{Directive, Target};
use resograph::model::Source;
use resograph::{Extractor, iri};

use crate::common;

fn findings() -> (resograph::Document, resograph::Findings) {
    let k = common::knowledge();
    let text = common::reference_text();
    let doc = resograph::parse(&text, &k.lexicon).unwrap();
    let findings = Extractor::new(k).extract(&doc, &source(&text));
    (doc, findings)
}

/// A text read from no file, with no symbol forced.
fn source(text: &str) -> Source<'_> {
    Source {
        text,
        ..Default::default()
    }
}

fn actor(local: &str) -> String {
    format!("{}{local}", iri::ACTOR_BASE)
}

fn directives<'a>(f: &'a resograph::Findings, eid: &str) -> Vec<&'a Directive> {
    f.directives.iter().filter(|d| d.paragraph == eid).collect()
}

fn iris(v: &[oxigraph::model::NamedNode]) -> Vec<String> {
    v.iter().map(|n| n.as_str().to_string()).collect()
}

#[test]
fn paragraph_13_asks_unodc_with_interpol_about_biometrics() {
    let (_, f) = findings();
    let ds = directives(&f, "para_13");
    assert_eq!(ds.len(), 1);
    let d = ds[0];
    assert!(d.mandating);
    assert_eq!(d.category.as_deref(), Some("request"));
    assert_eq!(iris(&d.addressees), vec![actor("unodc")]);
    assert!(
        iris(&d.partners).contains(&actor("interpol")),
        "{:?}",
        d.partners
    );
    assert!(
        iris(&d.beneficiaries).contains(&actor("member-states")),
        "{:?}",
        d.beneficiaries
    );
    assert!(
        d.topics.iter().any(|t| t.as_str().contains("biometric")),
        "{:?}",
        d.topics
    );
    assert!(
        d.conditions
            .iter()
            .any(|c| c.as_str().contains("upon-request")),
        "{:?}",
        d.conditions
    );
    assert!(
        d.action
            .starts_with("to continue to provide technical assistance"),
        "{}",
        d.action
    );
}

#[test]
fn one_paragraph_two_mandates_with_different_addressees() {
    let (_, f) = findings();
    let ds = directives(&f, "para_1");
    assert_eq!(ds.len(), 2, "{ds:#?}");
    assert_eq!(ds[0].category.as_deref(), Some("urge"));
    assert_eq!(iris(&ds[0].addressees), vec![actor("member-states")]);
    assert_eq!(ds[1].category.as_deref(), Some("request"));
    assert_eq!(iris(&ds[1].addressees), vec![actor("unodc")]);
    // "to those ends": the second clause of paragraph 2 takes the topics of the first.
    let two = directives(&f, "para_2");
    assert_eq!(two.len(), 2);
    assert_eq!(iris(&two[1].addressees), vec![actor("unodc")]);
    assert!(
        iris(&two[1].beneficiaries).contains(&actor("requesting-states")),
        "{:?}",
        two[1].beneficiaries
    );
}

#[test]
fn member_states_and_secretary_general_paragraphs_do_not_ask_unodc() {
    let (_, f) = findings();
    for eid in ["para_12", "para_35", "para_36"] {
        for d in directives(&f, eid) {
            assert!(
                !iris(&d.addressees).contains(&actor("unodc")),
                "{eid}: {d:#?}"
            );
        }
    }
    let sg = directives(&f, "para_35");
    assert_eq!(iris(&sg[0].addressees), vec![actor("secretary-general")]);
}

#[test]
fn preamble_has_no_directives() {
    let (_, f) = findings();
    assert!(
        f.directives
            .iter()
            .all(|d| d.paragraph.starts_with("para_"))
    );
}

#[test]
fn citations_resolve() {
    let (_, f) = findings();
    let cited = |eid: &str| -> Vec<String> {
        f.citations
            .iter()
            .filter(|c| c.paragraph == eid)
            .map(|c| match &c.target {
                Target::Document(d) => d.symbol.clone(),
                Target::Treaty { number, .. } => format!("UNTS {number}"),
                Target::Instrument(iri) => iri.as_str().to_string(),
            })
            .collect()
    };
    let p8 = cited("preamble__para_8");
    assert!(p8.contains(&"A/RES/74/175".to_string()), "{p8:?}");
    let dated = f
        .citations
        .iter()
        .find(|c| c.paragraph == "preamble__para_8" && c.surface.starts_with("74/175"))
        .unwrap();
    assert_eq!(dated.date.unwrap().to_string(), "2019-12-18");
    // Footnote 1 carries 20 resolutions and attaches to the paragraph with its marker.
    let p7 = cited("preamble__para_7");
    for s in [
        "A/RES/72/194",
        "A/RES/75/291",
        "S/RES/2133 (2014)",
        "S/RES/2462 (2019)",
    ] {
        assert!(p7.contains(&s.to_string()), "{s} in {p7:?}");
    }
    assert_eq!(p7.iter().filter(|s| s.starts_with("S/RES/")).count(), 13);
    assert!(cited("preamble__para_11").contains(&"E/CN.15/2023/5".to_string()));
    // Footnote 4 (Treaty Series No. 39574) is the Organized Crime Convention.
    let p2 = cited("para_2");
    assert!(p2.iter().any(|s| s.ends_with("/untoc")), "{p2:?}");
    // "Resolution 76/181, annex" makes the Kyoto Declaration the annex of A/RES/76/181.
    let kyoto = f
        .citations
        .iter()
        .find(|c| c.paragraph == "preamble__para_10" && c.annexed_to.is_some())
        .expect("Kyoto annex link");
    let carrier = kyoto.annexed_to.as_ref().unwrap();
    assert_eq!(carrier.symbol, "A/RES/76/181");
    assert_eq!(
        carrier.iri.as_str(),
        format!("{}A/RES/76/181", iri::DOC_BASE)
    );
}

#[test]
fn actors_mentioned() {
    let (_, f) = findings();
    let mentioned = |eid: &str| -> Vec<String> {
        f.mentions
            .iter()
            .filter(|m| m.paragraph == eid)
            .map(|m| m.actor.as_str().to_string())
            .collect()
    };
    assert!(mentioned("para_13").contains(&actor("interpol")));
    assert!(
        mentioned("para_23").contains(&actor("icao")),
        "{:?}",
        mentioned("para_23")
    );
    assert!(
        mentioned("para_27").contains(&actor("inter-parliamentary-union")),
        "{:?}",
        mentioned("para_27")
    );
    // "the Office" is UNODC here, because the document names UNODC.
    let office = f
        .mentions
        .iter()
        .find(|m| m.paragraph == "para_9" && m.surface == "the Office")
        .expect("the Office in para 9");
    assert_eq!(office.actor.as_str(), actor("unodc"));
}

#[test]
fn spans_of_findings_point_at_their_words() {
    let text = common::reference_text();
    let (_, f) = findings();
    for m in &f.mentions {
        // A footnote block may stand between the words; the ends are the mention's.
        let slice = &text[m.span.start..m.span.end];
        assert!(
            slice.starts_with(m.surface.split_whitespace().next().unwrap()),
            "{m:?}: {slice:?}"
        );
        assert!(
            slice.ends_with(m.surface.split_whitespace().last().unwrap()),
            "{m:?}: {slice:?}"
        );
        assert!(slice.len() < m.surface.len() + 200, "{m:?}");
    }
}

/// Parses a resolution's text and returns its findings.
fn findings_of_text(text: &str) -> resograph::Findings {
    let k = common::knowledge();
    let doc = resograph::parse(text, &k.lexicon).unwrap();
    Extractor::new(k).extract(&doc, &source(text))
}

/// Parses a one-paragraph resolution and returns its findings.
fn one_paragraph(paragraph: &str) -> resograph::Findings {
    findings_of_text(&format!(
        "The General Assembly,\n\nRecalling the United Nations Office on Drugs and Crime,\n\n1. {paragraph}\n"
    ))
}

#[test]
fn actor_phrasings() {
    let rows: &[(&str, &[&str])] = &[
        ("Requests UNODC to act;", &["unodc"]),
        ("Requests the Office to act;", &["unodc"]),
        (
            "Calls upon the International Criminal Police Organization to act;",
            &["interpol"],
        ),
        ("Calls upon INTERPOL to act;", &["interpol"]),
        ("Demands that Iraq withdraw;", &["iraq"]),
        (
            "Calls upon the Democratic Republic of the Congo to act;",
            &["democratic-republic-of-the-congo"],
        ),
        ("Invites requesting States to act;", &["requesting-states"]),
        ("Urges Member States to act;", &["member-states"]),
        ("Encourages civil society to act;", &["civil-society"]),
        (
            "Requests the Secretary-General to report;",
            &["secretary-general"],
        ),
        (
            "Requests the Counter-Terrorism Committee Executive Directorate to act;",
            &["cted"],
        ),
    ];
    for (text, expected) in rows {
        let f = one_paragraph(text);
        let d = f
            .directives
            .iter()
            .find(|d| d.paragraph == "para_1")
            .unwrap_or_else(|| panic!("{text}: no directive"));
        let got: Vec<String> = d
            .addressees
            .iter()
            .map(|a| a.as_str().trim_start_matches(iri::ACTOR_BASE).to_string())
            .collect();
        assert_eq!(got, *expected, "{text}");
    }
}

#[test]
fn verb_phrasings() {
    let rows = [
        (
            "Also requests the Secretary-General to report;",
            "request",
            vec!["also"],
        ),
        (
            "Further invites Member States to act;",
            "invite",
            vec!["further"],
        ),
        ("Calls upon Member States to act;", "call upon", vec![]),
        (
            "Strongly urges Member States to act;",
            "urge",
            vec!["strongly"],
        ),
        ("Decides to remain seized of the matter;", "decide", vec![]),
        ("Condemns all acts of terrorism;", "condemn", vec![]),
        ("Welcomes the report;", "welcome", vec![]),
    ];
    for (text, category, modifiers) in rows {
        let f = one_paragraph(text);
        let d = &f.directives[0];
        assert_eq!(d.category.as_deref(), Some(category), "{text}");
        assert_eq!(d.modifiers, modifiers, "{text}");
    }
}

#[test]
fn topic_phrasings() {
    let rows = [
        (
            "Requests UNODC to assist States in countering the financing of terrorism;",
            "terrorist-financing",
        ),
        (
            "Requests UNODC to assess terrorist-financing risks;",
            "terrorist-financing",
        ),
        (
            "Requests UNODC to help States collect biometric data;",
            "biometric",
        ),
        (
            "Requests UNODC to combat trafficking in cultural property;",
            "cultural",
        ),
    ];
    for (text, topic) in rows {
        let f = one_paragraph(text);
        let topics: Vec<&str> = f.directives[0].topics.iter().map(|t| t.as_str()).collect();
        assert!(
            topics.iter().any(|t| t.contains(topic)),
            "{text}: {topics:?}"
        );
    }
}

/// The directives of a synthetic resolution: preamble `preamble`, operative paragraphs
/// `operative` numbered from 1.
fn resolution(preamble: &[&str], operative: &[&str]) -> resograph::Findings {
    let k = common::knowledge();
    let mut text = String::from("The Security Council,\n\n");
    for p in preamble {
        text.push_str(&format!("{p}\n\n"));
    }
    for (i, p) in operative.iter().enumerate() {
        text.push_str(&format!("{}. {p}\n\n", i + 1));
    }
    let doc = resograph::parse(&text, &k.lexicon).unwrap();
    Extractor::new(k).extract(&doc, &source(&text))
}

fn locals(v: &[oxigraph::model::NamedNode]) -> Vec<String> {
    v.iter()
        .map(|a| {
            let s = a.as_str();
            s.rsplit('/').next().unwrap_or(s).to_string()
        })
        .collect()
}

#[test]
fn addressees_as_printed_and_in_context() {
    let rows: &[(&str, &[&str], &str)] = &[
        // A name the registry lacks stays findable by its words.
        (
            "Invites the Federation of Imaginary Sports to act;",
            &[],
            "the Federation of Imaginary Sports",
        ),
        // Renewed calls are calls, in the resolution's own voice.
        (
            "Reiterates its call upon all States to act;",
            &["states"],
            "all States",
        ),
        (
            "Appeals to all Member States to act;",
            &["member-states"],
            "all Member States",
        ),
        // A group named by what follows it.
        (
            "Calls upon the Governments of Israel and Jordan to act;",
            &["israel", "jordan"],
            "the Governments of Israel and Jordan",
        ),
        // A name after "of" completes another name.
        (
            "Encourages the Chair of the Meeting of States to act;",
            &[],
            "the Chair of the Meeting of States",
        ),
        (
            "Calls upon all States Members of the United Nations or of the specialized agencies to act;",
            &["member-states"],
            "all States Members of the United Nations or of the specialized agencies",
        ),
        // What is called for is not who is asked; the agent of a passive is.
        (
            "Calls for the surrender to INTERPOL of indicted persons;",
            &[],
            "",
        ),
        // The subject of a passive is asked.
        (
            "That the Secretary-General be requested to report;",
            &["secretary-general"],
            "the Secretary-General",
        ),
        (
            "Calls for the Peacebuilding Commission to serve as a platform;",
            &["peacebuilding-commission"],
            "the Peacebuilding Commission",
        ),
        (
            "Calls for practical steps to be taken by all nuclear-weapon States;",
            &["nuclear-weapon-states"],
            "all nuclear-weapon States",
        ),
    ];
    for (text, expected, phrase) in rows {
        let f = one_paragraph(text);
        let d = &f.directives[0];
        assert_eq!(locals(&d.addressees), *expected, "{text}");
        assert_eq!(d.addressee_phrase, *phrase, "{text}");
    }
}

#[test]
fn addressees_and_topics_that_refer_back() {
    let f = resolution(
        &["Noting the hostilities between Pakistan and India,"],
        &[
            "Invites all countries of the region to declare their support for a nuclear-weapon-free zone;",
            "Also invites those countries to refrain from testing;",
            "Calls upon the parties to cease fire;",
            "Decides that the decision to annex the occupied Syrian Golan is null and void;",
            "Demands that Israel, the occupying Power, should rescind forthwith its decision;",
            "Requests the Secretary-General to report on the implementation of paragraph 1 above;",
        ],
    );
    let first = |eid: &str| f.directives.iter().find(|d| d.paragraph == eid).unwrap();
    // "those countries" stands for the countries asked before, and says so.
    assert_eq!(
        first("para_2").addressee_phrase,
        "those countries [all countries of the region]"
    );
    // "the parties": the States the preamble names.
    assert_eq!(
        locals(&first("para_3").addressees)[1..],
        ["pakistan", "india"]
    );
    // "its decision": what the paragraph before decided; the that-clause's subject is asked,
    // not a topic.
    let demand = first("para_5");
    assert_eq!(locals(&demand.addressees), ["israel"]);
    assert_eq!(locals(&demand.topics), ["occupied-syrian-golan"]);
    assert!(demand.concerns.is_empty(), "{:?}", demand.concerns);
    // "paragraph 1 above": what paragraph 1 is about.
    assert!(
        locals(&first("para_6").topics).contains(&"nuclear-weapon-free-zones".to_string()),
        "{:?}",
        first("para_6").topics
    );
}

#[test]
fn sub_paragraphs_in_the_infinitive_continue_their_chapeau() {
    let f = one_paragraph(
        "Encourages Member States to continue their efforts, inter alia:\n\n(a) To support the universalization of the Treaty;\n\n(b) To promote disarmament education;",
    );
    let b = f
        .directives
        .iter()
        .find(|d| d.paragraph.ends_with("point_b"))
        .expect("sub-paragraph (b)");
    assert_eq!(b.verb_phrase, "Encourages");
    assert_eq!(locals(&b.addressees), ["member-states"]);
    assert!(
        locals(&b.topics).contains(&"disarmament-education".to_string())
            || locals(&b.topics).contains(&"education".to_string()),
        "{:?}",
        b.topics
    );
}

#[test]
fn places_and_instruments_a_mandate_concerns_and_the_documents_subject() {
    let f = resolution(
        &[
            "Gravely concerned at the situation in Cyprus,",
            "Noting the reports on Cyprus,",
        ],
        &[
            "Requests the Secretary-General to report on the situation in the Libyan Arab Jamahiriya and on the Treaty on the Non-Proliferation of Nuclear Weapons;",
        ],
    );
    let d = &f.directives[0];
    assert_eq!(locals(&d.concerns), ["libya", "npt"]);
    assert!(
        locals(&f.subjects).contains(&"cyprus".to_string()),
        "{:?}",
        f.subjects
    );
    // A topic named only in a standard the action must meet is not what it is about.
    let f = one_paragraph(
        "Requests UNODC to share biometric data, in compliance with international human rights law;",
    );
    let topics = locals(&f.directives[0].topics);
    assert!(topics.contains(&"biometrics".to_string()), "{topics:?}");
    assert!(
        !topics.iter().any(|t| t.contains("human-rights")),
        "{topics:?}"
    );
}

#[test]
fn requests_recalled_are_not_requests() {
    for text in [
        "Recalls its request to the Secretary-General to report on the matter;",
        "Recalls its resolution 1234 (1999), in which it requested the Secretary-General to report;",
        "Takes note of the report requested of the Secretary-General in resolution 1234 (1999);",
    ] {
        let f = one_paragraph(text);
        assert!(
            f.directives.iter().all(|d| !d.mandating),
            "{text}: {:?}",
            f.directives
                .iter()
                .map(|d| (&d.verb_phrase, d.mandating))
                .collect::<Vec<_>>()
        );
    }
    for text in [
        "Reiterates its request to the Secretary-General to report;",
        "Renews its request to the Secretary-General to report;",
        "Once again requests the Secretary-General to report;",
        "Reaffirms its call upon all States to refrain from such acts;",
    ] {
        let f = one_paragraph(text);
        assert!(f.directives[0].mandating, "{text}");
        assert!(!f.directives[0].addressees.is_empty(), "{text}");
    }
}

/// Extracts a one-paragraph Security Council resolution.
fn findings_of(operative: &str) -> resograph::Findings {
    findings_of_text(&format!(
        "S/RES/9999 (2030)\n\nThe Security Council,\n\nRecalling its resolutions,\n\n1. {operative}\n"
    ))
}

#[test]
fn citations_are_named_by_what_they_cite() {
    let f = findings_of(
        "Demands that Iraq comply with paragraphs 3 and 4 of resolution 1373 (2001), with resolution 1373 (2001) and with paragraph 13 of resolution 687 (1991);",
    );
    let cites: Vec<(&str, Vec<&str>)> = f
        .citations
        .iter()
        .map(|c| {
            let parts = match &c.target {
                Target::Document(d) => d.paragraphs.iter().map(|p| p.as_str()).collect(),
                _ => Vec::new(),
            };
            (c.eid.as_str(), parts)
        })
        .collect();
    let doc = "https://w3id.org/resograph/doc/S/RES";
    assert_eq!(
        cites,
        [
            (
                "para_1__cite_S_RES_1373_2001",
                vec![
                    format!("{doc}/1373(2001)/para_3").as_str(),
                    format!("{doc}/1373(2001)/para_4").as_str()
                ]
            ),
            ("para_1__cite_S_RES_1373_2001_2", vec![]),
            (
                "para_1__cite_S_RES_687_1991",
                vec![format!("{doc}/687(1991)/para_13").as_str()]
            ),
        ]
    );
    // One citation fewer of another document leaves the others' ids as they were.
    let fewer = findings_of(
        "Demands that Iraq comply with resolution 1373 (2001) and with paragraph 13 of resolution 687 (1991);",
    );
    let eids: Vec<&str> = fewer.citations.iter().map(|c| c.eid.as_str()).collect();
    assert_eq!(
        eids,
        [
            "para_1__cite_S_RES_1373_2001",
            "para_1__cite_S_RES_687_1991"
        ]
    );
}

#[test]
fn directives_are_named_by_where_their_verb_stands() {
    let text = "Requests the Secretary-General to report, and calls upon all States to cooperate;";
    let f = findings_of(text);
    let eids: Vec<&str> = f.directives.iter().map(|d| d.eid.as_str()).collect();
    let calls = text.find("calls").unwrap();
    assert_eq!(
        eids,
        [
            "para_1__directive_0".to_string(),
            format!("para_1__directive_{calls}")
        ]
    );
}

/// A Treaty Series number shared by a convention and its protocols resolves by the volume
/// cited: one volume, one instrument; all four volumes, all four; no known volume, the
/// convention they are registered under.
#[test]
fn a_shared_treaty_number_resolves_by_volume() {
    let rows: [(&str, &[&str]); 3] = [
        (
            "United Nations, Treaty Series, vol. 2237, No. 39574.",
            &["untoc-trafficking-in-persons-protocol"],
        ),
        (
            "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.",
            &[
                "untoc",
                "untoc-firearms-protocol",
                "untoc-smuggling-of-migrants-protocol",
                "untoc-trafficking-in-persons-protocol",
            ],
        ),
        (
            "United Nations, Treaty Series, vol. 9999, No. 39574.",
            &["untoc"],
        ),
    ];
    for (note, want) in rows {
        let f = findings_of(&format!("Urges States to act.¹\n\n¹ {note}"));
        let mut cited: Vec<&str> = f
            .citations
            .iter()
            .filter_map(|c| match &c.target {
                Target::Instrument(i) => i.as_str().rsplit('/').next(),
                _ => None,
            })
            .collect();
        cited.sort_unstable();
        cited.dedup();
        assert_eq!(cited, want, "{note}");
    }
}
