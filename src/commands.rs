//! The body of each subcommand: a short call into the library, then output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use comfy_table::{ContentLineStyle, LineStyle, Table, TableStyle};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::QueryResultsFormat;
use resograph::graph::Source;
use resograph::handoff::{Line, Registration, Request};
use resograph::ingest;
use resograph::knowledge::{self, Knowledge};
use resograph::store::{self, Answer, GraphStore, StoreError};
use resograph::{Extractor, queries, requests};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::cli::{
    EvaluateFormat, ExportFormat, OverlapsFormat, ParseFormat, QueryFormat, RequestsFormat,
};

/// How a command that ran to its end went (errors that stop a command are `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything done.
    Done,
    /// Done, but some inputs failed (reported on stderr), or none succeeded.
    SomeFailed,
}

/// The query engine checks its cancellation token only when it reads the store, so a
/// query that spins on joins in memory would outlive `--timeout`: this watchdog ends the
/// process a moment after the deadline, reporting the timeout as the library would.
fn hard_deadline(timeout: Option<Duration>) {
    if let Some(t) = timeout {
        std::thread::spawn(move || {
            std::thread::sleep(t + Duration::from_secs(2));
            let code = crate::report(&StoreError::Timeout(t.as_secs()).into());
            std::process::exit(code.into());
        });
    }
}

/// Where the store lives when the user names none: `resograph/store` in the user's data
/// directory ($XDG_DATA_HOME, else ~/.local/share, on Linux), else under the current one.
pub fn default_store() -> PathBuf {
    directories::ProjectDirs::from("", "", "resograph")
        .map_or_else(
            || PathBuf::from("resograph"),
            |d| d.data_dir().to_path_buf(),
        )
        .join("store")
}

fn load_knowledge(data: Option<&Path>) -> Result<Knowledge> {
    let dir = knowledge::data_dir(data);
    Knowledge::load(dir.as_deref()).context("loading the knowledge files")
}

fn open_store(path: &Path) -> Result<GraphStore> {
    Ok(GraphStore::open(path)?)
}

/// The store, for a command that only reads it (see [`GraphStore::open_read_only`]).
fn read_store(path: &Path) -> Result<GraphStore> {
    Ok(GraphStore::open_read_only(path)?)
}

/// The environment variable `push` reads the password from.
pub const PUSH_PASSWORD: &str = "RESOGRAPH_PUSH_PASSWORD";

/// `resograph push`.
pub fn push(
    store_path: &Path,
    to: &str,
    graph: Option<&str>,
    user: Option<&str>,
) -> Result<Outcome> {
    let store = read_store(store_path)?;
    let graphs = match graph {
        Some(g) => {
            let g = NamedNode::new(g.trim_start_matches('<').trim_end_matches('>'))
                .context("--graph: invalid IRI")?;
            if !store.has_graph(&g)? {
                bail!("no graph {g} in the store");
            }
            vec![g]
        }
        None => store.graphs()?,
    };
    let credentials = match user {
        Some(user) => {
            let password = std::env::var(PUSH_PASSWORD).with_context(|| {
                format!(
                    "--user {user}: set the password in the environment variable {PUSH_PASSWORD}"
                )
            })?;
            Some((user.to_string(), password))
        }
        None => None,
    };
    let target = resograph::push::Target {
        url: to.to_string(),
        credentials,
    };
    let started = Instant::now();
    let progress = progress_bar(graphs.len());
    let pushed = resograph::push::push(&store, &target, &graphs, |g| {
        progress.set_message(g.as_str().to_string());
        progress.inc(1);
    })?;
    progress.finish_and_clear();
    for (graph, why) in &pushed.failed {
        eprintln!("error: {graph}: {why}");
    }
    eprintln!(
        "pushed {} graph{} ({} triples) to {to} in {:.1} s{}{}{}",
        pushed.graphs,
        plural(pushed.graphs),
        pushed.triples,
        started.elapsed().as_secs_f64(),
        if pushed.bulk_graphs > 0 {
            let others = pushed.graphs - pushed.bulk_graphs;
            format!(
                "; {} new graph{} sent in bulk as N-Quads ({} request{}){}",
                pushed.bulk_graphs,
                plural(pushed.bulk_graphs),
                pushed.bulk_requests,
                plural(pushed.bulk_requests),
                if others > 0 {
                    format!(", {others} replaced one by one")
                } else {
                    String::new()
                }
            )
        } else {
            String::new()
        },
        if pushed.retries > 0 {
            format!(
                "; {} request{} sent again",
                pushed.retries,
                plural(pushed.retries)
            )
        } else {
            String::new()
        },
        if pushed.failed.is_empty() {
            String::new()
        } else {
            format!("; {} failed", pushed.failed.len())
        }
    );
    Ok(if pushed.failed.is_empty() {
        Outcome::Done
    } else {
        Outcome::SomeFailed
    })
}

/// `resograph serve`: until Ctrl-C or SIGTERM.
pub fn serve(
    store_path: &Path,
    data: Option<&Path>,
    mut config: resograph::serve::Config,
    read_only: bool,
) -> Result<Outcome> {
    let knowledge = load_knowledge(data)?;
    let store = if read_only {
        read_store(store_path)?
    } else {
        // Opening for writing would make an empty store where there is none: a mistyped
        // --store is said, not served empty.
        if !store_path.join("CURRENT").is_file() {
            return Err(StoreError::Missing(store_path.to_path_buf()).into());
        }
        open_store(store_path)?
    };
    config.store_dir = Some(store_path.to_path_buf());
    config.writable = !read_only;
    let path = store_path.display().to_string();
    resograph::serve::serve(store, knowledge, config, |address| {
        let ingest = if read_only {
            "read-only: no ingest meanwhile"
        } else {
            "`resograph ingest` on this store hands its files to this server"
        };
        eprintln!(
            "serving {path} at http://{address}/sparql (SPARQL 1.1 Protocol) and http://{address}/store (Graph Store Protocol, read); {ingest}; Ctrl-C stops"
        );
    })?;
    eprintln!("stopped");
    Ok(Outcome::Done)
}

