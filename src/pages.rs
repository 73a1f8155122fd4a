//! The pages `resograph serve` writes for a reader: HTML rendered on the server, with its
//! style inline, no script and nothing fetched from elsewhere. The home page asks the
//! question (actor and topic, suggested from the registries by a `datalist`); `/requests`
//! lists the answers with the addressee and the topic marked in the text; a page per
//! document (its header, paragraphs and footnotes, the mandates marked), per actor (every
//! mandate asked of it, in date order), and a SPARQL page (the canned queries, results as a
//! table). Values are escaped by `maud`.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use oxigraph::model::Term;

use crate::requests::Hit;
use crate::store::Answer;

const STYLE: &str = "
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem;color:#1b1b1b}
header{border-bottom:1px solid #ccc;margin-bottom:1rem}
nav a{margin-right:1rem}
h1{font-size:1.5rem}
form.ask label{display:inline-block;margin-right:1rem}
input[type=text]{font:inherit;padding:.2rem .4rem;width:18rem}
textarea{font:14px/1.4 monospace;width:100%;min-height:10rem}
.answer{border-top:1px solid #ddd;padding:.5rem 0}
.why{color:#555;font-size:.9rem}
mark.addressee{background:#ffe08a}
mark.topic{background:#b9e6ff}
mark.partner{background:#d6f5d6}
mark.condition{background:none;border-bottom:2px dotted #777}
b.verb,mark.verb{color:#7a1f1f;background:none;font-weight:bold}
.paragraph{margin:.6rem 0}
.paragraph .number{font-weight:bold;margin-right:.4rem}
.sub{margin-left:2rem}
.mandate{font-size:.85rem;color:#444;margin-left:1rem}
table{border-collapse:collapse;font-size:.9rem}
td,th{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top}
";

/// A page: title, navigation, body.
pub fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · resograph" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    nav {
                        a href="/" { "Ask" }
                        a href="/sparql" { "SPARQL" }
                        a href="/void" { "Dataset (VoID)" }
                    }
                    h1 { (title) }
                }
                main { (body) }
            }
        }
    }
}

/// The question form, with suggestions: `actors` and `topics` are names from the
/// registries.
pub fn question_form(actors: &[String], topics: &[String], to: &str, topic: &str) -> Markup {
    html! {
        form.ask method="get" action="/requests" {
            label { "Who is asked " input type="text" name="to" id="to" list="actors" value=(to) required; }
            label { "on " input type="text" name="topic" id="topic" list="topics" value=(topic); }
            button type="submit" id="ask" { "Which paragraphs ask?" }
            datalist id="actors" { @for a in actors { option value=(a) {} } }
            datalist id="topics" { @for t in topics { option value=(t) {} } }
        }
    }
}

/// The home page.
pub fn home(actors: &[String], topics: &[String], documents: usize) -> Markup {
    layout(
        "Which paragraphs request … on …?",
        html! {
            p { "Ask which operative paragraphs of the " (documents) " resolutions in this store request an actor to act, on a topic or on anything." }
            (question_form(actors, topics, "", ""))
        },
    )
}

/// `text` with the first occurrence of each of `marks` (case-insensitive, as whole words)
/// wrapped in `<mark class=...>`; the marks do not overlap.
pub fn marked(text: &str, marks: &[(&str, &str)]) -> Markup {
    let lower = text.to_lowercase();
    // Byte ranges in `text`, kept only where lower-casing kept the lengths.
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    if lower.len() == text.len() {
        for (needle, class) in marks {
            let needle = needle.trim().to_lowercase();
            if needle.chars().count() < 3 {
                continue;
            }
            // The first occurrence that stands as whole words and overlaps no other mark.
            let found = lower
                .match_indices(&needle)
                .map(|(at, _)| (at, at + needle.len()))
                .find(|&(at, end)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[end..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                        && spans.iter().all(|(s, e, _)| end <= *s || at >= *e)
                });
            if let Some((at, end)) = found {
                spans.push((at, end, class));
            }
        }
    }
    spans.sort();
    let mut out = String::new();
    let mut from = 0;
    for (s, e, class) in spans {
        out.push_str(&maud::html! { (text[from..s]) }.into_string());
        out.push_str(&format!(
            "<mark class=\"{class}\">{}</mark>",
            maud::html! { (text[s..e]) }.into_string()
        ));
        from = e;
    }
    out.push_str(&maud::html! { (text[from..]) }.into_string());
    PreEscaped(out)
}

/// A local link to a resource the graph mints under `https://w3id.org/resograph/`.
pub fn local(iri: &str) -> String {
    iri.strip_prefix("https://w3id.org/resograph")
        .map_or_else(|| iri.to_string(), str::to_string)
}

/// The answers to the question.
pub fn requests(
    actors: &[String],
    topics: &[String],
    to: &str,
    topic: &str,
    hits: &[Hit],
    error: Option<&str>,
) -> Markup {
    let title = if topic.is_empty() {
        format!("Paragraphs that ask {to} to act")
    } else {
        format!("Paragraphs that ask {to} to act on “{topic}”")
    };
    layout(
        &title,
        html! {
            (question_form(actors, topics, to, topic))
            @if let Some(e) = error {
                p.error { (e) }
            } @else {
                p.count { (hits.len()) " paragraph" @if hits.len() != 1 { "s" } }
                @for h in hits {
                    @let topic_label = h.why.topic.as_ref().map(|t| t.label.clone()).unwrap_or_default();
                    div.answer {
                        div {
                            a href=(local(&h.document_iri)) { (h.document) }
                            " "
                            a.paragraph-link href=(format!("{}#{}", local(&h.document_iri), h.iri.rsplit('/').next().unwrap_or_default())) {
                                "paragraph " @if h.number.is_empty() { "(unnumbered)" } @else { (h.number) }
                            }
                            " · " b.verb { (h.verb) }
                        }
                        p.text { (marked(&h.text, &[(&h.why.addressee, "addressee"), (&topic_label, "topic"), (topic, "topic")])) }
                        p.why {
                            "asks: " (h.why.addressee)
                            @if !h.why.parts.is_empty() { " (sub-paragraph " (h.why.parts.join(", ")) ")" }
                            @if let Some(t) = &h.why.topic { " · on: " (t.label) " (" (t.by.as_str()) ")" }
                        }
                    }
                }
            }
        },
    )
}

/// A paragraph of a document page.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// Its IRI.
    pub iri: String,
    /// "preamble", "operative" or "sub-paragraph".
    pub kind: String,
    /// Its number as printed.
    pub number: String,
    /// Its text.
    pub text: String,
    /// The mandates it holds.
    pub mandates: Vec<Mandate>,
}

/// A mandate as a document page marks it.
#[derive(Debug, Clone, Default)]
pub struct Mandate {
    /// The verb as printed.
    pub verb: String,
    /// Who is asked, as printed.
    pub addressee: String,
    /// The addressees the registry knows: IRI and name.
    pub actors: Vec<(String, String)>,
    /// Partners ("in cooperation with"): IRI, name, and the names that may be printed.
    pub partners: Vec<(String, String, Vec<String>)>,
    /// Conditions ("upon request"): label and the phrases that say it.
    pub conditions: Vec<(String, Vec<String>)>,
}

/// A document's page.
pub fn document(
    title: &str,
    header: &[(String, Markup)],
    paragraphs: &[Paragraph],
    footnotes: &[(String, String)],
) -> Markup {
    layout(
        title,
        html! {
            table.header { @for (k, v) in header { tr { th { (k) } td { (v) } } } }
            @for p in paragraphs {
                @let id = p.iri.rsplit('/').next().unwrap_or_default();
                div.paragraph.(p.kind) .sub[p.kind == "sub-paragraph"] id=(id) {
                    @if !p.number.is_empty() { span.number { (p.number) } }
                    @let marks: Vec<(&str, &str)> = p.mandates.iter().flat_map(|m| {
                        [(m.verb.as_str(), "verb"), (m.addressee.as_str(), "addressee")]
                            .into_iter()
                            .chain(m.partners.iter().flat_map(|(_, _, names)| names.iter().map(|n| (n.as_str(), "partner"))))
                            .chain(m.conditions.iter().flat_map(|(_, phrases)| phrases.iter().map(|c| (c.as_str(), "condition"))))
                    }).collect();
                    (marked(&p.text, &marks))
                    @for m in &p.mandates {
                        div.mandate {
                            "mandate: " b.verb { (m.verb) } " → " (m.addressee)
                            @for (iri, name) in &m.actors { " · " a href=(local(iri)) { (name) } }
                            @if !m.partners.is_empty() {
                                " · with: "
                                @for (i, (iri, name, _)) in m.partners.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    a.partner href=(local(iri)) { (name) }
                                }
                            }
                            @if !m.conditions.is_empty() {
                                " · conditions: "
                                @for (i, (label, _)) in m.conditions.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    span.condition { (label) }
                                }
                            }
                        }
                    }
                }
            }
            @if !footnotes.is_empty() {
                h2 { "Footnotes" }
                ol.footnotes { @for (marker, text) in footnotes { li { sup { (marker) } " " (text) } } }
            }
        },
    )
}

