//! Repeated mandates. A mandate that asks an addressee substantially what an earlier mandate
//! of another document asked the same addressee links to it: `later rg:repeats earlier`, in
//! the addressee's graph under [`crate::iri::REPEATS_GRAPH_BASE`]. Each mandate links to the
//! closest earlier one (by adoption date), so that a request renewed every year forms a
//! chain, as extensions do in the histories.
//!
//! "Substantially the same" is the Dice coefficient of the two actions' content words
//! ([`crate::overlaps::wording`]), each word weighed by how rare it is among the mandates
//! to that addressee, `ln((N + 1) / df)`:
//!
//! ```text
//! similarity = 2 · w(x ∩ y) / (w(x) + w(y))      repeats from REPEATS (0.5) on
//! ```
//!
//! The weights keep the words every request to the Secretary-General shares ("report",
//! "Council", "implementation") from making two requests on different subjects alike,
//! and the name that differs ("that Zimbabwe be admitted" after "that Uganda be admitted")
//! from being drowned by the formula around it. Of the earlier mandates at the threshold,
//! the closest is linked (the latest of equals). `tests/data/eval/TIMELINES.md` gives the
//! distribution on the shared corpus and a read sample behind the threshold.
//!
//! After an ingest the links of the addressees its documents name (new and replaced) are
//! recomputed from every mandate of the store to them, and only the graphs that changed are
//! written: a document added later, or older than those in the store, takes its place. An
//! ingest killed before this step leaves a mark that makes the next one recompute all
//! addressees ([`crate::relink`]).
//! Candidates come from an inverted index with prefix filtering: a pair at or above the
//! threshold must share one of the rarest words of the later action that together weigh
//! more than what the pair may leave out, so a request is compared with few others.

use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, Quad, Term, TermRef};

use crate::store::{Answer, GraphStore, StoreError};
use crate::vocab::rg;

/// From this similarity on, a mandate repeats an earlier one to the same addressee.
pub const REPEATS: f64 = 0.5;

/// From this similarity on, two actions are asked in the same words, give or take a spelling.
const SAME_WORDS: f64 = 0.95;

/// Every mandate with an addressee (a registry actor or an index key), its action and its
/// document's adoption date.
const MANDATE_WORDINGS: &str = "PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT ?g ?date ?mandate ?addressee ?action WHERE {
  GRAPH ?g {
    ?mandate a rg:Mandate ; rg:addressee|rg:addresseeKey ?addressee ; rg:action ?action .
    ?g rg:date ?date .
  }
}";

/// The links already stored.
const STORED_LINKS: &str = "PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT ?r ?later ?earlier WHERE { GRAPH ?r { ?later rg:repeats ?earlier } }";

/// A mandate to one addressee, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The mandate's IRI.
    pub mandate: String,
    /// Its document's graph.
    pub document: String,
    /// The adoption date, YYYY-MM-DD.
    pub date: String,
    /// What it asks.
    pub action: String,
}

/// A link: `later` repeats `earlier`, with their similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The later mandate's IRI.
    pub later: String,
    /// The earlier mandate's IRI.
    pub earlier: String,
    /// The weighted Dice coefficient of their wording.
    pub similarity: f64,
}

/// Recomputes the repeated mandates of the whole store and writes the graphs that changed.
/// Returns the number of links.
pub fn link_repeats(store: &GraphStore) -> Result<usize, StoreError> {
    link_repeats_of(store, None)
}

