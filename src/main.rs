//! The `resograph` binary: parse the command line, dispatch, report errors.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use resograph::store::StoreError;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let store = cli.store.clone().unwrap_or_else(commands::default_store);
    let data = cli.data.as_deref();
    let result = match &cli.command {
        cli::Command::Ingest { paths, symbol } => {
            commands::ingest(&store, data, paths, symbol.as_deref())
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
        } => commands::export(&store, *format, graph.as_deref(), output),
        cli::Command::Requests {
            to,
            topic,
            format,
            timeout,
        } => commands::requests(&store, data, to, topic.as_deref(), *format, *timeout),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // `resograph export | head` closing the pipe early is not an error.
            let broken_pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(broken_pipe)
                    || matches!(c.downcast_ref::<StoreError>(), Some(StoreError::Write(io)) if broken_pipe(io))
            }) {
                return ExitCode::SUCCESS;
            }
            if e.chain()
                .any(|c| matches!(c.downcast_ref::<StoreError>(), Some(StoreError::InUse(_))))
            {
                eprintln!("error: {e:#}");
                return ExitCode::from(commands::EXIT_STORE_IN_USE);
            }
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
