//! Shared helpers for the integration tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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

/// A running `resograph serve`, killed when dropped.
pub struct Server {
    /// Its process.
    pub child: Child,
    /// `http://ADDRESS:PORT`.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Stops the server as Ctrl-C would (SIGTERM), and waits for it.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap()
    }
}

/// Starts `resograph` (a command with its global options set) as `serve` on a port the
/// system picks, with `extra` options, and waits for the line that says where it listens.
pub fn serve(mut resograph: Command, extra: &[&str]) -> Server {
    let mut child = resograph
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let line = lines
        .next()
        .expect("the server says where it listens")
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        base: format!("http://{address}"),
    }
}

/// The number a SELECT of one count `?n` gives at the SPARQL endpoint of the server at `base`.
pub fn served_count(base: &str, query: &str) -> usize {
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    let body = ureq::get(format!("{base}/sparql?query={encoded}"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}