/// `resograph optimize`.
pub fn optimize(store_path: &Path) -> Result<Outcome> {
    let store = open_store(store_path)?;
    let started = Instant::now();
    store.optimize()?;
    eprintln!(
        "compacted {} in {:.1} s",
        store_path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Done)
}

/// `resograph ingest`.
pub fn ingest(
    store_path: &Path,
    data: Option<&Path>,
    paths: &[PathBuf],
    symbol: Option<&str>,
    batching: ingest::Batching,
) -> Result<Outcome> {
    let files = ingest::collect_files(paths);
    if symbol.is_some() && files.len() > 1 {
        bail!(
            "--symbol names one document: give one file, not {}",
            files.len()
        );
    }
    let knowledge = load_knowledge(data)?;
    let store = match GraphStore::open(store_path) {
        Ok(store) => store,
        Err(StoreError::InUse(_)) if let Some(server) = Registration::read(store_path) => {
            return hand_off(&server, store_path, data, files, symbol, batching);
        }
        Err(e) => return Err(e.into()),
    };
    quiet_caught_panics();
    let progress = progress_bar(files.len());
    let summary = ingest::run(
        &store,
        store_path,
        files,
        &knowledge,
        symbol,
        batching,
        |prepared| {
            progress.set_message(prepared.path.display().to_string());
            progress.inc(1);
        },
        |report| progress.suspend(|| print_report(&report.file, &report)),
    )?;
    progress.finish_and_clear();
    Ok(print_summary(&summary, &store_path.display().to_string()))
}

/// An ingest handed to the server that holds the store ([`resograph::handoff`]): the files
/// it can list, as absolute paths; the ones it cannot are reported here, as without a
/// server.
fn hand_off(
    server: &Registration,
    store_path: &Path,
    data: Option<&Path>,
    files: Vec<Result<PathBuf, (PathBuf, std::io::Error)>>,
    symbol: Option<&str>,
    batching: ingest::Batching,
) -> Result<Outcome> {
    let mut names = Vec::new();
    let mut absolute = Vec::new();
    let mut unlisted = ingest::Summary::default();
    for file in files {
        match file {
            Ok(path) => {
                absolute.push(std::path::absolute(&path).unwrap_or_else(|_| path.clone()));
                names.push(path);
            }
            Err((path, e)) => {
                eprintln!("error: {}: {}", path.display(), ingest::InputError::from(e));
                unlisted.failures += 1;
            }
        }
    }
    eprintln!(
        "{} is held by `resograph serve` (process {}): handing {} file{} to it at {}",
        store_path.display(),
        server.pid,
        absolute.len(),
        plural(absolute.len()),
        server.url
    );
    let request = Request {
        files: absolute,
        symbol: symbol.map(str::to_string),
        data: data.map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())),
        batch_quads: batching.max_quads,
        commit_quads: batching.commit_quads,
        threads: (batching.workers != ingest::Batching::default().workers)
            .then_some(batching.workers),
    };
    let progress = progress_bar(names.len());
    let done = server.hand_off(&request, |line| match line {
        Line::Processed { index } => {
            if let Some(name) = names.get(index) {
                progress.set_message(name.display().to_string());
            }
            progress.inc(1);
        }
        Line::File(report) => {
            let name = names.get(report.index).unwrap_or(&report.file);
            progress.suspend(|| print_report(name, &report));
        }
        Line::Summary(_) | Line::Failed { .. } => {}
    });
    progress.finish_and_clear();
    let mut summary = done?;
    summary.failures += unlisted.failures;
    let place = format!("{} (by the server at {})", store_path.display(), server.url);
    Ok(print_summary(&summary, &place))
}

/// The summary line of an ingest into `place`, and the outcome it makes.
fn print_summary(summary: &ingest::Summary, place: &str) -> Outcome {
    let ingest::Summary {
        documents,
        paragraphs,
        triples,
        warnings,
        failures,
        seconds,
        linked,
        compacted,
    } = *summary;
    let compacted = compacted.map_or_else(String::new, |t| format!(", compacted in {t:.1} s"));
    eprintln!(
        "ingested {documents} document{} ({paragraphs} paragraphs, {triples} triples) into {place} in {seconds:.1} s, linked in {linked:.1} s{compacted}; {warnings} warning{}, {failures} failure{}",
        plural(documents),
        plural(warnings),
        plural(failures),
    );
    if failures > 0 || documents == 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The ingest's progress on stderr: a bar, documents done of all, documents per second, time
/// left and the last file, for more than five files, drawn only when stderr is a terminal
/// (indicatif hides it otherwise). The summary line comes after it, as without it.
fn progress_bar(files: usize) -> ProgressBar {
    if files <= 5 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} documents, {per_sec} ({eta} left) {wide_msg}",
        )
        .expect("valid template")
        .with_key(
            "per_sec",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", state.per_sec());
            },
        ),
    );
    bar
}

/// Replaces the default panic hook's "thread 'main' panicked ... backtrace" lines, for the
/// panics that ingest catches and reports as a file's failure, by a note of where it
/// happened; any other panic still goes to the default hook.
fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if ingest::panic_is_caught() {
            if let Some(at) = info.location() {
                ingest::note_panic_location(at.to_string());
            }
        } else {
            previous(info);
        }
    }));
}

