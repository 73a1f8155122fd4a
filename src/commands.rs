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
use resograph::ingest::{self, FileReport};
use resograph::knowledge::{self, Knowledge};
use resograph::store::{self, Answer, GraphStore, StoreError};
use resograph::{Extractor, queries, requests};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::cli::{EvaluateFormat, ExportFormat, ParseFormat, QueryFormat, RequestsFormat};

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
    let store = open_store(store_path)?;
    ingest::store_vocabulary(&store, &knowledge)?;
    quiet_caught_panics();
    let started = Instant::now();
    let tables_before = store::table_bytes(store_path);
    let progress = progress_bar(files.len());
    let mut tally = Tally::default();
    ingest::ingest_files(
        &store,
        files,
        &knowledge,
        symbol,
        batching,
        |prepared| {
            progress.set_message(prepared.path.display().to_string());
            progress.inc(1);
        },
        |report| progress.suspend(|| tally.add(&report)),
    );
    progress.finish_and_clear();
    // The bulk loader's files enter the store unmerged with what was there: until RocksDB
    // compacts them, every lookup reads each of them (the question was four times slower
    // on a store just written). Compacting everything is worth it when the ingest wrote a
    // good share of the store, as a first ingest does; after a small one RocksDB's own
    // background compaction keeps up.
    let tables_after = store::table_bytes(store_path);
    let written = tables_after.saturating_sub(tables_before);
    let compacted = if written > 0 && written * 4 >= tables_after {
        let t = Instant::now();
        store.optimize()?;
        format!(", compacted in {:.1} s", t.elapsed().as_secs_f64())
    } else {
        String::new()
    };
    let Tally {
        documents,
        paragraphs,
        triples,
        warnings,
        failures,
    } = tally;
    eprintln!(
        "ingested {documents} document{} ({paragraphs} paragraphs, {triples} triples) into {} in {:.1} s{compacted}; {warnings} warning{}, {failures} failure{}",
        plural(documents),
        store_path.display(),
        started.elapsed().as_secs_f64(),
        plural(warnings),
        plural(failures),
    );
    Ok(if failures > 0 || documents == 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
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

/// The counts of an ingest.
#[derive(Default)]
struct Tally {
    documents: usize,
    paragraphs: usize,
    triples: usize,
    warnings: usize,
    failures: usize,
}

impl Tally {
    /// Counts one file and prints its warnings and error.
    fn add(&mut self, report: &FileReport) {
        let name = report.path.display();
        for w in &report.warnings {
            eprintln!("warning: {name}: line {}: {}", w.line, w.message);
        }
        self.warnings += report.warnings.len();
        match &report.outcome {
            Ok((graph, p, t)) => {
                if resograph::iri::is_unsymboled(graph) {
                    eprintln!(
                        "note: {name}: prints no symbol, stored as <{graph}>; to name it by its symbol, ingest it again with `resograph ingest --symbol SYMBOL {name}`",
                        graph = graph.as_str()
                    );
                }
                self.documents += 1;
                self.paragraphs += p;
                self.triples += t;
            }
            Err(e) => {
                eprintln!("error: {name}: {e}");
                self.failures += 1;
            }
        }
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
) -> Result<Outcome> {
    let store = read_store(store_path)?;
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

/// `resograph requests`.
pub fn requests(
    store_path: &Path,
    data: Option<&Path>,
    question: &requests::Question<'_>,
    format: RequestsFormat,
    timeout: u64,
) -> Result<Outcome> {
    let knowledge = load_knowledge(data)?;
    let store = read_store(store_path)?;
    let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
    hard_deadline(timeout);
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