/// An actor's page: every mandate asked of it, in date order.
pub fn actor(name: &str, rows: &[(String, String, String, String, String)]) -> Markup {
    layout(
        name,
        html! {
            p { (rows.len()) " mandate" @if rows.len() != 1 { "s" } " asked of " (name) ", in date order." }
            table {
                tr { th { "date" } th { "document" } th { "paragraph" } th { "verb" } }
                @for (date, document, document_iri, paragraph, verb) in rows {
                    tr {
                        td { (date) }
                        td { a href=(local(document_iri)) { (document) } }
                        td { (paragraph) }
                        td { (verb) }
                    }
                }
            }
        },
    )
}

/// An answer as a table (rows, a boolean, or triples).
pub fn table(answer: &Answer) -> Markup {
    let cell = |t: &Option<Term>| -> Markup {
        match t {
            Some(Term::NamedNode(n)) => html! { a href=(local(n.as_str())) { (n.as_str()) } },
            Some(Term::Literal(l)) => html! { (l.value()) },
            Some(other) => html! { (other.to_string()) },
            None => html! {},
        }
    };
    html! {
        @match answer {
            Answer::Rows { variables, rows, truncated } => {
                p { (rows.len()) " rows" @if *truncated { " (cut)" } }
                table.results {
                    tr { @for v in variables { th { (v) } } }
                    @for r in rows { tr { @for c in r { td { (cell(c)) } } } }
                }
            }
            Answer::Boolean(b) => { p.boolean { (b) } }
            Answer::Graph(triples) => {
                table.results {
                    tr { th { "subject" } th { "predicate" } th { "object" } }
                    @for t in triples { tr { td { (t.subject.to_string()) } td { (t.predicate.as_str()) } td { (t.object.to_string()) } } }
                }
            }
        }
    }
}

