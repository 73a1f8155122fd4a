//! Every IRI minted from data is made here, and validated with `iri-string`.
//!
//! - A document with a symbol: `https://w3id.org/resograph/doc/<symbol>`, the symbol
//!   written as undocs.org writes it (`S/RES/2178(2014)`: no space before the year); a
//!   document with a joint symbol (`A/57/759-S/2003/332`) by its first (`doc/A/57/759`).
//!   A corrigendum, revision or addendum has an IRI of its own (`doc/A/34/45/Corr.1`): it is
//!   related to its parent document in the graph, never a part of it.
//!   The same IRI is minted when another document cites that symbol.
//! - A document without a symbol: `https://w3id.org/resograph/doc/unsymboled/<hash>`, the
//!   first 12 hex digits of the SHA-256 of its text with whitespace runs made single
//!   spaces: stable across re-ingests and re-wraps, independent of what extraction makes
//!   of the text, and different for two revisions of a draft with the same title.
//! - Parts of a document: `<document>/<eId>` with Akoma Ntoso element ids
//!   (`para_13`, `para_8__list_1__point_a`, `preamble__para_2`, `note_4`). A numbered
//!   operative paragraph is `para_<number>` in whatever section it stands, so a citation of
//!   "paragraph 13 of resolution 687 (1991)" is `<doc/S/RES/687(1991)>/para_13`.

use iri_string::types::IriStr;
use oxigraph::model::{NamedNode, Term};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::model::{Metadata, Source};
use crate::symbol;

/// Base of document IRIs.
pub const DOC_BASE: &str = "https://w3id.org/resograph/doc/";
/// Base of actor IRIs.
pub const ACTOR_BASE: &str = "https://w3id.org/resograph/actor/";
/// Base of actor-kind IRIs.
pub const ACTOR_KIND_BASE: &str = "https://w3id.org/resograph/actor-kind/";
/// Base of topic IRIs.
pub const TOPIC_BASE: &str = "https://w3id.org/resograph/topic/";
/// Base of verb IRIs.
pub const VERB_BASE: &str = "https://w3id.org/resograph/verb/";
/// Base of named-instrument IRIs.
pub const INSTRUMENT_BASE: &str = "https://w3id.org/resograph/instrument/";
/// Base of instrument-kind IRIs.
pub const INSTRUMENT_KIND_BASE: &str = "https://w3id.org/resograph/instrument-kind/";
/// Base of mandate-term IRIs (modifiers, activities, conditions).
pub const MANDATE_TERM_BASE: &str = "https://w3id.org/resograph/mandate-term/";
/// Base of UN Treaty Series registrations.
pub const UNTS_BASE: &str = "https://w3id.org/resograph/unts/";
/// The named graph that holds the ontology and the registries.
pub const VOCABULARY_GRAPH: &str = "https://w3id.org/resograph/graph/vocabulary";

/// Where the named graphs of mandate histories begin: one graph per body or operation,
/// `…/graph/history/` and the actor's local name (`…/graph/history/unficyp`), rebuilt
/// whole after every ingest from the lifecycle statements of all documents.
pub const HISTORY_GRAPH_BASE: &str = "https://w3id.org/resograph/graph/history/";

/// Where the named graphs of repeated mandates begin: one graph per addressee,
/// `…/graph/repeats/` and the actor's local name (`…/graph/repeats/secretary-general`),
/// or `…/graph/repeats/key/` and the percent-encoded index key of an addressee the registry
/// does not name; recomputed after every ingest ([`crate::repeats`]).
pub const REPEATS_GRAPH_BASE: &str = "https://w3id.org/resograph/graph/repeats/";

/// The graph of the mandate history of `actor`: its local name under
/// [`HISTORY_GRAPH_BASE`] for an actor of the registry, else the percent-encoded IRI.
pub fn history_graph(actor: &NamedNode) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{HISTORY_GRAPH_BASE}{}",
        actor_local(actor.as_str())
    ))
}

/// The graph of the repeated mandates to `addressee`: an actor IRI of the registry, another
/// IRI, or the index key (`rg:addresseeKey`) of a printed addressee.
pub fn repeats_graph(addressee: &Term) -> NamedNode {
    let local = match addressee {
        Term::NamedNode(n) => actor_local(n.as_str()),
        Term::Literal(l) => format!("key/{}", utf8_percent_encode(l.value(), NON_ALPHANUMERIC)),
        other => format!(
            "key/{}",
            utf8_percent_encode(&other.to_string(), NON_ALPHANUMERIC)
        ),
    };
    NamedNode::new_unchecked(format!("{REPEATS_GRAPH_BASE}{local}"))
}

