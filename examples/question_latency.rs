//! The question's latency inside one process: open the store, load the knowledge, ask once
//! to warm up, then ask `--repeat` times and print one JSON line to stdout:
//!
//! ```text
//! {"actor":"UNODC","topic":"biometric data","answers":1,"repeat":30,"median_ms":..,"p95_ms":..,"min_ms":..,"max_ms":..}
//! ```
//!
//! Only `requests::ask` is timed: opening the store and loading the knowledge happen once,
//! before the first call, as in a long-running service. `scripts/bench` runs this beside
//! the whole CLI call (`resograph requests`), which pays for both on every call.
//!
//! ```sh
//! cargo run --release --example question_latency -- --store DIR --to UNODC --topic "biometric data" --repeat 30
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use clap::Parser;
use resograph::requests::{self, Question};
use resograph::{GraphStore, Knowledge, knowledge};

/// The CLI's allocator (src/main.rs), so that the two measures differ only by start-up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Time `resograph requests` in-process: warm up once, then repeat.
#[derive(Debug, Parser)]
struct Args {
    /// Store directory (an existing store).
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Directory of knowledge files; default ./data when it exists, else the built-in copy.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The actor asked.
    #[arg(long, value_name = "ACTOR")]
    to: String,
    /// The topic, free text.
    #[arg(long, value_name = "TEXT")]
    topic: Option<String>,
    /// Timed calls after the warm-up call.
    #[arg(long, value_name = "K", default_value_t = 30)]
    repeat: usize,
    /// Cancel a call after this many seconds (0: never).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

/// The value at quantile `q` (0 to 1) of sorted `values`, nearest rank.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() -> Result<()> {
    let args = Args::parse();
    ensure!(args.repeat > 0, "--repeat must be at least 1");
    ensure!(args.store.is_dir(), "no store at {}", args.store.display());
    let data = knowledge::data_dir(args.data.as_deref());
    let knowledge = Knowledge::load(data.as_deref()).context("loading the knowledge files")?;
    let store = GraphStore::open(&args.store)?;
    let timeout = (args.timeout > 0).then(|| Duration::from_secs(args.timeout));
    let question = Question {
        actor: &args.to,
        topic: args.topic.as_deref(),
        ..Question::default()
    };

    let answers = requests::ask(&store, &knowledge, &question, timeout)?.len();
    let mut millis = Vec::with_capacity(args.repeat);
    for _ in 0..args.repeat {
        let start = Instant::now();
        let hits = requests::ask(&store, &knowledge, &question, timeout)?;
        millis.push(start.elapsed().as_secs_f64() * 1000.0);
        ensure!(
            hits.len() == answers,
            "the answer changed between calls: {answers} then {} paragraphs",
            hits.len()
        );
    }
    millis.sort_by(f64::total_cmp);

    let line = serde_json::json!({
        "actor": args.to,
        "topic": args.topic,
        "answers": answers,
        "repeat": args.repeat,
        "median_ms": quantile(&millis, 0.5),
        "p95_ms": quantile(&millis, 0.95),
        "min_ms": millis[0],
        "max_ms": millis[millis.len() - 1],
    });
    println!("{line}");
    Ok(())
}
