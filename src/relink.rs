//! The links derived from many documents: the mandate histories
//! ([`crate::timeline::link_histories_of`]) and the repeated mandates
//! ([`crate::repeats::link_repeats_of`]). Each entity's history depends only on the changes
//! to it, each addressee's repeats only on the mandates to it; so an ingest notes what its
//! documents touch ([`Touched`]), in the version it writes and in the version it replaces,
//! and afterwards relinks only those. Adding one document to a store of 10,000 then costs
//! the lookups of its few entities and addressees, not a pass over every mandate.
//!
//! Until the links are written the store carries a mark, the file [`STALE_MARK`] in its
//! directory, made (and synced) before the first document is written and removed once the
//! links are: an ingest killed in between leaves it, and the next ingest relinks the whole
//! store.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::path::Path;

use oxigraph::model::{NamedNode, Quad, Term};

use crate::store::{GraphStore, StoreError};
use crate::vocab::rg;

/// The file in a store directory that says its derived links may lag behind its documents.
pub const STALE_MARK: &str = "relink.pending";

/// What the documents of an ingest touch: the entities whose lifecycle they change and the
/// addressees of their mandates.
#[derive(Debug, Clone, Default)]
pub struct Touched {
    /// Objects of `rg:lifecycleOf`.
    pub entities: BTreeSet<NamedNode>,
    /// Objects of `rg:addressee` (registry IRIs) and `rg:addresseeKey` (index keys).
    pub addressees: HashSet<Term>,
    /// Something could not be told (a replaced graph that could not be read): relink all.
    pub everything: bool,
}

impl Touched {
    /// Notes what the quads of a document about to be written touch.
    pub fn note_quads(&mut self, quads: &[Quad]) {
        for q in quads {
            self.note(q.predicate.as_ref(), &q.object);
        }
    }

    /// Notes what the stored version of `graph`, about to be replaced, touches: three
    /// lookups in the graph's own index.
    pub fn note_stored(&mut self, store: &GraphStore, graph: &NamedNode) {
        let mut read = || -> Result<(), StoreError> {
            for predicate in [rg::LIFECYCLE_OF, rg::ADDRESSEE, rg::ADDRESSEE_KEY] {
                for (_, object, _) in store.statements_of(predicate, Some(graph))? {
                    self.note(predicate, &object);
                }
            }
            Ok(())
        };
        if read().is_err() {
            self.everything = true;
        }
    }

    fn note(&mut self, predicate: oxigraph::model::NamedNodeRef<'_>, object: &Term) {
        if predicate == rg::LIFECYCLE_OF {
            if let Term::NamedNode(entity) = object {
                self.entities.insert(entity.clone());
            }
        } else if predicate == rg::ADDRESSEE || predicate == rg::ADDRESSEE_KEY {
            self.addressees.insert(object.clone());
        }
    }
}

/// Relinks what `touched` names, or the whole store when `None` (or when it says
/// [`Touched::everything`]): histories, then repeats.
pub fn relink(store: &GraphStore, touched: Option<&Touched>) -> Result<(), StoreError> {
    match touched.filter(|t| !t.everything) {
        None => {
            crate::timeline::link_histories_of(store, None)?;
            crate::repeats::link_repeats_of(store, None)?;
        }
        Some(t) => {
            if !t.entities.is_empty() {
                crate::timeline::link_histories_of(store, Some(&t.entities))?;
            }
            if !t.addressees.is_empty() {
                crate::repeats::link_repeats_of(store, Some(&t.addressees))?;
            }
        }
    }
    Ok(())
}

/// Whether the store at `dir` carries the mark of links that may lag behind.
pub fn is_marked(dir: &Path) -> bool {
    dir.join(STALE_MARK).exists()
}

/// Marks the store at `dir`: the file is created and synced, and so is the directory that
/// lists it, before any document is written.
pub fn mark(dir: &Path) -> std::io::Result<()> {
    File::create(dir.join(STALE_MARK))?.sync_all()?;
    File::open(dir)?.sync_all()
}

/// Removes the mark, once the links are written.
pub fn unmark(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(STALE_MARK)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