/// Prints one file's warnings and error, or the note that it prints no symbol, with the
/// file named as the user gave it.
fn print_report(name: &Path, report: &ingest::Reported) {
    let name = name.display();
    for w in &report.warnings {
        eprintln!("warning: {name}: line {}: {}", w.line, w.message);
    }
    if let Some(e) = &report.error {
        eprintln!("error: {name}: {e}");
    } else if let Some(graph) = &report.graph
        && resograph::iri::is_unsymboled(graph)
    {
        eprintln!(
            "note: {name}: prints no symbol, stored as <{graph}>; to name it by its symbol, ingest it again with `resograph ingest --symbol SYMBOL {name}`"
        );
    }
}

/// `resograph parse`.
pub fn parse(
    data: Option<&Path>,
    file: &Path,
    format: ParseFormat,
    symbol: Option<&str>,
) -> Result<Outcome> {
    let text = if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)?;
        ingest::decode(bytes)
    } else {
        ingest::read_text(file)
    }
    .with_context(|| format!("{}", file.display()))?;
    let knowledge = load_knowledge(data)?;
    let extractor = Extractor::new(&knowledge);
    let name = file.display().to_string();
    let source = Source {
        text: &text,
        file: Some(&name),
        symbol,
    };
    let processed =
        ingest::process(&text, &knowledge, &extractor, &source).with_context(|| name.clone())?;
    for w in &processed.document.warnings {
        eprintln!("warning: {name}: line {}: {}", w.line, w.message);
    }
    let mut out = std::io::stdout().lock();
    match format {
        ParseFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &processed.document)?;
            writeln!(out)?;
        }
        ParseFormat::Turtle => {
            store::write_quads(&processed.quads, oxigraph::io::RdfFormat::Turtle, &mut out)?;
        }
    }
    Ok(Outcome::Done)
}

/// Parses `--param NAME=VALUE` into a binding. VALUE is
/// - `<IRI>`: an IRI (refused when invalid);
/// - `"text"`, `"text"@lang` or `"text"^^<datatype>`: that literal, in N-Triples syntax;
/// - anything else, including a quoted value that is no valid literal: a plain string.
fn binding(param: &str) -> Result<(String, Term)> {
    let (name, value) = param
        .split_once('=')
        .with_context(|| format!("--param {param:?}: expected NAME=VALUE"))?;
    let name = name.trim().trim_start_matches(['?', '$']).to_string();
    let term = if value.starts_with('<') {
        Term::from_str(value).with_context(|| format!("--param {name}: invalid IRI"))?
    } else if value.starts_with('"')
        && let Ok(literal @ Term::Literal(_)) = Term::from_str(value)
    {
        literal
    } else {
        Term::from(Literal::new_simple_literal(value))
    };
    Ok((name, term))
}

/// `resograph query`.
#[expect(clippy::too_many_arguments, reason = "one per command-line option")]
pub fn query(
    store_path: &Path,
    query: Option<&str>,
    file: Option<&Path>,
    list: bool,
    params: &[String],
    format: Option<QueryFormat>,
    timeout: u64,
    limit: usize,
) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    if list {
        for q in queries::ALL {
            writeln!(out, "{:<28} {}", q.name, q.summary())?;
        }
        return Ok(Outcome::Done);
    }
    let text = match (query, file) {
        (_, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        (Some(q), None) => match queries::find(q) {
            Some(c) => c.text.to_string(),
            None if q.split_whitespace().count() == 1 && !q.contains('{') => {
                bail!("no canned query called {q:?}; `resograph query --list` shows them")
            }
            None => q.to_string(),
        },
        (None, None) => bail!("give a query, -f FILE or --list"),
    };
    let bindings = params
        .iter()
        .map(|p| binding(p))
        .collect::<Result<Vec<_>>>()?;
    // A mistake in the query is reported before the store is looked for.
    store::parse_query(&text)?;
    let store = read_store(store_path)?;
    let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
    let limit = (limit > 0).then_some(limit);
    hard_deadline(timeout);
    let answer = store.query(&text, &bindings, timeout, limit)?;
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        QueryFormat::Table
    } else {
        QueryFormat::Csv
    });
    let results_format = match format {
        QueryFormat::Csv => Some(QueryResultsFormat::Csv),
        QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
        QueryFormat::Json => Some(QueryResultsFormat::Json),
        QueryFormat::Xml => Some(QueryResultsFormat::Xml),
        QueryFormat::Table => None,
    };
    match answer {
        Answer::Rows {
            variables,
            rows,
            truncated,
        } => {
            match results_format {
                Some(f) => store::write_results(&variables, &rows, f, &mut out)?,
                None => write_table(&variables, &rows, &mut out)?,
            }
            // The rows before the count on stderr, in that order on a shared terminal.
            out.flush()?;
            if truncated {
                eprintln!("note: output cut at {} rows (--limit)", rows.len());
            } else if format == QueryFormat::Table {
                eprintln!("{} row{}", rows.len(), plural(rows.len()));
            }
        }
        Answer::Boolean(b) => match results_format {
            Some(f) => store::write_boolean(b, f, &mut out)?,
            None => writeln!(out, "{b}")?,
        },
        Answer::Graph(triples) => store::write_triples(&triples, &mut out)?,
    }
    Ok(Outcome::Done)
}

/// A term as a short string for tables: literals bare, IRIs with our prefixes.
fn short(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            for (prefix, ns) in resograph::vocab::DISPLAY_PREFIXES
                .iter()
                .chain(resograph::vocab::PREFIXES)
            {
                if let Some(local) = n.as_str().strip_prefix(ns)
                    && !local.is_empty()
                {
                    return format!("{prefix}:{local}");
                }
            }
            format!("<{}>", n.as_str())
        }
        other => other.to_string(),
    }
}

