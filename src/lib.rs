//! resograph: United Nations resolutions as a linked-data knowledge graph.
//!
//! The pipeline runs one way, each stage a typed value:
//!
//! ```text
//! text ──parse──▶ Document ──extract──▶ Findings ──graph──▶ quads ──store──▶ SPARQL / Turtle
//! ```
//!
//! - [`mod@parse`]: plain text (PDF-to-text, OCR, Markdown) to a [`Document`] with spans;
//! - [`extract`]: actors, citations, topics and mandates, with the [`Knowledge`] of `data/`;
//! - [`graph`]: RDF quads in the document's named graph, terms from [`vocab`], IRIs from [`iri`];
//! - [`store`]: the embedded Oxigraph store, SPARQL with bound parameters, export;
//! - [`ingest`]: the pipeline over files; [`queries`]: the canned queries of `queries/`;
//! - [`serve`]: the store over HTTP, which also takes the ingests [`handoff`] gives it;
//!   [`push`]: the store's graphs to another triplestore;
//! - [`symbol`]: the printed and undocs.org forms of UN document symbols;
//! - [`requests`]: the question users ask most; [`evaluate`]: its score on an annotated set;
//! - [`timeline`]: the establishment, extensions, renewals and end of a body's mandate,
//!   reporting duties, the mandate registry; [`repeats`] and [`relink`]: the links derived
//!   from many documents, kept up to date by each ingest; [`overlaps`]: a draft's mandates
//!   against the store.

#[macro_use]
mod macros;

pub mod describe;
pub mod evaluate;
pub mod extract;
pub mod graph;
pub mod handoff;
pub mod ingest;
pub mod iri;
pub mod knowledge;
pub mod model;
pub mod overlaps;
pub mod pages;
pub mod parse;
pub mod push;
pub mod queries;
pub mod relink;
pub mod repeats;
pub mod requests;
pub mod serve;
pub mod store;
pub mod symbol;
pub mod timeline;
pub mod vocab;

pub use extract::{Extractor, Findings};
pub use knowledge::Knowledge;
pub use model::Document;
pub use parse::{Lexicon, ParseError, parse};
pub use store::GraphStore;