/// Recomputes the repeated mandates to `addressees` (registry IRIs or index keys), all of
/// the store's when `None`, and writes the graphs that changed. Each addressee's links
/// depend only on the mandates to it (the words' weights too), so after an ingest only the
/// addressees of the documents it wrote, new and replaced, need it. Returns the number of
/// links of the addressees recomputed.
pub fn link_repeats_of(
    store: &GraphStore,
    addressees: Option<&HashSet<Term>>,
) -> Result<usize, StoreError> {
    let groups = match addressees {
        None => every_mandate(store)?,
        Some(addressees) => groups_of(store, addressees)?,
    };
    let mut wanted: HashMap<NamedNode, BTreeSet<(String, String)>> = HashMap::new();
    let mut links = 0;
    let mut considered = Vec::new();
    for (addressee, asked) in groups {
        let graph = crate::iri::repeats_graph(&addressee);
        considered.push(graph.clone());
        let found = repeats_among(asked);
        if found.is_empty() {
            continue;
        }
        links += found.len();
        wanted.insert(
            graph,
            found.into_iter().map(|r| (r.later, r.earlier)).collect(),
        );
    }
    let mut stored: HashMap<NamedNode, BTreeSet<(String, String)>> = HashMap::new();
    let mut note = |r: NamedNode, later: &Term, earlier: &Term| {
        stored
            .entry(r)
            .or_default()
            .insert((text(later), text(earlier)));
    };
    match addressees {
        None => {
            for row in rows(store, STORED_LINKS)? {
                if let [Some(Term::NamedNode(r)), Some(later), Some(earlier)] = row {
                    note(r, &later, &earlier);
                }
            }
        }
        Some(_) => {
            for graph in considered {
                for q in store.quads(Some(&graph))? {
                    note(graph.clone(), &q.subject.into(), &q.object);
                }
            }
        }
    }
    let mut changed: Vec<(NamedNode, Vec<Quad>)> = Vec::new();
    for (graph, pairs) in &wanted {
        if stored.get(graph) != Some(pairs) {
            let quads = pairs
                .iter()
                .map(|(later, earlier)| {
                    Quad::new(
                        NamedNode::new_unchecked(later.clone()),
                        rg::REPEATS,
                        NamedNode::new_unchecked(earlier.clone()),
                        graph.clone(),
                    )
                })
                .collect();
            changed.push((graph.clone(), quads));
        }
    }
    for graph in stored.into_keys() {
        if !wanted.contains_key(&graph) {
            changed.push((graph, Vec::new()));
        }
    }
    if !changed.is_empty() {
        store.replace_graphs(changed)?;
    }
    Ok(links)
}

/// Every mandate of the store with an addressee, grouped by addressee: one query.
fn every_mandate(store: &GraphStore) -> Result<HashMap<Term, Vec<Asked>>, StoreError> {
    let mut groups: HashMap<Term, Vec<Asked>> = HashMap::new();
    for row in rows(store, MANDATE_WORDINGS)? {
        let [
            Some(g),
            Some(date),
            Some(mandate),
            Some(addressee),
            Some(action),
        ] = row
        else {
            continue;
        };
        groups.entry(addressee).or_default().push(Asked {
            mandate: text(&mandate),
            document: text(&g),
            date: text(&date),
            action: text(&action),
        });
    }
    Ok(groups)
}

/// The mandates to each of `addressees` ([`mandates_to`]), read on every core: the lookups
/// of one addressee are independent of another's.
fn groups_of(
    store: &GraphStore,
    addressees: &HashSet<Term>,
) -> Result<HashMap<Term, Vec<Asked>>, StoreError> {
    let addressees: Vec<&Term> = addressees.iter().collect();
    let found = crate::store::on_every_core(&addressees, |a| mandates_to(store, a))?;
    Ok(addressees.into_iter().cloned().zip(found).collect())
}