/// Cells are cut at this display width, with an ellipsis.
const MAX_CELL_WIDTH: usize = 70;

/// SELECT rows as aligned columns: a header, a line of dashes, two spaces between columns.
fn write_table(
    variables: &[String],
    rows: &[Vec<Option<Term>>],
    out: &mut impl Write,
) -> Result<()> {
    const STYLE: TableStyle = TableStyle::new()
        .header_lines(ContentLineStyle::none().junction(' '))
        .header_separator(LineStyle::none().fill('-').junction(' '))
        .content_lines(ContentLineStyle::none().junction(' '));
    let mut table = Table::new();
    table.load_style(STYLE).set_header(variables);
    for row in rows {
        table.add_row(row.iter().map(|t| {
            let s = t.as_ref().map(short).unwrap_or_default();
            cut(&s.replace(['\n', '\t'], " "), MAX_CELL_WIDTH)
        }));
    }
    // One space of padding after each column but the last, then the junction's space.
    let last = variables.len().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, u16::from(i < last)));
    }
    writeln!(out, "{}", table.trim_fmt())?;
    Ok(())
}

/// `text` cut to at most `width` columns of display width, ending in "…" when cut.
fn cut(text: &str, width: usize) -> String {
    if UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used < width
        })
        .collect();
    format!("{kept}…")
}

/// `resograph export`.
pub fn export(
    store_path: &Path,
    format: ExportFormat,
    graph: Option<&str>,
    output: &Path,
    sorted: bool,
    describe: bool,
) -> Result<Outcome> {
    let store = read_store(store_path)?;
    if describe {
        return export_description(&store, format, output);
    }
    let graph = graph
        .map(|g| {
            NamedNode::new(g.trim_start_matches('<').trim_end_matches('>'))
                .context("--graph: invalid IRI")
        })
        .transpose()?;
    if let Some(g) = &graph
        && !store.graphs()?.contains(g)
    {
        bail!("no graph {g} in the store");
    }
    let name = match format {
        ExportFormat::Turtle => "turtle",
        ExportFormat::Trig => "trig",
        ExportFormat::Ntriples => "ntriples",
        ExportFormat::Nquads => "nquads",
        ExportFormat::Rdfxml => "rdfxml",
        ExportFormat::Jsonld => "jsonld",
    };
    let rdf = store::rdf_format(name).expect("known format");
    if output == Path::new("-") {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        store.export(graph.as_ref(), rdf, sorted, &mut out)?;
        out.flush()?;
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("creating {}", output.display()))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        let written = store.export(graph.as_ref(), rdf, sorted, &mut out)?;
        out.flush()?;
        eprintln!("wrote {written} statements to {}", output.display());
    }
    Ok(Outcome::Done)
}

/// `resograph export --describe`: the VoID and DCAT description of the dataset.
fn export_description(store: &GraphStore, format: ExportFormat, output: &Path) -> Result<Outcome> {
    let stats = resograph::describe::statistics(store)?;
    let triples = resograph::describe::triples(&stats, None);
    let rdf = match format {
        ExportFormat::Turtle | ExportFormat::Trig => oxigraph::io::RdfFormat::Turtle,
        ExportFormat::Ntriples | ExportFormat::Nquads => oxigraph::io::RdfFormat::NTriples,
        ExportFormat::Rdfxml => oxigraph::io::RdfFormat::RdfXml,
        ExportFormat::Jsonld => store::rdf_format("jsonld").expect("known format"),
    };
    if output == Path::new("-") {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        store::write_triples_as(&triples, rdf, &mut out)?;
        out.flush()?;
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("creating {}", output.display()))?;
        let mut out = std::io::BufWriter::new(file);
        store::write_triples_as(&triples, rdf, &mut out)?;
        out.flush()?;
        eprintln!(
            "wrote the description of {} statements in {} documents to {}",
            stats.triples,
            stats.documents,
            output.display()
        );
    }
    Ok(Outcome::Done)
}

/// `resograph requests`.
pub fn requests(
    store_path: &Path,
    data: Option<&Path>,
    question: &requests::Question<'_>,
    format: RequestsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let (knowledge, store, timeout) = open_to_read(store_path, data, timeout)?;
    let hits = requests::ask(&store, &knowledge, question, timeout)?;
    let mut out = std::io::stdout().lock();
    match format {
        RequestsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        RequestsFormat::Csv => write_hits_csv(&hits, &mut out)?,
        RequestsFormat::Table => {
            for h in &hits {
                write_hit(h, &mut out)?;
            }
        }
    }
    let to = question.actor;
    let about = question
        .topic
        .map(|t| format!(" on {t:?}"))
        .unwrap_or_default();
    if hits.is_empty() {
        eprintln!("no paragraph in the store asks {to}{about} to act");
    } else if matches!(format, RequestsFormat::Table) {
        eprintln!(
            "{} paragraph{} ask{} {to}{about} to act",
            hits.len(),
            plural(hits.len()),
            if hits.len() == 1 { "s" } else { "" }
        );
    }
    Ok(Outcome::Done)
}

/// What a read-only command starts with: the knowledge, the store opened to read, and its
/// `--timeout` (0: none), enforced by a hard deadline as well.
fn open_to_read(
    store_path: &Path,
    data: Option<&Path>,
    timeout: u64,
) -> Result<(Knowledge, GraphStore, Option<Duration>)> {
    let knowledge = load_knowledge(data)?;
    let store = read_store(store_path)?;
    let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
    hard_deadline(timeout);
    Ok((knowledge, store, timeout))
}