/// An actor's local name under [`ACTOR_BASE`], else its percent-encoded IRI.
fn actor_local(iri: &str) -> String {
    match iri.strip_prefix(ACTOR_BASE) {
        Some(local) => local.to_string(),
        None => utf8_percent_encode(iri, NON_ALPHANUMERIC).to_string(),
    }
}
const UNDOCS: &str = "https://undocs.org/";
const DIGITAL_LIBRARY: &str = "https://digitallibrary.un.org/record/";
/// ISO 639-1 (two-letter) language codes of the Library of Congress, as DCMI recommends.
const ISO_639_1: &str = "http://id.loc.gov/vocabulary/iso639-1/";
/// ISO 639-2 (three-letter) language codes of the Library of Congress.
const ISO_639_2: &str = "http://id.loc.gov/vocabulary/iso639-2/";

/// Builds a named node from a string that must be a valid IRI.
///
/// Minted IRIs are made of validated parts; a failure here is a bug, reported as a panic
/// with the offending IRI rather than silently producing invalid RDF.
pub fn named(iri: String) -> NamedNode {
    match IriStr::new(&iri) {
        Ok(_) => NamedNode::new_unchecked(iri),
        Err(e) => panic!("minted an invalid IRI {iri:?}: {e}"),
    }
}

/// The characters a symbol keeps in a path; every other one is percent-encoded.
const SYMBOL_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'.')
    .remove(b'-')
    .remove(b'(')
    .remove(b')')
    .remove(b'_');

/// A symbol as a path: its undocs.org form ([`symbol::undocs_form`]), characters other
/// than letters, digits and `/ . - ( ) _` percent-encoded. A joint symbol is written by its
/// first symbol, the one its document is named by.
pub fn symbol_path(symbol: &str) -> String {
    let first = symbol::joint_parts(symbol)[0];
    utf8_percent_encode(&symbol::undocs_form(first), SYMBOL_ESCAPES).to_string()
}

/// The IRI a document gets: the user's symbol, else the printed symbol, else a hash of
/// its text.
///
/// Called once per document (by the extractor); every later stage uses the result.
pub fn of_document(meta: &Metadata, source: &Source<'_>) -> NamedNode {
    if let Some(symbol) = source.symbol {
        return document(symbol);
    }
    if let Some(symbol) = &meta.symbol {
        return document(&symbol.value);
    }
    unsymboled(source.text)
}

/// The IRI of the document with this symbol.
pub fn document(symbol: &str) -> NamedNode {
    named(format!("{DOC_BASE}{}", symbol_path(symbol)))
}

/// The symbol a document IRI was minted from, in its undocs.org form
/// (`<doc/A/RES/2200(XXI)>` -> "A/RES/2200(XXI)"); `None` for an IRI that is not a
/// document's or names a document without a symbol.
pub fn symbol_of(document: &NamedNode) -> Option<String> {
    let path = document.as_str().strip_prefix(DOC_BASE)?;
    if path.is_empty() || document.as_str().starts_with(UNSYMBOLED_BASE) {
        return None;
    }
    let symbol = percent_decode_str(path).decode_utf8().ok()?;
    Some(symbol.into_owned())
}

/// Where the graphs of language versions other than English are named.
pub const VERSION_GRAPH_BASE: &str = "https://w3id.org/resograph/graph/";

/// The named graph that holds one language version of a document: the document's own IRI
/// for English (the language resograph reads, and the graph name every query has known),
/// `https://w3id.org/resograph/graph/<language>/<document path>` for another
/// (`graph/fr/A/RES/80/11`). The document and its parts keep one IRI in every language;
/// each version's text, spans and offsets stay in its own graph, so two versions never
/// collide, and re-ingesting one replaces only that one.
pub fn version_graph(document: &NamedNode, language: &str) -> NamedNode {
    if language == "en" {
        return document.clone();
    }
    let path = document
        .as_str()
        .strip_prefix(DOC_BASE)
        .unwrap_or(document.as_str());
    named(format!("{VERSION_GRAPH_BASE}{}/{path}", slug(language, 8)))
}

/// The undocs.org page of a symbol.
pub fn undocs(symbol: &str) -> NamedNode {
    named(format!("{UNDOCS}{}", symbol_path(symbol)))
}