/// The mandates to `addressee`, as [`MANDATE_WORDINGS`] selects them, by index lookups
/// that start from the addressee: `(?, rg:addressee, a)` and `(?, rg:addresseeKey, a)`.
fn mandates_to(store: &GraphStore, addressee: &Term) -> Result<Vec<Asked>, StoreError> {
    let mandate_type = TermRef::NamedNode(rg::MANDATE);
    let mut dates: HashMap<NamedNode, Vec<Term>> = HashMap::new();
    let mut out = Vec::new();
    for predicate in [rg::ADDRESSEE, rg::ADDRESSEE_KEY] {
        for (mandate, graph) in store.subjects_of(predicate, addressee.as_ref(), None)? {
            if !store.states(&mandate, rdf::TYPE, mandate_type, &graph)? {
                continue;
            }
            if !dates.contains_key(&graph) {
                let found = store.objects(&graph, rg::DATE, &graph)?;
                dates.insert(graph.clone(), found);
            }
            for date in &dates[&graph] {
                for action in store.objects(&mandate, rg::ACTION, &graph)? {
                    out.push(Asked {
                        mandate: mandate.as_str().to_string(),
                        document: graph.as_str().to_string(),
                        date: text(date),
                        action: text(&action),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The repeats among mandates to one addressee: each mandate with the latest mandate of an
/// earlier date, in another document, whose wording is at least [`REPEATS`] alike.
pub fn repeats_among(mut asked: Vec<Asked>) -> Vec<Repeat> {
    asked.sort_by(|a, b| (&a.date, &a.mandate).cmp(&(&b.date, &b.mandate)));
    asked.dedup_by(|a, b| a.mandate == b.mandate);
    // Word ids, and each word's weight: how rare it is among these mandates.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let words: Vec<Vec<u32>> = asked
        .iter()
        .map(|a| {
            let mut w: Vec<u32> = crate::overlaps::wording(&a.action)
                .into_iter()
                .map(|word| {
                    let next = ids.len() as u32;
                    *ids.entry(word).or_insert(next)
                })
                .collect();
            w.sort_unstable();
            w
        })
        .collect();
    let mut df = vec![0usize; ids.len()];
    for w in &words {
        for &id in w {
            df[id as usize] += 1;
        }
    }
    let n = asked.len() as f64;
    let weight: Vec<f64> = df.iter().map(|&d| ((n + 1.0) / d as f64).ln()).collect();
    let total: Vec<f64> = words
        .iter()
        .map(|w| w.iter().map(|&id| weight[id as usize]).sum())
        .collect();
    // Where each word occurs, in date order.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, w) in words.iter().enumerate() {
        for &id in w {
            postings[id as usize].push(i);
        }
    }
    let mut found = Vec::new();
    for (i, mine) in words.iter().enumerate() {
        // Fewer than two words of meaning say nothing about the wording.
        if mine.len() < 2 || total[i] <= 0.0 {
            continue;
        }
        // An earlier mandate at the threshold shares at least `needed` weight with this
        // one, so one of the rarest words whose complement weighs less than that.
        let needed = REPEATS * total[i] / (2.0 - REPEATS);
        let mut by_rarity = mine.clone();
        by_rarity.sort_by(|a, b| {
            weight[*b as usize]
                .total_cmp(&weight[*a as usize])
                .then(a.cmp(b))
        });
        let mut rest = total[i];
        let mut prefix = Vec::new();
        for &id in &by_rarity {
            if rest < needed {
                break;
            }
            prefix.push(id);
            rest -= weight[id as usize];
        }
        // The candidates of an earlier date, latest first: a merge of the prefix words'
        // postings, each cut before this mandate's date.
        let mut heap: BinaryHeap<(usize, usize)> = BinaryHeap::new();
        let mut cuts: Vec<usize> = Vec::with_capacity(prefix.len());
        for (k, &id) in prefix.iter().enumerate() {
            let list = &postings[id as usize];
            let cut = list.partition_point(|&j| asked[j].date < asked[i].date);
            cuts.push(cut);
            if cut > 0 {
                heap.push((list[cut - 1], k));
            }
        }
        let mut last_seen = usize::MAX;
        let mut best: Option<(f64, usize)> = None;
        while let Some((j, k)) = heap.pop() {
            let cut = &mut cuts[k];
            *cut -= 1;
            if *cut > 0 {
                heap.push((postings[prefix[k] as usize][*cut - 1], k));
            }
            if j == last_seen {
                continue;
            }
            last_seen = j;
            if asked[j].document == asked[i].document || words[j].len() < 2 {
                continue;
            }
            let shared = common_weight(mine, &words[j], &weight);
            let similarity = 2.0 * shared / (total[i] + total[j]);
            // The closest earlier mandate, the latest of equals; one asked in the same words
            // ends the search.
            if similarity >= REPEATS && best.is_none_or(|(s, _)| similarity > s) {
                best = Some((similarity, j));
                if similarity >= SAME_WORDS {
                    break;
                }
            }
        }
        if let Some((similarity, j)) = best {
            found.push(Repeat {
                later: asked[i].mandate.clone(),
                earlier: asked[j].mandate.clone(),
                similarity,
            });
        }
    }
    found
}

/// The weight of the words two sorted lists share.
fn common_weight(a: &[u32], b: &[u32], weight: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The rows of a SELECT, five cells at most.
fn rows<const N: usize>(
    store: &GraphStore,
    query: &str,
) -> Result<Vec<[Option<Term>; N]>, StoreError> {
    let Answer::Rows { rows, .. } = store.query(query, &[], None, None)? else {
        unreachable!("a SELECT");
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            std::array::from_fn(|_| cells.next().flatten())
        })
        .collect())
}

/// A literal's value or an IRI.
fn text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(mandate: &str, document: &str, date: &str, action: &str) -> Asked {
        Asked {
            mandate: mandate.into(),
            document: document.into(),
            date: date.into(),
            action: action.into(),
        }
    }

    /// Mandates to the Secretary-General on several subjects, so that the formula's words
    /// weigh little.
    fn requests() -> Vec<Asked> {
        vec![
            asked(
                "a1",
                "A",
                "1990-01-10",
                "to report to the Council on the implementation of the present resolution by 15 May 1990",
            ),
            asked(
                "b1",
                "B",
                "1991-03-02",
                "to report to the Council on the implementation of the present resolution",
            ),
            asked(
                "c1",
                "C",
                "1992-06-30",
                "to keep the Council regularly informed of the implementation of the present resolution",
            ),
            asked(
                "d1",
                "D",
                "1993-02-01",
                "to continue his mission of good offices with the parties and to report on the progress made",
            ),
            asked(
                "e1",
                "E",
                "1994-02-01",
                "to continue his mission of good offices and to keep the Council informed of the progress made",
            ),
            asked(
                "f1",
                "F",
                "1995-07-01",
                "to dispatch a mission of experts to assess the damage to the port facilities",
            ),
            asked(
                "g1",
                "G",
                "1996-07-01",
                "to convene an international conference on the financing of development",
            ),
        ]
    }

    #[test]
    fn a_request_drawnagain_links_to_the_latest_earlier_one() {
        let found = repeats_among(requests());
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|r| (r.later.as_str(), r.earlier.as_str()))
            .collect();
        assert!(pairs.contains(&("b1", "a1")), "{found:?}");
        assert!(pairs.contains(&("e1", "d1")), "{found:?}");
        // Other subjects repeat nothing.
        assert!(
            !pairs.iter().any(|(l, _)| *l == "f1" || *l == "g1"),
            "{found:?}"
        );
        // Never the other way round in time.
        assert!(!pairs.iter().any(|(_, e)| *e == "g1"), "{found:?}");
    }

    #[test]
    fn the_same_formula_with_another_name_is_not_a_repeat() {
        let admitted = |m: &str, d: &str, date: &str, state: &str| {
            asked(
                m,
                d,
                date,
                &format!("that {state} be admitted to membership in the United Nations"),
            )
        };
        let found = repeats_among(vec![
            admitted("x", "X", "1961-01-01", "Sierra Leone"),
            admitted("y", "Y", "1962-01-01", "Uganda"),
            admitted("z", "Z", "1980-01-01", "Zimbabwe"),
            admitted("w", "W", "1981-01-01", "Zimbabwe"),
        ]);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|r| (r.later.as_str(), r.earlier.as_str()))
            .collect();
        assert_eq!(pairs, vec![("w", "z")], "{found:?}");
    }

    #[test]
    fn the_same_document_and_the_same_day_are_not_earlier() {
        let text = "to report to the Council on the implementation of the present resolution";
        let found = repeats_among(vec![
            asked("p1", "P", "2000-01-01", text),
            asked("p2", "P", "2000-01-01", text),
            asked("q1", "Q", "2000-01-01", text),
            asked("s1", "S", "2001-05-05", text),
            asked("t1", "T", "2001-06-06", "to convene a conference on water"),
        ]);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|r| (r.later.as_str(), r.earlier.as_str()))
            .collect();
        assert_eq!(pairs, vec![("s1", "q1")], "{found:?}");
    }

    /// The same links without the index: every earlier mandate compared.
    fn compared_with_all(asked: &[Asked]) -> Vec<(String, String)> {
        let mut sorted = asked.to_vec();
        sorted.sort_by(|a, b| (&a.date, &a.mandate).cmp(&(&b.date, &b.mandate)));
        let words: Vec<BTreeSet<String>> = sorted
            .iter()
            .map(|a| crate::overlaps::wording(&a.action))
            .collect();
        let n = sorted.len() as f64;
        let mut df: HashMap<&String, f64> = HashMap::new();
        for w in words.iter().flatten() {
            *df.entry(w).or_default() += 1.0;
        }
        let weight = |w: &String| ((n + 1.0) / df[w]).ln();
        let mass = |x: &BTreeSet<String>| x.iter().map(weight).sum::<f64>();
        let mut links = Vec::new();
        for i in 0..sorted.len() {
            let mut best: Option<(f64, usize)> = None;
            for j in (0..i).rev() {
                let (x, y) = (&words[i], &words[j]);
                if sorted[j].date >= sorted[i].date
                    || sorted[j].document == sorted[i].document
                    || x.len() < 2
                    || y.len() < 2
                {
                    continue;
                }
                let s = 2.0 * x.intersection(y).map(weight).sum::<f64>() / (mass(x) + mass(y));
                if s >= REPEATS && best.is_none_or(|(b, _)| s > b + 1e-12) {
                    best = Some((s, j));
                    if s >= SAME_WORDS {
                        break;
                    }
                }
            }
            if let Some((_, j)) = best {
                links.push((sorted[i].mandate.clone(), sorted[j].mandate.clone()));
            }
        }
        links
    }

    #[test]
    fn the_index_finds_what_comparing_with_all_finds() {
        // Actions drawn from a small vocabulary, so that many pairs are close.
        let vocabulary = [
            "report",
            "council",
            "implementation",
            "present",
            "resolution",
            "mission",
            "offices",
            "progress",
            "assistance",
            "refugees",
            "conference",
            "development",
            "cooperate",
            "force",
            "mandate",
            "restraint",
            "situation",
            "sanctions",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut drawn = Vec::new();
        for i in 0..300 {
            let len = 2 + (next() % 6) as usize;
            let action: Vec<&str> = (0..len)
                .map(|_| vocabulary[(next() % vocabulary.len() as u64) as usize])
                .collect();
            drawn.push(asked(
                &format!("m{i:03}"),
                &format!("D{}", next() % 120),
                &format!("19{:02}-01-01", next() % 60),
                &format!("to {}", action.join(" ")),
            ));
        }
        let indexed: Vec<(String, String)> = repeats_among(drawn.clone())
            .into_iter()
            .map(|r| (r.later, r.earlier))
            .collect();
        let all = compared_with_all(&drawn);
        assert!(
            all.len() > 50,
            "the test draws too few close pairs: {}",
            all.len()
        );
        assert_eq!(indexed, all);
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_input() {
        let mut reversed = requests();
        reversed.reverse();
        assert_eq!(repeats_among(requests()), repeats_among(reversed));
    }
}
