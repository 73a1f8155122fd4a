//! Every file of the shared corpus parses, with plausible structure; a printed summary of
//! what the extractor finds (run with --nocapture to read it).

use std::collections::BTreeMap;

use resograph::Extractor;
use resograph::extract::Target;
use resograph::model::Layout;

use crate::common;

#[test]
fn every_corpus_file_parses() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let k = common::knowledge();
    let extractor = Extractor::new(k);
    // SOURCES.md describes the corpus; it is not a resolution.
    let files: Vec<_> = common::files_under(&dir)
        .into_iter()
        .filter(|f| !f.ends_with("SOURCES.md"))
        .collect();
    assert!(files.len() > 450, "{} files", files.len());
    let mut verbs: BTreeMap<String, usize> = BTreeMap::new();
    let mut addressees: BTreeMap<String, usize> = BTreeMap::new();
    let (mut paragraphs, mut warnings, mut mandates) = (0, 0, 0);
    // Citations by what they resolved to: documents (with a Digital Library record),
    // registry instruments, Treaty Series numbers no instrument carries.
    let mut cited: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let doc = match resograph::parse(&text, &k.lexicon) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: {e}", f.display()));
                continue;
            }
        };
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            !doc.preamble.is_empty() || !doc.operative.is_empty(),
            "{name}: no paragraphs"
        );
        paragraphs += doc.all_paragraphs().len();
        warnings += doc.warnings.len();
        // Symbols: front matter for ga80, the printed number for unsc.
        if let Some(n) = name.strip_prefix("S_RES_") {
            let number: u32 = n[..4].parse().unwrap();
            let year = &n[5..9];
            let symbol = doc.metadata.symbol.as_ref().map(|s| s.value.clone());
            assert_eq!(symbol, Some(format!("S/RES/{number} ({year})")), "{name}");
            // 801 (1993) prints "on January 1993", with no day: no date to read.
            if name != "S_RES_0801_1993_EN_GOLD.txt" {
                assert!(doc.metadata.date.is_some(), "{name}: no date");
            }
        }
        if name.starts_with("A_RES_80") {
            assert_eq!(doc.layout, Layout::Markdown);
            assert!(
                doc.metadata
                    .symbol
                    .as_ref()
                    .unwrap()
                    .value
                    .starts_with("A/RES/80/"),
                "{name}"
            );
            assert!(!doc.operative.is_empty(), "{name}: no operative part");
        }
        for p in doc.all_paragraphs() {
            assert!(
                p.span.end <= text.len() && p.span.start < p.span.end,
                "{name}: span of {}",
                p.eid
            );
            assert!(!p.text.is_empty(), "{name}: empty {}", p.eid);
        }
        let source = resograph::model::Source {
            text: &text,
            ..Default::default()
        };
        let findings = extractor.extract(&doc, &source);
        for d in &findings.directives {
            *verbs
                .entry(d.category.clone().unwrap_or_else(|| "(unknown)".into()))
                .or_default() += 1;
            if d.mandating {
                mandates += 1;
                for a in &d.addressees {
                    *addressees
                        .entry(a.as_str().rsplit('/').next().unwrap().to_string())
                        .or_default() += 1;
                }
            }
        }
        for c in &findings.citations {
            let kind = match &c.target {
                Target::Document(d) if d.digital_library_record.is_some() => "document+record",
                Target::Document(_) => "document",
                Target::Instrument(_) => "instrument",
                Target::Treaty { .. } => "treaty",
            };
            *cited.entry(kind).or_default() += 1;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let mut top: Vec<(&String, &usize)> = addressees.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1));
    println!(
        "corpus: {} files, {paragraphs} paragraphs, {warnings} warnings",
        files.len()
    );
    println!("directives per verb category: {verbs:?}");
    println!(
        "mandates: {mandates}; top addressees: {:?}",
        &top[..top.len().min(12)]
    );
    println!("citations by what they resolve to: {cited:?}");
    assert!(mandates > 500, "{mandates} mandates in the whole corpus");
    // Lower bounds, far below what the corpus holds (hundreds of Security Council and
    // General Assembly resolutions cited, dozens of conventions): a resolver that stops
    // resolving one kind fails here.
    for (kind, floor) in [
        ("document", 500),
        ("document+record", 800),
        ("instrument", 300),
    ] {
        let n = cited.get(kind).copied().unwrap_or(0);
        assert!(n >= floor, "{n} citations resolved to {kind}: {cited:?}");
    }
}