/// `resograph timeline`.
pub fn timeline(
    store_path: &Path,
    data: Option<&Path>,
    entity: &str,
    format: RequestsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let (knowledge, store, timeout) = open_to_read(store_path, data, timeout)?;
    let events = resograph::timeline::timeline(&store, &knowledge, entity, timeout)?;
    let header = ["date", "document", "paragraph", "kind", "until", "period"];
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let until =
                e.until.clone().unwrap_or_default() + if e.until_computed { " *" } else { "" };
            vec![
                e.date.clone().unwrap_or_default(),
                e.document.clone(),
                paragraph_label(&e.number, e.subparagraph.as_deref()),
                e.kind.clone(),
                until,
                e.period.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write_rows(
        format,
        &header,
        &rows,
        &events,
        &mut std::io::stdout().lock(),
    )?;
    let name = knowledge
        .find_actor(entity)
        .map_or(entity, |a| a.name.as_str());
    match events.len() {
        0 => eprintln!(
            "no paragraph in the store establishes, extends, renews or terminates the mandate of {name}"
        ),
        n if matches!(format, RequestsFormat::Table) => {
            eprintln!("{n} change{} to the mandate of {name}", plural(n));
            if events.iter().any(|e| e.until_computed) {
                eprintln!("* counted from the adoption date: the paragraph prints only a period");
            }
        }
        _ => {}
    }
    Ok(Outcome::Done)
}

/// `resograph overlaps`.
pub fn overlaps(
    store_path: &Path,
    data: Option<&Path>,
    file: &Path,
    format: OverlapsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let (knowledge, store, timeout) = open_to_read(store_path, data, timeout)?;
    let found = resograph::overlaps::overlaps(&store, &knowledge, file, timeout)?;
    let mut out = std::io::stdout().lock();
    match format {
        OverlapsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &found)?;
            writeln!(out)?;
        }
        OverlapsFormat::Table => {
            for o in &found {
                let who = if o.addressee.is_empty() {
                    String::new()
                } else {
                    format!(" {}:", o.addressee)
                };
                // A change is shown by its paragraph, which opens with the verb.
                let verb = if o.action.starts_with(&o.verb) {
                    String::new()
                } else {
                    format!("{}{who} ", o.verb)
                };
                writeln!(out, "{:>4}  {verb}{}", o.number, cut(&o.action, 90))?;
                if o.new {
                    writeln!(
                        out,
                        "      new (no existing mandate scores {:.2} or more)",
                        resograph::overlaps::CLOSE
                    )?;
                }
                for m in o
                    .closest
                    .iter()
                    .filter(|m| m.score >= resograph::overlaps::CLOSE)
                {
                    writeln!(
                        out,
                        "      {:.2}  {} para {}: {}",
                        m.score,
                        m.document,
                        m.number,
                        cut(&m.action, 80)
                    )?;
                    writeln!(out, "            {}", m.why.join("; "))?;
                }
            }
        }
    }
    let new = found.iter().filter(|o| o.new).count();
    eprintln!(
        "{} mandate{} in {}: {} close to an existing one, {new} new",
        found.len(),
        plural(found.len()),
        file.display(),
        found.len() - new
    );
    Ok(Outcome::Done)
}