/// The SPARQL page: an editor, the canned queries, the answer as a table.
pub fn sparql(
    query: &str,
    canned: &[(&str, &str)],
    answer: Option<&Answer>,
    error: Option<&str>,
) -> Markup {
    layout(
        "SPARQL",
        html! {
            form method="get" action="/sparql" {
                textarea name="query" id="query" { (query) }
                button type="submit" id="run" { "Run" }
            }
            @if let Some(e) = error { pre.error { (e) } }
            @if let Some(answer) = answer { (table(answer)) }
            h2 { "Canned queries" }
            dl {
                @for (name, text) in canned {
                    dt { a href=(format!("/sparql?query={}", form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>())) { (name) } }
                    dd { (text.lines().next().unwrap_or_default().trim_start_matches("# ")) }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_placed_and_text_is_escaped() {
        let out = marked(
            "Requests the Office <script>, and share biometric data & more",
            &[
                ("the Office", "addressee"),
                ("biometric data", "topic"),
                ("xy", "topic"),
            ],
        )
        .into_string();
        assert_eq!(
            out,
            "Requests <mark class=\"addressee\">the Office</mark> &lt;script&gt;, and share \
             <mark class=\"topic\">biometric data</mark> &amp; more"
        );
    }

    #[test]
    fn marks_stand_as_whole_words() {
        let out = marked(
            "to assist them, upon request, now",
            &[("on request", "condition"), ("upon request", "condition")],
        )
        .into_string();
        assert_eq!(
            out,
            "to assist them, <mark class=\"condition\">upon request</mark>, now"
        );
    }

    #[test]
    fn pages_escape_what_the_user_typed() {
        let page = requests(
            &[],
            &[],
            "<b>UNODC</b>",
            "\"><script>",
            &[],
            Some("no <actor>"),
        )
        .into_string();
        assert!(
            !page.contains("<script>") && !page.contains("<b>UNODC"),
            "{page}"
        );
        assert!(page.contains("&lt;b&gt;UNODC"));
    }
}
