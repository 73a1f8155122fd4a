//! Integration tests, one module per area (fixtures under tests/data/).

mod common;

mod cli;
mod corpus;
mod extraction;
mod golden;
mod links;
mod ontology;
mod reference;
mod robustness;
mod serve;
mod setup;
mod store;
mod structure;
mod timeline;