/// `resograph mandates`.
pub fn mandates(
    store_path: &Path,
    data: Option<&Path>,
    to: Option<&str>,
    format: RequestsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let (knowledge, store, timeout) = open_to_read(store_path, data, timeout)?;
    let registry = resograph::timeline::mandates(&store, &knowledge, to, timeout)?;
    let short = |iri: &str| short_name(&knowledge, iri);
    // A mandate's IRI after the document base: "S/RES/186(1964)/para_5__directive_0".
    let local = |iri: Option<&str>| {
        iri.map(|e| {
            e.strip_prefix(resograph::iri::DOC_BASE)
                .unwrap_or(e)
                .to_string()
        })
        .unwrap_or_default()
    };
    let header = [
        "date",
        "document",
        "body",
        "paragraph",
        "verb",
        "addressees",
        "activities",
        "topics",
        "report due",
        "until",
        "lifecycle",
        "extends",
        "repeats",
        "review or end",
    ];
    let rows: Vec<Vec<String>> = registry
        .iter()
        .map(|m| {
            let names =
                |list: &[String]| list.iter().map(|x| short(x)).collect::<Vec<_>>().join(", ");
            let due = match (&m.report_due, m.report_session) {
                (Some(d), _) => d.clone(),
                (None, Some(n)) => format!("session {n}"),
                (None, None) => String::new(),
            };
            vec![
                m.date.clone().unwrap_or_default(),
                m.document.clone(),
                m.body.as_deref().map(short).unwrap_or_default(),
                paragraph_label(&m.number, m.subparagraph.as_deref()),
                m.verb.clone(),
                if m.addressees.is_empty() {
                    m.addressee_phrase.clone().unwrap_or_default()
                } else {
                    names(&m.addressees)
                },
                names(&m.activities),
                names(&m.topics),
                due,
                m.until.clone().unwrap_or_default(),
                match (&m.lifecycle, &m.entity) {
                    (Some(kind), Some(entity)) => format!("{kind} {}", short(entity)),
                    _ => String::new(),
                },
                local(m.extends.as_deref()),
                local(m.repeats.as_deref()),
                if m.review_or_end { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    let mut out = std::io::stdout().lock();
    write_rows(format, &header, &rows, &registry, &mut out)?;
    let n = registry.len();
    let without = registry.iter().filter(|m| !m.review_or_end).count();
    let repeating = registry.iter().filter(|m| m.repeats.is_some()).count();
    let documents: std::collections::HashSet<&str> =
        registry.iter().map(|m| m.document.as_str()).collect();
    eprintln!(
        "{n} mandate{} in {} document{}; {without} ({:.0}%) carry no provision for review or termination; {repeating} ({:.0}%) repeat an earlier mandate to the same addressee",
        plural(n),
        documents.len(),
        plural(documents.len()),
        percent(without, n),
        percent(repeating, n),
    );
    Ok(Outcome::Done)
}

/// `part` of `whole` in percent, 0 of nothing.
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// A paragraph as a reader cites it: "13", or "1 (b)" for a sub-paragraph.
fn paragraph_label(number: &str, subparagraph: Option<&str>) -> String {
    match subparagraph {
        Some(sub) => format!("{number} ({sub})"),
        None => number.to_string(),
    }
}

/// The acronym, else the name, of the registry actor `iri`; the IRI itself otherwise.
fn short_name(knowledge: &Knowledge, iri: &str) -> String {
    if let Some(a) = knowledge.actors.iter().find(|a| a.iri.as_str() == iri) {
        return a.acronyms.first().unwrap_or(&a.name).clone();
    }
    let concepts = knowledge.topics.iter().chain(&knowledge.activities);
    match concepts.into_iter().find(|c| c.iri.as_str() == iri) {
        Some(c) => c.label.clone(),
        None => iri.to_string(),
    }
}

/// `rows` under `header` as a table or CSV, or `items` as JSON.
fn write_rows<T: serde::Serialize>(
    format: RequestsFormat,
    header: &[&str],
    rows: &[Vec<String>],
    items: &[T],
    out: &mut impl Write,
) -> Result<()> {
    match format {
        RequestsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, items)?;
            writeln!(out)?;
        }
        RequestsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for row in rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
        RequestsFormat::Table if !rows.is_empty() => {
            let cell = |s: &String| Some(Term::from(Literal::new_simple_literal(s.clone())));
            let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
            let rows: Vec<Vec<Option<Term>>> =
                rows.iter().map(|r| r.iter().map(cell).collect()).collect();
            write_table(&header, &rows, out)?;
        }
        RequestsFormat::Table => {}
    }
    Ok(())
}

/// `resograph reports`.
pub fn reports(
    store_path: &Path,
    data: Option<&Path>,
    to: Option<&str>,
    due_before: Option<chrono::NaiveDate>,
    format: RequestsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let (knowledge, store, timeout) = open_to_read(store_path, data, timeout)?;
    let mut duties = resograph::timeline::reports(&store, &knowledge, to, timeout)?;
    if let Some(date) = due_before {
        duties.retain(|d| d.due_before(date));
    }
    let short = |iri: &str| short_name(&knowledge, iri);
    let when = |d: &resograph::timeline::Duty| {
        let mut parts = Vec::new();
        if let Some(due) = &d.due {
            parts.push(format!("{due}{}", if d.due_computed { " *" } else { "" }));
        }
        if let (Some(n), Some(y)) = (d.session, d.session_year) {
            parts.push(format!("session {n} ({y})"));
        }
        if let Some(every) = &d.every {
            parts.push(match every.as_str() {
                "P1Y" => "annually".to_string(),
                other => format!("every {}", human_duration(other)),
            });
        }
        parts.join(", ")
    };
    let mut out = std::io::stdout().lock();
    let header = ["date", "document", "paragraph", "by", "to", "when", "on"];
    let rows: Vec<Vec<String>> = duties
        .iter()
        .map(|d| {
            let paragraph = paragraph_label(&d.number, d.subparagraph.as_deref());
            let by = if d.by.is_empty() {
                d.by_phrase.clone().unwrap_or_default()
            } else {
                d.by.iter().map(|b| short(b)).collect::<Vec<_>>().join(", ")
            };
            vec![
                d.date.clone().unwrap_or_default(),
                d.document.clone(),
                paragraph,
                by,
                d.to.as_deref().map(short).unwrap_or_default(),
                when(d),
                d.on.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write_rows(format, &header, &rows, &duties, &mut out)?;
    if matches!(format, RequestsFormat::Table) {
        let n = duties.len();
        eprintln!("{n} reporting dut{}", if n == 1 { "y" } else { "ies" });
        if duties.iter().any(|d| d.due_computed) {
            eprintln!("* counted from the adoption date (\"within thirty days\")");
        }
    }
    Ok(Outcome::Done)
}

/// An `xsd:duration` of years, months and days for people: "P2Y" -> "2 years",
/// "P7M22D" -> "7 months 22 days"; anything else as it is.
fn human_duration(xsd: &str) -> String {
    let Some(rest) = xsd.strip_prefix('P') else {
        return xsd.to_string();
    };
    let mut parts = Vec::new();
    let mut number = String::new();
    for c in rest.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'Y' => "year",
            'M' => "month",
            'W' => "week",
            'D' => "day",
            _ => return xsd.to_string(),
        };
        let s = if number == "1" { "" } else { "s" };
        parts.push(format!("{number} {unit}{s}"));
        number.clear();
    }
    parts.join(" ")
}

/// `resograph evaluate`.
pub fn evaluate(
    store_path: &Path,
    data: Option<&Path>,
    questions: &Path,
    floor: Option<f64>,
    format: EvaluateFormat,
) -> Result<Outcome> {
    let knowledge = load_knowledge(data)?;
    let store = read_store(store_path)?;
    let timelines = resograph::evaluate::is_timeline_key(questions)
        .with_context(|| format!("reading {}", questions.display()))?;
    if timelines {
        return evaluate_timelines(&store, &knowledge, questions, floor, format);
    }
    if resograph::evaluate::is_reports_key(questions)
        .with_context(|| format!("reading {}", questions.display()))?
    {
        return evaluate_reports(&store, &knowledge, questions, floor, format);
    }
    let set = resograph::evaluate::read(questions)
        .with_context(|| format!("reading {}", questions.display()))?;
    let report = resograph::evaluate::run(&store, &knowledge, &set, None)?;
    let mut out = std::io::stdout().lock();
    match format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        EvaluateFormat::Table => {
            for q in &report.questions {
                let mark = if q.right { "right" } else { "WRONG" };
                let mut line = format!("{:<10} {mark}", q.id);
                if !q.missing.is_empty() {
                    line.push_str(&format!("  missing: {}", q.missing.join(" ")));
                }
                if !q.extra.is_empty() {
                    line.push_str(&format!("  extra: {}", q.extra.join(" ")));
                }
                if let Some(e) = &q.error {
                    line.push_str(&format!("  error: {e}"));
                }
                writeln!(out, "{line}")?;
            }
        }
    }
    let share = report.right_share();
    eprintln!(
        "{} of {} questions right ({:.0}%); precision {:.2}, recall {:.2}",
        report.right,
        report.questions.len(),
        share * 100.0,
        report.precision,
        report.recall
    );
    if let Some(floor) = floor
        && share < floor
    {
        anyhow::bail!(
            "{:.0}% of the questions right is below the floor of {:.0}%",
            share * 100.0,
            floor * 100.0
        );
    }
    Ok(Outcome::Done)
}

/// `resograph evaluate` on a reporting key: one line per duty, then recall (of the duties,
/// and with their timing) and precision; `floor` applies to the recall with timing.
fn evaluate_reports(
    store: &GraphStore,
    knowledge: &Knowledge,
    path: &Path,
    floor: Option<f64>,
    format: EvaluateFormat,
) -> Result<Outcome> {
    let key = resograph::evaluate::read_duties(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let report = resograph::evaluate::run_reports(store, knowledge, &key, None)?;
    let mut out = std::io::stdout().lock();
    match format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        EvaluateFormat::Table => {
            for d in &report.duties {
                let mark = match (&d.listed, d.right, d.extra) {
                    (_, true, _) => "right".to_string(),
                    (Some(got), _, true) => format!("EXTRA ({got})"),
                    (Some(got), _, false) => format!("WRONG: {got}"),
                    (None, _, _) => "MISSING".to_string(),
                };
                writeln!(
                    out,
                    "{:<18} {:<7} {:<48} {mark}",
                    d.document, d.number, d.expected
                )?;
            }
        }
    }
    out.flush()?;
    eprintln!(
        "{} of {} reporting duties found (recall {:.2}), {} with the right recipient and timing (recall {:.2}); {} listed, precision {:.2}",
        report.found,
        report.expected,
        report.found_recall(),
        report.right,
        report.recall(),
        report.listed,
        report.precision()
    );
    if let Some(floor) = floor
        && report.recall() < floor
    {
        anyhow::bail!(
            "a recall of {:.2} with timing is below the floor of {:.2}",
            report.recall(),
            floor
        );
    }
    Ok(Outcome::Done)
}

/// `resograph evaluate` on a timeline key: one line per change, then recall (with the end
/// date) and precision; `floor` applies to the recall.
fn evaluate_timelines(
    store: &GraphStore,
    knowledge: &Knowledge,
    path: &Path,
    floor: Option<f64>,
    format: EvaluateFormat,
) -> Result<Outcome> {
    let key = resograph::evaluate::read_timelines(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let report = resograph::evaluate::run_timelines(store, knowledge, &key, None)?;
    let mut out = std::io::stdout().lock();
    match format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        EvaluateFormat::Table => {
            for c in &report.changes {
                let mark = match (&c.listed_until, c.right, c.extra) {
                    (_, true, _) => "right".to_string(),
                    (Some(got), _, true) => format!("EXTRA (until {got:?})"),
                    (Some(got), _, false) => format!("WRONG until: {got:?}"),
                    (None, _, _) => "MISSING".to_string(),
                };
                writeln!(
                    out,
                    "{:<10} {:<18} {:<9} {:<10} {mark}",
                    c.entity, c.document, c.kind, c.expected_until
                )?;
            }
        }
    }
    eprintln!(
        "{} of {} changes listed with the right end date (recall {:.2}); {} of {} listed right (precision {:.2})",
        report.right,
        report.expected,
        report.recall(),
        report.listed_right,
        report.listed,
        report.precision()
    );
    if let Some(floor) = floor
        && report.recall() < floor
    {
        anyhow::bail!(
            "a recall of {:.0}% is below the floor of {:.0}%",
            report.recall() * 100.0,
            floor * 100.0
        );
    }
    Ok(Outcome::Done)
}

/// One hit for the terminal: where, the verb, who is asked as printed, what matched the
/// topic, then the paragraph.
fn write_hit(h: &requests::Hit, mut out: impl Write) -> Result<()> {
    let number = if h.number.is_empty() {
        String::new()
    } else {
        format!(" ¶{}", h.number)
    };
    writeln!(out, "{}{number}  {}  <{}>", h.document, h.verb, h.iri)?;
    let mut why = format!("    asks: {}", h.why.addressee);
    if !h.why.parts.is_empty() {
        why.push_str(&format!(" (in sub-paragraph {})", h.why.parts.join(", ")));
    }
    writeln!(out, "{why}")?;
    if let Some(t) = &h.why.topic {
        let how = match t.by {
            requests::MatchKind::Concept => "topic",
            requests::MatchKind::Words => "words",
            requests::MatchKind::Context => "the resolution's subject",
        };
        let concept = t
            .concept
            .as_deref()
            .map(|c| format!(" <{c}>"))
            .unwrap_or_default();
        writeln!(out, "    on: {} ({how}){concept}", t.label)?;
    }
    for line in wrap(&h.text, 96) {
        writeln!(out, "    {line}")?;
    }
    writeln!(out)?;
    Ok(())
}

/// The hits as CSV with a header (quoted where needed, `\n` line ends).
fn write_hits_csv(hits: &[requests::Hit], out: impl Write) -> Result<()> {
    // A csv::Error hides its io::Error from the error chain: bring it out, so that a
    // broken pipe is seen as one.
    let unwrap_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => anyhow::Error::from(io),
        other => anyhow::anyhow!("writing CSV: {other:?}"),
    };
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "document",
        "number",
        "iri",
        "verb",
        "addressee",
        "parts",
        "matched",
        "text",
    ])
    .map_err(unwrap_io)?;
    for h in hits {
        let matched = h
            .why
            .topic
            .as_ref()
            .map(|t| format!("{}: {}", t.by.as_str(), t.label))
            .unwrap_or_default();
        w.write_record([
            &h.document,
            &h.number,
            &h.iri,
            &h.verb,
            &h.why.addressee,
            &h.why.parts.join(" "),
            &matched,
            &h.text,
        ])
        .map_err(unwrap_io)?;
    }
    w.flush()?;
    Ok(())
}

