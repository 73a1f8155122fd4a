//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use resograph::Knowledge;

/// The knowledge files of this checkout's `data/`.
pub fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::load(Some(&root().join("data"))).expect("data/ loads"))
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus`, or `None` (with a note on stderr) in a user's clone that has none.
/// With `RESOGRAPH_REQUIRE_SHARED_CORPUS=1` (set it where the corpus must be, as in CI) a
/// missing corpus fails the test instead of skipping it.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else if std::env::var_os("RESOGRAPH_REQUIRE_SHARED_CORPUS").is_some_and(|v| v == "1") {
        panic!(
            "{} is missing and RESOGRAPH_REQUIRE_SHARED_CORPUS=1",
            dir.display()
        );
    } else {
        // Straight to stderr, past the test harness's capture, so that the skip is seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: ../shared/corpus is not here (a user's clone); this test reads the shared corpus"
        );
        None
    }
}

/// The reference document: from ../shared when present, else the copy in data/corpus.
pub fn reference_path() -> PathBuf {
    let shared =
        root().join("../shared/corpus/seed/ccpcj-2023-counter-terrorism-technical-assistance.txt");
    if shared.is_file() {
        shared
    } else {
        root().join("data/corpus/ccpcj-2023-counter-terrorism-technical-assistance.txt")
    }
}

/// The reference document's text.
pub fn reference_text() -> String {
    std::fs::read_to_string(reference_path()).expect("reference document")
}

/// Every .txt/.md file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    resograph::ingest::collect_files(&[dir.to_path_buf()])
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}
