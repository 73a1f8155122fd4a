//! The body of each subcommand: a short call into the library, then output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::QueryResultsFormat;
use resograph::graph::Source;
use resograph::ingest::{self, FileReport};
use resograph::knowledge::{self, Knowledge};
use resograph::store::{self, Answer, GraphStore, StoreError};
use resograph::{Extractor, queries, requests};

use crate::cli::{ExportFormat, ParseFormat, QueryFormat, RequestsFormat};

/// The query engine checks its cancellation token only when it reads the store, so a
/// query that spins on joins in memory would outlive `--timeout`: this watchdog ends the
/// process a moment after the deadline.
fn hard_deadline(timeout: Option<Duration>) {
    if let Some(t) = timeout {
        std::thread::spawn(move || {
            std::thread::sleep(t + Duration::from_secs(2));
            eprintln!("error: query cancelled after {} s (--timeout)", t.as_secs());
            std::process::exit(1);
        });
    }
}

/// Exit code when another process holds the store.
pub const EXIT_STORE_IN_USE: u8 = 3;

/// Where the store lives when the user names none.
pub fn default_store() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("resograph").join("store")
}

fn load_knowledge(data: Option<&Path>) -> Result<Knowledge> {
    let dir = knowledge::data_dir(data);
    Knowledge::load(dir.as_deref()).context("loading the knowledge files")
}

pub fn open_store(path: &Path) -> Result<GraphStore> {
    Ok(GraphStore::open(path)?)
}

/// `resograph ingest`.
pub fn ingest(
    store_path: &Path,
    data: Option<&Path>,
    paths: &[PathBuf],
    symbol: Option<&str>,
) -> Result<ExitCode> {
    let files = ingest::collect_files(paths);
    if symbol.is_some() && files.len() > 1 {
        bail!(
            "--symbol names one document: give one file, not {}",
            files.len()
        );
    }
    let knowledge = load_knowledge(data)?;
    let extractor = Extractor::new(&knowledge);
    let store = open_store(store_path)?;
    ingest::store_vocabulary(&store, &knowledge)?;
    let started = Instant::now();
    let progress = std::io::stderr().is_terminal() && files.len() > 5;
    let (mut documents, mut paragraphs, mut triples, mut warnings, mut failures) = (0, 0, 0, 0, 0);
    let total = files.len();
    for (i, file) in files.into_iter().enumerate() {
        let report = match file {
            Ok(path) => ingest::ingest_file(&store, &path, &knowledge, &extractor, symbol),
            Err((path, e)) => FileReport {
                path,
                outcome: Err(e.into()),
                warnings: Vec::new(),
            },
        };
        if progress {
            eprint!("\r\x1b[2K[{}/{total}] {}", i + 1, report.path.display());
        }
        let name = report.path.display();
        for w in &report.warnings {
            if progress {
                eprint!("\r\x1b[2K");
            }
            eprintln!("warning: {name}: line {}: {}", w.line, w.message);
        }
        warnings += report.warnings.len();
        match report.outcome {
            Ok((_, p, t)) => {
                documents += 1;
                paragraphs += p;
                triples += t;
            }
            Err(e) => {
                if progress {
                    eprint!("\r\x1b[2K");
                }
                eprintln!("error: {name}: {e}");
                failures += 1;
                if let ingest::InputError::Store(StoreError::InUse(_)) = e {
                    return Ok(ExitCode::from(EXIT_STORE_IN_USE));
                }
            }
        }
    }
    if progress {
        eprint!("\r\x1b[2K");
    }
    eprintln!(
        "ingested {documents} document{} ({paragraphs} paragraphs, {triples} triples) into {} in {:.1} s; {warnings} warning{}, {failures} failure{}",
        plural(documents),
        store_path.display(),
        started.elapsed().as_secs_f64(),
        plural(warnings),
        plural(failures),
    );
    Ok(if failures > 0 || documents == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `resograph parse`.
pub fn parse(
    data: Option<&Path>,
    file: &Path,
    format: ParseFormat,
    symbol: Option<&str>,
) -> Result<ExitCode> {
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
            store::write_quads(&processed.quads, oxigraph::io::RdfFormat::Turtle, &mut out)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses `NAME=VALUE` into a binding: `<...>` is an IRI, anything else a string.
fn binding(param: &str) -> Result<(String, Term)> {
    let (name, value) = param
        .split_once('=')
        .with_context(|| format!("--param {param:?}: expected NAME=VALUE"))?;
    let name = name.trim().trim_start_matches(['?', '$']).to_string();
    let term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => {
            Term::from(NamedNode::new(iri).with_context(|| format!("--param {name}: invalid IRI"))?)
        }
        None => Term::from(Literal::new_simple_literal(value)),
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
) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if list {
        for q in queries::ALL {
            writeln!(out, "{:<28} {}", q.name, q.summary())?;
        }
        return Ok(ExitCode::SUCCESS);
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
    let store = open_store(store_path)?;
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
    Ok(ExitCode::SUCCESS)
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

fn write_table(
    variables: &[String],
    rows: &[Vec<Option<Term>>],
    out: &mut impl Write,
) -> Result<()> {
    const MAX: usize = 70;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| {
                    let s = t
                        .as_ref()
                        .map(short)
                        .unwrap_or_default()
                        .replace(['\n', '\t'], " ");
                    if s.chars().count() > MAX {
                        format!("{}…", s.chars().take(MAX - 1).collect::<String>())
                    } else {
                        s
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
                .max(v.len())
        })
        .collect();
    let line = |out: &mut dyn Write, values: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, variables)?;
    line(
        out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    )?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}

/// `resograph export`.
pub fn export(
    store_path: &Path,
    format: ExportFormat,
    graph: Option<&str>,
    output: &Path,
) -> Result<ExitCode> {
    let store = open_store(store_path)?;
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
    let quads = store.quads(graph.as_ref())?;
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
        store::write_quads(&quads, rdf, &mut out)?;
        out.flush()?;
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("creating {}", output.display()))?;
        let mut out = std::io::BufWriter::new(file);
        store::write_quads(&quads, rdf, &mut out)?;
        out.flush()?;
        eprintln!("wrote {} quads to {}", quads.len(), output.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `resograph requests`.
pub fn requests(
    store_path: &Path,
    data: Option<&Path>,
    to: &str,
    topic: Option<&str>,
    format: RequestsFormat,
    timeout: u64,
) -> Result<ExitCode> {
    let knowledge = load_knowledge(data)?;
    let store = open_store(store_path)?;
    let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
    hard_deadline(timeout);
    let hits = requests::ask(&store, &knowledge, to, topic, timeout)?;
    let mut out = std::io::stdout().lock();
    match format {
        RequestsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        RequestsFormat::Csv => {
            writeln!(out, "document,number,iri,verb,text")?;
            for h in &hits {
                let row = [&h.document, &h.number, &h.iri, &h.verb, &h.text].map(|v| csv_field(v));
                writeln!(out, "{}", row.join(","))?;
            }
        }
        RequestsFormat::Table => {
            for h in &hits {
                let number = if h.number.is_empty() {
                    String::new()
                } else {
                    format!(" ¶{}", h.number)
                };
                writeln!(out, "{}{number}  {}  <{}>", h.document, h.verb, h.iri)?;
                for line in wrap(&h.text, 96) {
                    writeln!(out, "    {line}")?;
                }
                writeln!(out)?;
            }
        }
    }
    let about = topic.map(|t| format!(" on {t:?}")).unwrap_or_default();
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
    Ok(ExitCode::SUCCESS)
}

fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
