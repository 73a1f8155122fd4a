//! Command-line interface: the `///` docs are the `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn United Nations resolutions into a linked-data knowledge graph.
///
/// Parses plain-text resolutions (PDF-to-text, OCR text, Markdown extractions), extracts
/// actors, cited instruments and mandates, stores them as RDF in an embedded Oxigraph store,
/// answers SPARQL and exports Turtle.
#[derive(Debug, Parser)]
#[command(name = "resograph", version, about, long_about)]
pub struct Cli {
    /// Store directory (created if missing). Default: $XDG_DATA_HOME/resograph/store,
    /// else ~/.local/share/resograph/store (on Linux; the platform's data directory
    /// elsewhere). One process at a time: another gets "store in use" (exit code 3).
    #[arg(long, global = true, env = "RESOGRAPH_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// Directory of knowledge files (actors.ttl, topics.ttl, ...). Default: ./data when it
    /// exists, else the copy built into the program.
    #[arg(long, global = true, env = "RESOGRAPH_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse, extract and store resolution files (directories are searched for .txt and .md).
    ///
    /// Each file becomes one named graph, replaced whole on re-ingest. Files that cannot be
    /// read or parsed are reported and skipped; the exit code is then 1.
    Ingest {
        /// Files or directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Document symbol to use when the text prints none (only with one file).
        #[arg(long)]
        symbol: Option<String>,
        /// Sort quads into the store's index files in batches of about this many quads (or
        /// every 2 seconds of work). Larger batches are faster and take more memory.
        #[arg(long, value_name = "QUADS", default_value_t = 100_000,
              value_parser = clap::value_parser!(u32).range(1..))]
        batch_quads: u32,
        /// Commit (make durable and visible) the new documents once this many of their
        /// quads wait, or every 30 seconds, and at the end; each commit is atomic, so a crash
        /// loses the documents not yet committed, whole, and never part of one. Commits are
        /// costly (the store compacts after each): larger is faster.
        #[arg(long, value_name = "QUADS", default_value_t = 4_000_000,
              value_parser = clap::value_parser!(u32).range(1..))]
        commit_quads: u32,
        /// Threads that read, parse and extract (default: one per core).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
    },
    /// Parse one file and print its document model (JSON) or its graph (Turtle); no store.
    Parse {
        /// The file ("-" for standard input).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
        /// Document symbol to use when the text prints none.
        #[arg(long)]
        symbol: Option<String>,
    },
    /// Run a SPARQL query: inline text, a file (-f), or a canned query by name.
    ///
    /// Parameters are bound as values, never pasted into the query text: `--param
    /// topic="biometric data"` binds ?topic to a string; `--param doc=<https://...>` to an IRI;
    /// `--param 'label="datos"@es'` to a literal written as in N-Triples.
    Query {
        /// SPARQL text, or the name of a canned query (see --list).
        #[arg(value_name = "SPARQL|NAME", required_unless_present_any = ["file", "list"])]
        query: Option<String>,
        /// Read the query from a file.
        #[arg(short, long, value_name = "FILE", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// List the canned queries.
        #[arg(long)]
        list: bool,
        /// Bind a variable: NAME=VALUE. VALUE `<IRI>` is an IRI; `"text"`, `"text"@lang` or
        /// `"text"^^<datatype>` is that literal (N-Triples syntax); anything else is a string.
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Output format (default: table on a terminal, else csv).
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
        /// Cancel the query after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
        /// Print at most this many rows (0: no limit).
        #[arg(long, value_name = "ROWS", default_value_t = 10_000)]
        limit: usize,
    },
    /// Export the store (or one graph) as RDF, in an order that depends on the content only.
    Export {
        /// Format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Turtle)]
        format: ExportFormat,
        /// Only this named graph (a document IRI).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Output file ("-" for standard output).
        #[arg(short, long, value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// Sort the statements lexically (graph, subject, predicate, object), as a person
        /// reads them; slower, and held in memory. Without it the export streams in the
        /// store's own order, which depends on the content only: the same store gives the
        /// same file.
        #[arg(long)]
        sorted: bool,
        /// Write the dataset's VoID and DCAT description (statements, documents, classes,
        /// the links to undocs.org, the UN Digital Library, UNBIS and Wikidata) instead of
        /// its statements.
        #[arg(long, conflicts_with_all = ["graph", "sorted"])]
        describe: bool,
    },
    /// Compact the store: merge the index files that ingests leave, so that queries read
    /// fewer of them. Worth it after a large ingest; the store compacts by itself, in the
    /// background of later commands, otherwise.
    Optimize,
    /// Scores `requests` on a question set with annotated answers, over the store.
    Evaluate {
        /// The question set: CSV with columns id,document,actor,topic,must,optional,note.
        #[arg(value_name = "QUESTIONS")]
        questions: PathBuf,
        /// Exit 1 when fewer than this share of the questions (0 to 1) is answered right.
        #[arg(long, value_name = "SHARE")]
        floor: Option<f64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
        format: EvaluateFormat,
    },
    /// Which paragraphs request, call upon, urge, encourage, invite or demand ACTOR to act on TOPIC?
    Requests {
        /// The actor: acronym, name or alias ("UNODC", "Secretary-General").
        #[arg(long, value_name = "ACTOR")]
        to: String,
        /// The topic, free text ("biometric data"); without it, every mandate to ACTOR.
        #[arg(long, value_name = "TEXT")]
        topic: Option<String>,
        /// Only this document: its symbol ("A/RES/80/11"), IRI or source file.
        #[arg(long = "in", value_name = "DOCUMENT")]
        document: Option<String>,
        /// For a group of States, include its named subsets ("States parties",
        /// "nuclear-weapon States") as well as the groups it always includes ("States",
        /// "requesting States", "States in a position to do so").
        #[arg(long)]
        narrower: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RequestsFormat::Table)]
        format: RequestsFormat,
        /// Cancel after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// The mandate registry: one row per mandate of the store (document, adoption date, body,
    /// paragraph, verb, addressees, activities, topics, report due, end, lifecycle, the
    /// change it extends), and how many carry no provision for review or termination.
    Mandates {
        /// Only the mandates addressed to this actor: acronym, name or alias.
        #[arg(long, value_name = "ACTOR")]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RequestsFormat::Table)]
        format: RequestsFormat,
        /// Cancel after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// For each operative mandate of FILE (a draft not in the store), the closest mandates
    /// the store already holds, with a score and why; "new" where none is close. Stores
    /// nothing.
    Overlaps {
        /// The text (a draft resolution).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OverlapsFormat::Table)]
        format: OverlapsFormat,
        /// Cancel after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, Graph Store Protocol
    /// (read) at /store, pages for a reader at /. Updates are refused; stops on Ctrl-C or
    /// SIGTERM (after the ingest it may be running).
    ///
    /// While it runs, `resograph ingest` on the same store hands its files to the server,
    /// which stores them as the command would; other commands get "store in use" (or use
    /// --read-only).
    ///
    /// Listens on loopback unless --bind names another address. A query runs at most
    /// --timeout seconds and keeps --max-rows rows; a request carries --max-request-bytes at
    /// most; --max-concurrent queries run at once, others wait up to 5 s, then get 503.
    Serve {
        /// Address and port to listen on (port 0: one the system picks, printed at start).
        #[arg(long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Cancel a query after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30,
              value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        /// Rows an answer keeps at most (the header Resograph-Truncated says it was cut).
        #[arg(long, value_name = "ROWS", default_value_t = 100_000)]
        max_rows: usize,
        /// Bytes a request body may carry (larger: 413).
        #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
        max_request_bytes: usize,
        /// Queries that run at once.
        #[arg(long, value_name = "N", default_value_t = 4,
              value_parser = clap::value_parser!(u16).range(1..))]
        max_concurrent: u16,
        /// Send CORS headers, so that pages of any origin may query the endpoint.
        #[arg(long)]
        cors: bool,
        /// Hold the store as a reader: other resograph commands may read it meanwhile, and
        /// an ingest is refused. By default the server holds the store for writing, and
        /// `resograph ingest` on it hands its files to the server.
        #[arg(long)]
        read_only: bool,
    },
    /// Send every named graph of the store (or one) to a Graph Store Protocol endpoint, each
    /// replaced whole (PUT ?graph=IRI): Virtuoso, an Oxigraph server. Pushing twice changes
    /// nothing.
    ///
    /// The password, when the server asks for one, is read from the environment variable
    /// RESOGRAPH_PUSH_PASSWORD, never from the command line. Failed requests are tried again
    /// (4 attempts); a graph that still fails is reported and the exit code is 1.
    Push {
        /// The Graph Store endpoint: http://127.0.0.1:7878/store (Oxigraph),
        /// http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso).
        #[arg(long, value_name = "URL")]
        to: String,
        /// Only this named graph (an IRI).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// User name for a server that asks for one (Basic or Digest authentication).
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
    },
    /// Reporting duties: which mandates ask for a report, by whom, to whom, when and on what,
    /// in date order.
    Reports {
        /// Only the duties asked of this actor: acronym, name or alias ("Secretary-General").
        #[arg(long, value_name = "ACTOR")]
        to: Option<String>,
        /// Only those due before this date (YYYY-MM-DD): by their due date, or for a
        /// session by the year it opens.
        #[arg(long, value_name = "DATE")]
        due_before: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RequestsFormat::Table)]
        format: RequestsFormat,
        /// Cancel after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// The establishment, extensions, renewals and termination of ENTITY's mandate, in date
    /// order: every operative clause of the store that changes it, with the end date it
    /// sets (printed, or counted from the adoption date when only a period is printed,
    /// marked "*").
    Timeline {
        /// The body or operation: acronym, name or alias ("UNFICYP", "United Nations
        /// Disengagement Observer Force").
        #[arg(value_name = "ENTITY")]
        entity: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RequestsFormat::Table)]
        format: RequestsFormat,
        /// Cancel after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
}

/// `overlaps --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OverlapsFormat {
    /// Each mandate of the draft, then the close existing ones with their score and why.
    Table,
    /// An array of objects: number, verb, addressee, action, closest (document, number,
    /// score, why), new.
    Json,
}

/// `parse --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ParseFormat {
    /// The document model as JSON.
    Json,
    /// The document's graph as Turtle.
    Turtle,
}

/// `query --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum QueryFormat {
    /// Aligned columns.
    Table,
    /// CSV (SPARQL 1.1 results).
    Csv,
    /// TSV (SPARQL 1.1 results).
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
}

/// `export --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Turtle (all graphs merged).
    Turtle,
    /// TriG (named graphs kept).
    Trig,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD.
    Jsonld,
}

/// `evaluate --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvaluateFormat {
    /// One line per question, then the totals.
    Table,
    /// The whole report as JSON.
    Json,
}

/// `requests --format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RequestsFormat {
    /// One block per paragraph.
    Table,
    /// An array of objects.
    Json,
    /// CSV with a header.
    Csv,
}
