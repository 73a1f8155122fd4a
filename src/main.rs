//! The `resograph` binary: parse the command line, dispatch, report errors.
//!
//! Exit codes: 0 success, 1 failure, 2 usage (clap), 3 store in use. They are decided here,
//! in [`report`] and [`main`], and nowhere else.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use resograph::handoff::{HandoffError, Registration};
use resograph::overlaps::OverlapsError;
use resograph::requests::RequestsError;
use resograph::store::StoreError;
use resograph::timeline::TimelineError;

/// Exit code of a failure.
const EXIT_FAILURE: u8 = 1;
/// Exit code when another process holds the store.
const EXIT_STORE_IN_USE: u8 = 3;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match run(&cli) {
        Ok(commands::Outcome::Done) => ExitCode::SUCCESS,
        Ok(commands::Outcome::SomeFailed) => ExitCode::from(EXIT_FAILURE),
        Err(e) => ExitCode::from(report(&e)),
    }
}

fn run(cli: &cli::Cli) -> anyhow::Result<commands::Outcome> {
    let store = cli.store.clone().unwrap_or_else(commands::default_store);
    let data = cli.data.as_deref();
    match &cli.command {
        cli::Command::Ingest {
            paths,
            symbol,
            batch_quads,
            commit_quads,
            threads,
        } => {
            let mut batching = resograph::ingest::Batching {
                max_quads: *batch_quads as usize,
                commit_quads: *commit_quads as usize,
                ..Default::default()
            };
            if let Some(n) = threads {
                batching.workers = usize::from(*n);
            }
            commands::ingest(&store, data, paths, symbol.as_deref(), batching)
        }
        cli::Command::Parse {
            file,
            format,
            symbol,
        } => commands::parse(data, file, *format, symbol.as_deref()),
        cli::Command::Query {
            query,
            file,
            list,
            params,
            format,
            timeout,
            limit,
        } => commands::query(
            &store,
            query.as_deref(),
            file.as_deref(),
            *list,
            params,
            *format,
            *timeout,
            *limit,
        ),
        cli::Command::Export {
            format,
            graph,
            output,
            sorted,
            describe,
        } => commands::export(
            &store,
            *format,
            graph.as_deref(),
            output,
            *sorted,
            *describe,
        ),
        cli::Command::Optimize => commands::optimize(&store),
        cli::Command::Evaluate {
            questions,
            floor,
            format,
        } => commands::evaluate(&store, data, questions, *floor, *format),
        cli::Command::Requests {
            to,
            topic,
            document,
            narrower,
            format,
            timeout,
        } => {
            let question = resograph::requests::Question {
                actor: to,
                topic: topic.as_deref(),
                document: document.as_deref(),
                narrower: *narrower,
            };
            commands::requests(&store, data, &question, *format, *timeout)
        }
        cli::Command::Overlaps {
            file,
            format,
            timeout,
        } => commands::overlaps(&store, data, file, *format, *timeout),
        cli::Command::Push { to, graph, user } => {
            commands::push(&store, to, graph.as_deref(), user.as_deref())
        }
        cli::Command::Serve {
            bind,
            timeout,
            max_rows,
            max_request_bytes,
            max_concurrent,
            cors,
            read_only,
        } => commands::serve(
            &store,
            data,
            resograph::serve::Config {
                bind: *bind,
                limits: resograph::serve::Limits {
                    timeout: std::time::Duration::from_secs(*timeout),
                    max_rows: *max_rows,
                    max_request_bytes: *max_request_bytes,
                    max_concurrent: usize::from(*max_concurrent),
                },
                cors: *cors,
                store_dir: None,
                writable: false,
            },
            *read_only,
        ),
        cli::Command::Mandates {
            to,
            format,
            timeout,
        } => commands::mandates(&store, data, to.as_deref(), *format, *timeout),
        cli::Command::Reports {
            to,
            due_before,
            format,
            timeout,
        } => commands::reports(&store, data, to.as_deref(), *due_before, *format, *timeout),
        cli::Command::Timeline {
            entity,
            format,
            timeout,
        } => commands::timeline(&store, data, entity, *format, *timeout),
    }
}

/// Prints `error` for the user, naming the option it came from, and gives the exit code.
fn report(error: &anyhow::Error) -> u8 {
    let store_error = store_error(error);
    // `resograph export | head` closing the pipe early is not an error.
    let broken_pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    if error.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(broken_pipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    }) || matches!(store_error, Some(StoreError::Write(io)) if broken_pipe(io))
    {
        return 0;
    }
    let option = match store_error {
        Some(StoreError::Timeout(_)) => " (--timeout)",
        Some(StoreError::Parameter { .. } | StoreError::ParametersNeedRows) => " (--param)",
        _ => "",
    };
    eprintln!("error: {error:#}{option}");
    let read_only_server = error.chain().any(|c| {
        matches!(
            c.downcast_ref::<HandoffError>(),
            Some(HandoffError::ReadOnly { .. })
        )
    });
    match store_error {
        Some(StoreError::InUse(path)) => {
            if let Some(server) = Registration::read(path) {
                eprintln!(
                    "note: `resograph serve` (process {}) holds the store: query it at {}/sparql, or stop it{}",
                    server.pid,
                    server.url,
                    if server.writable {
                        " (`resograph ingest` hands its files to it)"
                    } else {
                        ""
                    }
                );
            }
            EXIT_STORE_IN_USE
        }
        _ if read_only_server => EXIT_STORE_IN_USE,
        _ => EXIT_FAILURE,
    }
}

/// The store error behind `error`, if any (the library's errors wrap it transparently).
fn store_error(error: &anyhow::Error) -> Option<&StoreError> {
    error.chain().find_map(|cause| {
        cause
            .downcast_ref::<StoreError>()
            .or_else(|| match cause.downcast_ref::<RequestsError>() {
                Some(RequestsError::Store(e)) => Some(e),
                _ => None,
            })
            .or_else(|| match cause.downcast_ref::<TimelineError>() {
                Some(TimelineError::Store(e)) => Some(e),
                _ => None,
            })
            .or_else(|| match cause.downcast_ref::<OverlapsError>() {
                Some(OverlapsError::Store(e)) => Some(e),
                _ => None,
            })
    })
}

/// mimalloc instead of the system allocator: an ingest allocates and frees millions of
/// small strings on several threads at once (terms, quads, the bulk loader's keys), and
/// glibc's malloc spent a fifth of the CPU of a 10,000-document ingest on it; with mimalloc
/// the ingest takes about 35 s instead of 51 s (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