/// A UN Digital Library record.
pub fn digital_library(record: &str) -> Option<NamedNode> {
    record
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| named(format!("{DIGITAL_LIBRARY}{record}")))
}

/// The Library of Congress IRI of an ISO 639 language code ("EN" ->
/// `http://id.loc.gov/vocabulary/iso639-1/en`); `None` for anything but two or three
/// ASCII letters.
pub fn language(code: &str) -> Option<NamedNode> {
    let code = code.trim();
    if !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let base = match code.len() {
        2 => ISO_639_1,
        3 => ISO_639_2,
        _ => return None,
    };
    Some(named(format!("{base}{}", code.to_ascii_lowercase())))
}

/// Where the text-position selectors of spans live.
const SELECTOR_BASE: &str = "https://w3id.org/resograph/selector/";
/// Where the records of ingests live.
const INGEST_BASE: &str = "https://w3id.org/resograph/ingest/";

/// The Web Annotation `oa:TextPositionSelector` of the characters `start` to `end` (end
/// exclusive): a value, the same for every source (the `oa:SpecificResource` that uses it
/// names the source), so an IRI rather than a blank node.
pub fn text_position_selector(start: usize, end: usize) -> NamedNode {
    named(format!("{SELECTOR_BASE}char={start},{end}"))
}

/// The ingest of the source text whose hash (base64url) is `source_hash`, ended at `ended`
/// (UTC, `20261201T192021.272Z`).
pub fn ingest(source_hash: &str, ended: &str) -> NamedNode {
    named(format!("{INGEST_BASE}{source_hash}/{ended}"))
}

/// A web address given in the input (front matter `source_pdf`), if it is an absolute
/// `http` or `https` IRI.
pub fn web_address(address: &str) -> Option<NamedNode> {
    let address = address.trim();
    let iri = IriStr::new(address).ok()?;
    let scheme = iri.scheme_str();
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    NamedNode::new(address).ok()
}

/// A UN Treaty Series registration.
pub fn unts(number: &str) -> NamedNode {
    named(format!("{UNTS_BASE}{}", slug(number, 20)))
}

/// A part of a document, by element id.
pub fn part(document: &NamedNode, eid: &str) -> NamedNode {
    named(format!("{}/{}", document.as_str(), slug_eid(eid)))
}

/// Where the IRIs of documents without a symbol start.
const UNSYMBOLED_BASE: &str = "https://w3id.org/resograph/doc/unsymboled/";

/// The IRI of a document without a symbol: `doc/unsymboled/` and the first 12 hex digits
/// of the SHA-256 of `text` with every run of whitespace made one space.
pub fn unsymboled(text: &str) -> NamedNode {
    let mut hash = Sha256::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash.update(b" ");
        }
        hash.update(word.as_bytes());
    }
    let hex: String = hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    named(format!("{UNSYMBOLED_BASE}{hex}"))
}

/// Whether `document` is named by [`unsymboled`]: the text printed no symbol and the user
/// gave none.
pub fn is_unsymboled(document: &str) -> bool {
    document.starts_with(UNSYMBOLED_BASE)
}

/// The actor IRI of a body of kind `kind` ("committee") that `document` establishes and the
/// registry does not name: the kind and the resolution's number for a Security Council
/// resolution (`actor/committee-661`, the pattern of the registry's sanctions committees, so
/// that a body the registry adds later keeps its IRI), else the kind and the symbol
/// (`actor/committee-a-res-80-43`), else the kind and the hash of an unsymboled text.
pub fn established_body(kind: &str, document: &NamedNode) -> NamedNode {
    let kind = slug(kind, 40);
    let local = match symbol_of(document) {
        Some(symbol) => match security_council_number(&symbol) {
            Some(n) => format!("{kind}-{n}"),
            None => format!("{kind}-{}", slug(&symbol, 60)),
        },
        None => {
            let tail = document.as_str().rsplit('/').next().unwrap_or_default();
            format!("{kind}-{}", slug(tail, 60))
        }
    };
    named(format!("{ACTOR_BASE}{local}"))
}

/// The number of a Security Council resolution symbol in its undocs.org form
/// ("S/RES/661(1990)" -> 661).
pub fn security_council_number(symbol: &str) -> Option<u32> {
    symbol
        .strip_prefix("S/RES/")?
        .split([' ', '('])
        .next()?
        .parse()
        .ok()
}