/// `text` with its runs of white space made single spaces, in lines of at most `width`
/// columns, broken only at spaces (a longer word stands alone on its line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return Vec::new();
    }
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(&words, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn param_values() {
        let parsed = |p: &str| binding(p).map(|(name, term)| (name, term.to_string()));
        for (param, name, term) in [
            ("topic=biometric data", "topic", r#""biometric data""#),
            ("?doc=<urn:x:a>", "doc", "<urn:x:a>"),
            (r#"label="datos"@es"#, "label", r#""datos"@es"#),
            (
                r#"n="5"^^<http://www.w3.org/2001/XMLSchema#integer>"#,
                "n",
                r#""5"^^<http://www.w3.org/2001/XMLSchema#integer>"#,
            ),
            // Not literals in N-Triples syntax: plain strings, quotes and all.
            (r#"q="unclosed"#, "q", r#""\"unclosed""#),
            (r#"q="a" b"#, "q", r#""\"a\" b""#),
            ("n=5", "n", r#""5""#),
            ("b=true", "b", r#""true""#),
            ("x=_:b0", "x", r#""_:b0""#),
            ("empty=", "empty", r#""""#),
            ("eq=a=b", "eq", r#""a=b""#),
        ] {
            assert_eq!(
                parsed(param).unwrap(),
                (name.to_string(), term.to_string()),
                "{param}"
            );
        }
        let err = binding("doc=<not an IRI>").unwrap_err();
        assert!(
            format!("{err:#}").starts_with("--param doc: invalid IRI: "),
            "{err:#}"
        );
        assert!(binding("no equals sign").is_err());
    }

    #[test]
    fn durations_for_people() {
        assert_eq!(human_duration("P2Y"), "2 years");
        assert_eq!(human_duration("P7M22D"), "7 months 22 days");
        assert_eq!(human_duration("P1M"), "1 month");
        assert_eq!(human_duration("PT5H"), "PT5H");
    }

    #[test]
    fn table_columns_line_up_in_display_width() {
        let rows = vec![
            vec![Some(Term::from(Literal::new_simple_literal("東京"))), None],
            vec![
                Some(Term::from(Literal::new_simple_literal("abcde"))),
                Some(Term::from(NamedNode::new_unchecked("urn:x:a"))),
            ],
        ];
        let mut out = Vec::new();
        write_table(&["place".into(), "iri".into()], &rows, &mut out).unwrap();
        // "東京" is four columns wide: padded with one space to five, like "abcde".
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "place  iri\n------ ---------\n東京\nabcde  <urn:x:a>\n"
        );
    }

    #[test]
    fn cells_are_cut_by_display_width() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
        assert_eq!(cut("東京都", 6), "東京都");
        assert_eq!(cut("東京都庁", 6), "東京…");
        assert_eq!(cut(&"x".repeat(71), 70), format!("{}…", "x".repeat(69)));
    }

    #[test]
    fn wrapping_breaks_at_spaces_only() {
        assert_eq!(
            wrap("Requests  the\nSecretary-General to report", 20),
            vec!["Requests the", "Secretary-General to", "report"]
        );
        assert_eq!(wrap("a verylongword b", 5), vec!["a", "verylongword", "b"]);
        assert!(wrap(" \n ", 10).is_empty());
    }

    #[test]
    fn requests_csv_quotes_only_where_needed() {
        let hit = |text: &str| requests::Hit {
            document: "A/RES/1".into(),
            document_iri: "urn:x".into(),
            number: "8".into(),
            section: String::new(),
            iri: "urn:x:p".into(),
            verb: "Requests".into(),
            text: text.into(),
            why: requests::Why {
                addressee: "the Secretary-General".into(),
                verb: "Requests".into(),
                parts: vec!["a".into()],
                topic: Some(requests::TopicMatch {
                    by: requests::MatchKind::Context,
                    concept: None,
                    label: "small arms".into(),
                }),
            },
        };
        let mut out = Vec::new();
        write_hits_csv(&[hit("plain"), hit("a, \"b\"\nc")], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "document,number,iri,verb,addressee,parts,matched,text\n\
             A/RES/1,8,urn:x:p,Requests,the Secretary-General,a,context: small arms,plain\n\
             A/RES/1,8,urn:x:p,Requests,the Secretary-General,a,context: small arms,\"a, \"\"b\"\"\nc\"\n"
        );
    }
}