/// Lower-case ASCII words joined by hyphens, cut at a word boundary.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + word.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

fn slug_eid(eid: &str) -> String {
    eid.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn established_bodies_are_named_by_kind_and_resolution() {
        let sc = document("S/RES/661 (1990)");
        assert_eq!(
            established_body("committee", &sc).as_str(),
            format!("{ACTOR_BASE}committee-661")
        );
        let ga = document("A/RES/80/43");
        assert_eq!(
            established_body("group", &ga).as_str(),
            format!("{ACTOR_BASE}group-a-res-80-43")
        );
        let none = unsymboled("Decides to establish a fund");
        assert!(
            established_body("fund", &none)
                .as_str()
                .starts_with(&format!("{ACTOR_BASE}fund-"))
        );
    }

    #[test]
    fn symbols() {
        let rows = [
            (
                "A/RES/74/175",
                "https://w3id.org/resograph/doc/A/RES/74/175",
            ),
            (
                "S/RES/2178 (2014)",
                "https://w3id.org/resograph/doc/S/RES/2178(2014)",
            ),
            (
                "S/RES/2178  (2014)",
                "https://w3id.org/resograph/doc/S/RES/2178(2014)",
            ),
            (
                "A/RES/49/75 G",
                "https://w3id.org/resograph/doc/A/RES/49/75G",
            ),
            (
                "E/CN.15/2023/L.4/Rev.1",
                "https://w3id.org/resograph/doc/E/CN.15/2023/L.4/Rev.1",
            ),
            (
                "A/79/552-S/2024/767",
                "https://w3id.org/resograph/doc/A/79/552",
            ),
        ];
        for (symbol, iri) in rows {
            assert_eq!(document(symbol).as_str(), iri);
        }
        assert_eq!(
            undocs("S/RES/2178 (2014)").as_str(),
            "https://undocs.org/S/RES/2178(2014)"
        );
    }

    #[test]
    fn odd_symbols_are_percent_encoded() {
        let rows = [
            ("A/RES/x y\"z", "A/RES/x%20y%22z"),
            ("<>{}", "%3C%3E%7B%7D"),
            ("é/ü", "%C3%A9/%C3%BC"),
            ("A/RES/1514  (XV)", "A/RES/1514(XV)"),
            ("", ""),
        ];
        for (symbol, path) in rows {
            let iri = document(symbol);
            assert_eq!(iri.as_str(), format!("{DOC_BASE}{path}"), "{symbol:?}");
            assert!(IriStr::new(iri.as_str()).is_ok(), "{iri}");
        }
    }

    #[test]
    fn languages() {
        let rows = [
            ("EN", Some("http://id.loc.gov/vocabulary/iso639-1/en")),
            (" fr ", Some("http://id.loc.gov/vocabulary/iso639-1/fr")),
            ("ara", Some("http://id.loc.gov/vocabulary/iso639-2/ara")),
            ("English", None),
            ("e1", None),
            ("", None),
        ];
        for (code, iri) in rows {
            assert_eq!(
                language(code).as_ref().map(NamedNode::as_str),
                iri,
                "{code:?}"
            );
        }
    }

    #[test]
    fn web_addresses() {
        let pdf = "https://digitallibrary.un.org/record/4095882/files/A_RES_80_41-EN.pdf";
        assert_eq!(web_address(pdf).unwrap().as_str(), pdf);
        assert!(web_address("files/A_RES_80_41-EN.pdf").is_none());
        assert!(web_address("ftp://example.org/x.pdf").is_none());
        assert!(web_address("https://example.org/a b.pdf").is_none());
    }

    #[test]
    fn unsymboled_documents_are_named_by_their_text() {
        // SHA-256 of "abc" is ba7816bf8f01cfea414140de5dae2223... (FIPS 180-2, B.1).
        let abc = unsymboled("abc");
        assert_eq!(abc.as_str(), format!("{DOC_BASE}unsymboled/ba7816bf8f01"));
        assert!(is_unsymboled(abc.as_str()));
        assert!(!is_unsymboled(document("A/RES/74/175").as_str()));
        // Line wraps and indentation do not matter; words do.
        assert_eq!(unsymboled("a  b\n c\r\n"), unsymboled("a b c"));
        assert_ne!(
            unsymboled("Draft resolution A"),
            unsymboled("Draft resolution B")
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Technical assistance provided by UNODC", 30),
            "technical-assistance-provided"
        );
    }
}
