//! `resograph serve`: the store over HTTP.
//!
//! - `/sparql`: the SPARQL 1.1 Protocol, query side. `GET ?query=`, `POST` with
//!   `application/sparql-query` or a form (`query=`); `default-graph-uri` and
//!   `named-graph-uri` set the dataset. Solutions as SPARQL JSON (the default), XML, CSV or
//!   TSV, graphs as Turtle (the default), N-Triples, JSON-LD or RDF/XML, by `Accept`. A
//!   syntax error is a 400 with the parser's message; an update (a form's `update=`, or
//!   `application/sparql-update`) is a 403 and changes nothing. `GET` without a query gives
//!   the SPARQL 1.1 Service Description of the endpoint.
//! - `/store`: the Graph Store Protocol, read side: `GET ?graph=IRI` (404 when the store has
//!   no such graph) and `GET ?default` (the store's default graph, which resograph leaves
//!   empty: its documents, vocabulary and histories are named graphs, and the SPARQL
//!   endpoint's default graph is their union).
//!
//! - `/void` and `/.well-known/void`: the dataset's VoID and DCAT description
//!   ([`crate::describe`]), with this endpoint.
//! - Any path under which the graph mints IRIs (`/doc/...`, `/actor/...`, `/topic/...`):
//!   the resource `https://w3id.org/resograph` + path in RDF by `Accept`: a document's graph
//!   whole, anything else what the store says of it; 404 when the store says nothing.
//!
//! Limits a public endpoint needs ([`Limits`]): a timeout per query (the query is
//! cancelled), a cap on the rows of an answer (the answer is cut and says so in the header
//! `Resograph-Truncated`), a cap on the size of a request (413), a bounded number of queries
//! at once (others wait for a place up to [`QUEUE_WAIT`], then get a 503 with
//! `Retry-After`). CORS headers only with `--cors`.
//!
//! - `POST /ingest`: an ingest handed over by `resograph ingest` on the store this server
//!   holds ([`crate::handoff`]), with the token of the server's registration; one at a
//!   time, answered one JSON line per file. Queries meanwhile see the store before or after
//!   each batch of documents, never half of one.
//!
//! Queries run on Tokio's blocking threads: the store and the SPARQL evaluator are
//! synchronous. The server holds the store for writing (alone), so that it can take the
//! ingests handed to it; `serve --read-only` holds it as a reader, beside the CLI's readers,
//! and takes no ingest.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use oxigraph::io::RdfFormat;
use oxigraph::model::{BlankNode, Literal, NamedNode, Triple};
use oxigraph::sparql::results::QueryResultsFormat;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::handoff::{Line, Registration, Request};
use crate::store::{Answer, Dataset, GraphStore, StoreError};
use crate::vocab::{rdf, xsd};

/// Bytes of an ingest request at most: a list of paths, not the files.
pub const INGEST_REQUEST_BYTES: usize = 64 << 20;

/// How long a query waits for a place among the running ones before a 503.
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// What a public endpoint must bound.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time a query may run before it is cancelled.
    pub timeout: Duration,
    /// Rows of an answer at most (the rest is cut).
    pub max_rows: usize,
    /// Bytes of a request body at most.
    pub max_request_bytes: usize,
    /// Queries running at once.
    pub max_concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_request_bytes: 1 << 20,
            max_concurrent: 4,
        }
    }
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it listens.
    pub bind: SocketAddr,
    /// Its limits.
    pub limits: Limits,
    /// Whether to send CORS headers (any origin may query).
    pub cors: bool,
    /// The store's directory, where the server registers itself for the ingests handed to
    /// it ([`crate::handoff`]); `None` for a store in memory.
    pub store_dir: Option<PathBuf>,
    /// Whether the store was opened for writing, so that the server takes ingests.
    pub writable: bool,
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

struct Shared {
    store: GraphStore,
    knowledge: crate::knowledge::Knowledge,
    /// Names the question form suggests: actors and topics of the registries.
    suggestions: (Vec<String>, Vec<String>),
    limits: Limits,
    running: Arc<Semaphore>,
    cors: bool,
    /// The counts of the dataset's description, made once and again after each ingest.
    statistics: std::sync::Mutex<Arc<tokio::sync::OnceCell<crate::describe::Statistics>>>,
    /// The store's directory and the server's registration in it, when it takes ingests.
    registered: Option<(PathBuf, Registration)>,
    /// Held while an ingest runs: one at a time.
    ingesting: Arc<tokio::sync::Mutex<()>>,
}

/// Serves `store` until the process gets Ctrl-C or SIGTERM; `on_listening` gets the address
/// bound (the port the system chose for port 0) once the server accepts connections.
pub fn serve(
    store: GraphStore,
    knowledge: crate::knowledge::Knowledge,
    config: Config,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| ServeError::Bind {
                address: config.bind,
                source,
            })?;
        let address = listener.local_addr()?;
        let suggestions = suggestions(&knowledge);
        let registered = match &config.store_dir {
            Some(dir) => {
                let registration = Registration::new(address, config.writable)?;
                registration.write(dir)?;
                Some((dir.clone(), registration))
            }
            None => None,
        };
        let shared = Arc::new(Shared {
            store,
            knowledge,
            suggestions,
            limits: config.limits,
            running: Arc::new(Semaphore::new(config.limits.max_concurrent.max(1))),
            cors: config.cors,
            statistics: std::sync::Mutex::default(),
            registered,
            ingesting: Arc::default(),
        });
        let app = router(Arc::clone(&shared));
        on_listening(address);
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await;
        if let Some((dir, registration)) = &shared.registered {
            registration.remove(dir);
        }
        served?;
        Ok(())
    })
}

fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.limits.max_request_bytes;
    Router::new()
        .route("/", get(home_get))
        .route("/requests", get(requests_get))
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/store", get(store_get))
        .route("/void", get(void_get))
        .route(
            crate::handoff::INGEST_PATH,
            post(ingest_post).layer(DefaultBodyLimit::max(INGEST_REQUEST_BYTES)),
        )
        .route("/.well-known/void", get(void_get))
        .fallback(resource_get)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            cors,
        ))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(shared)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// CORS headers on every answer when asked for, and the answer to a preflight request.
async fn cors(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !shared.cors {
        return next.run(request).await;
    }
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Accept, Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Resograph-Truncated"),
    );
    response
}

/// The parameters of a query string or a form: each name with its values in order.
fn parameters(encoded: &[u8]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(encoded) {
        out.entry(name.into_owned())
            .or_default()
            .push(value.into_owned());
    }
    out
}

/// A failed request: status and a plain-text message.
fn failure(status: StatusCode, message: impl Into<String>) -> Response {
    let mut message = message.into();
    message.push('\n');
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

async fn sparql_get(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = parameters(raw.unwrap_or_default().as_bytes());
    if params.contains_key("update") {
        return read_only();
    }
    if wants_html(&headers) {
        return sparql_page(
            &shared,
            params.get("query").and_then(|q| q.first()).cloned(),
        )
        .await;
    }
    match params.get("query").and_then(|q| q.first()) {
        Some(query) => {
            let dataset = dataset(&params);
            run(shared, query.clone(), dataset, &headers).await
        }
        None => service_description(&shared, &headers).await,
    }
}

async fn sparql_post(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase())
        .unwrap_or_default();
    let url_params = parameters(raw.unwrap_or_default().as_bytes());
    match content_type.as_str() {
        "application/sparql-query" => match String::from_utf8(body.to_vec()) {
            Ok(query) => run(shared, query, dataset(&url_params), &headers).await,
            Err(_) => failure(StatusCode::BAD_REQUEST, "the query is not UTF-8"),
        },
        "application/x-www-form-urlencoded" => {
            let form = parameters(&body);
            if form.contains_key("update") {
                return read_only();
            }
            match form.get("query").and_then(|q| q.first()) {
                Some(query) => run(shared, query.clone(), dataset(&form), &headers).await,
                None => failure(StatusCode::BAD_REQUEST, "the form has no query"),
            }
        }
        "application/sparql-update" => read_only(),
        other => failure(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "a query is sent as application/sparql-query or as a form \
                 (application/x-www-form-urlencoded), not {other:?}"
            ),
        ),
    }
}

/// `POST /ingest`: an ingest handed over by `resograph ingest` ([`crate::handoff`]). The
/// ingest runs to its end even when the client goes away, and the next waits for it.
async fn ingest_post(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some((dir, registration)) = &shared.registered else {
        return failure(StatusCode::NOT_FOUND, "this server takes no ingests");
    };
    if !registration.writable {
        return failure(
            StatusCode::FORBIDDEN,
            "this server holds the store read-only (serve --read-only) and takes no ingests",
        );
    }
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !registration.authorizes(authorization) {
        return failure(
            StatusCode::UNAUTHORIZED,
            "an ingest shows the token of the server's registration in the store directory",
        );
    }
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return failure(
                StatusCode::BAD_REQUEST,
                format!("not an ingest request: {e}"),
            );
        }
    };
    let knowledge = match &request.data {
        None => None,
        Some(dir) => match crate::knowledge::Knowledge::load(Some(dir)) {
            Ok(k) => Some(k),
            Err(e) => {
                return failure(
                    StatusCode::BAD_REQUEST,
                    format!("the knowledge files in {}: {e}", dir.display()),
                );
            }
        },
    };
    let turn = Arc::clone(&shared.ingesting).lock_owned().await;
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Line>(256);
    let worker = Arc::clone(&shared);
    let dir = dir.clone();
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let send = |line: Line| {
            // A client gone away: the ingest goes on to its end all the same.
            let _ = sender.blocking_send(line);
        };
        let mut batching = crate::ingest::Batching {
            max_quads: request.batch_quads.max(1),
            commit_quads: request.commit_quads.max(1),
            ..Default::default()
        };
        if let Some(n) = request.threads {
            batching.workers = n.max(1);
        }
        let files = request.files.into_iter().map(Ok).collect();
        let mut index = 0;
        let done = crate::ingest::run(
            &worker.store,
            &dir,
            files,
            knowledge.as_ref().unwrap_or(&worker.knowledge),
            request.symbol.as_deref(),
            batching,
            |_| {
                send(Line::Processed { index });
                index += 1;
            },
            |reported| send(Line::File(reported)),
        );
        *worker.statistics.lock().expect("not poisoned") = Arc::default();
        send(match done {
            Ok(summary) => Line::Summary(summary),
            Err(e) => Line::Failed {
                error: e.to_string(),
            },
        });
    });
    let lines = futures_util::stream::poll_fn(move |context| {
        receiver.poll_recv(context).map(|line| {
            line.map(|line| {
                let mut text = serde_json::to_vec(&line).expect("a line serializes");
                text.push(b'\n');
                Ok::<_, std::convert::Infallible>(Bytes::from(text))
            })
        })
    });
    (
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        axum::body::Body::from_stream(lines),
    )
        .into_response()
}

fn read_only() -> Response {
    failure(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: updates are refused (resograph ingest writes the store)",
    )
}

/// The protocol's dataset: `default-graph-uri` and `named-graph-uri` (IRIs that do not
/// parse are left out).
fn dataset(params: &BTreeMap<String, Vec<String>>) -> Dataset {
    let iris = |name: &str| -> Vec<NamedNode> {
        params
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|iri| NamedNode::new(iri.clone()).ok())
            .collect()
    };
    Dataset {
        default: iris("default-graph-uri"),
        named: iris("named-graph-uri"),
    }
}

/// A place among the running queries, or a 503 after [`QUEUE_WAIT`]. The place goes with
/// the work onto its blocking thread and is given back when the work ends.
async fn place(shared: &Shared) -> Result<OwnedSemaphorePermit, Response> {
    match tokio::time::timeout(QUEUE_WAIT, Arc::clone(&shared.running).acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => {
            let mut r = failure(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "{} queries are running, the most this server runs at once; try again",
                    shared.limits.max_concurrent
                ),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            Err(r)
        }
    }
}

/// Runs `work` on a blocking thread holding a place among the running queries, and waits
/// for it at most the timeout and a grace second. The evaluator checks its cancellation
/// only when it reads the store, so a query that computes in memory (a cross product) may
/// outlive its timeout: the client then gets its 503 at the deadline all the same, and the
/// query keeps its place until it ends, so that the bound on running queries stays true.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&GraphStore) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    let permit = place(shared).await?;
    let worker = Arc::clone(shared);
    let handle = tokio::task::spawn_blocking(move || {
        let result = work(&worker.store);
        drop(permit);
        result
    });
    let deadline = shared.limits.timeout + Duration::from_secs(1);
    match tokio::time::timeout(deadline, handle).await {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(e))) => Err(store_failure(&e)),
        Ok(Err(e)) => Err(failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        Err(_) => Err(store_failure(&StoreError::Timeout(
            shared.limits.timeout.as_secs(),
        ))),
    }
}

/// Runs a query and writes its answer in the format the client accepts.
async fn run(
    shared: Arc<Shared>,
    query: String,
    dataset: Dataset,
    headers: &HeaderMap,
) -> Response {
    let accept = header_text(headers, header::ACCEPT, "*/*").to_string();
    // Parse first: a syntax error needs no place among the running queries.
    let parsed = match crate::store::parse_query(&query) {
        Ok(parsed) => parsed,
        Err(e) => return failure(StatusCode::BAD_REQUEST, e.to_string()),
    };
    let solutions = matches!(
        parsed,
        spargebra::Query::Select { .. } | spargebra::Query::Ask { .. }
    );
    // Refuse what cannot be written before running it.
    let chosen = if solutions {
        negotiate(&accept, RESULT_FORMATS).map(Chosen::Results)
    } else {
        negotiate(&accept, GRAPH_FORMATS).map(Chosen::Graph)
    };
    let Some(chosen) = chosen else {
        return not_acceptable(if solutions {
            RESULT_FORMATS
        } else {
            GRAPH_FORMATS
        });
    };
    let limits = shared.limits;
    match blocking(&shared, move |store| {
        store.query_in(
            &query,
            &dataset,
            Some(limits.timeout),
            Some(limits.max_rows),
        )
    })
    .await
    {
        Ok(answer) => write_answer(answer, chosen, limits.max_rows),
        Err(response) => response,
    }
}

/// The status of a store failure: a timeout is the client's to shorten (503 with the limit),
/// anything else the server's.
fn store_failure(e: &StoreError) -> Response {
    match e {
        StoreError::Timeout(_) => failure(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        StoreError::Syntax(_) => failure(StatusCode::BAD_REQUEST, e.to_string()),
        _ => failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[derive(Debug, Clone, Copy)]
enum Chosen {
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

fn write_answer(answer: Answer, chosen: Chosen, max_rows: usize) -> Response {
    let mut out = Vec::new();
    let mut truncated = false;
    let written = match (answer, chosen) {
        (
            Answer::Rows {
                variables,
                rows,
                truncated: cut,
            },
            Chosen::Results(format),
        ) => {
            truncated = cut;
            crate::store::write_results(&variables, &rows, format, &mut out)
                .map(|()| format.media_type())
        }
        (Answer::Boolean(value), Chosen::Results(format)) => {
            crate::store::write_boolean(value, format, &mut out).map(|()| format.media_type())
        }
        (Answer::Graph(triples), Chosen::Graph(format)) => {
            crate::store::write_triples_as(&triples, format, &mut out).map(|()| format.media_type())
        }
        _ => unreachable!("the format is chosen by the kind of query"),
    };
    match written {
        Ok(media_type) => {
            let mut r = (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, content_type(media_type)),
                    (header::VARY, HeaderValue::from_static("Accept")),
                ],
                out,
            )
                .into_response();
            if truncated {
                r.headers_mut().insert(
                    "Resograph-Truncated",
                    HeaderValue::from_str(&format!("{max_rows} rows")).expect("ASCII"),
                );
            }
            r
        }
        Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// A media type with its charset where it is text.
fn content_type(media_type: &str) -> HeaderValue {
    let value = if media_type.starts_with("text/")
        || media_type.ends_with("+json")
        || media_type.ends_with("+xml")
        || media_type.ends_with("/json")
        || media_type.ends_with("/xml")
        || media_type == "application/n-triples"
    {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_string()
    };
    HeaderValue::from_str(&value).expect("a media type is ASCII")
}

/// The formats of solutions, the default first, with the media types they answer to.
const RESULT_FORMATS: &[(&str, Format)] = &[
    (
        "application/sparql-results+json",
        Format::Results(QueryResultsFormat::Json),
    ),
    (
        "application/json",
        Format::Results(QueryResultsFormat::Json),
    ),
    (
        "application/sparql-results+xml",
        Format::Results(QueryResultsFormat::Xml),
    ),
    ("application/xml", Format::Results(QueryResultsFormat::Xml)),
    ("text/xml", Format::Results(QueryResultsFormat::Xml)),
    ("text/csv", Format::Results(QueryResultsFormat::Csv)),
    (
        "text/tab-separated-values",
        Format::Results(QueryResultsFormat::Tsv),
    ),
];

/// The formats of graphs, the default first.
const GRAPH_FORMATS: &[(&str, Format)] = &[
    ("text/turtle", Format::Graph(RdfFormat::Turtle)),
    ("application/x-turtle", Format::Graph(RdfFormat::Turtle)),
    ("application/n-triples", Format::Graph(RdfFormat::NTriples)),
    ("text/plain", Format::Graph(RdfFormat::NTriples)),
    ("application/ld+json", Format::Graph(JSON_LD)),
    ("application/rdf+xml", Format::Graph(RdfFormat::RdfXml)),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: oxigraph::io::JsonLdProfileSet::empty(),
};

#[derive(Debug, Clone, Copy)]
enum Format {
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

/// The format `accept` prefers among `offered` (the first offered for `*/*` or `type/*`),
/// by quality, then by the order the client wrote; `None` when it accepts none of them.
fn negotiate<T: FromFormat>(accept: &str, offered: &[(&str, Format)]) -> Option<T> {
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(order, range)| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, order, media))
        })
        .collect();
    if ranges.is_empty() {
        ranges.push((1.0, 0, "*/*".to_string()));
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.iter().find_map(|(_, _, media)| {
        let found = if media == "*/*" {
            offered.first()
        } else if let Some(kind) = media.strip_suffix("/*") {
            offered
                .iter()
                .find(|(m, _)| m.split('/').next() == Some(kind))
        } else {
            offered.iter().find(|(m, _)| m == media)
        };
        found.and_then(|(_, f)| T::from_format(*f))
    })
}

trait FromFormat: Sized {
    fn from_format(format: Format) -> Option<Self>;
}

impl FromFormat for QueryResultsFormat {
    fn from_format(format: Format) -> Option<Self> {
        match format {
            Format::Results(f) => Some(f),
            Format::Graph(_) => None,
        }
    }
}

impl FromFormat for RdfFormat {
    fn from_format(format: Format) -> Option<Self> {
        match format {
            Format::Graph(f) => Some(f),
            Format::Results(_) => None,
        }
    }
}

fn not_acceptable(offered: &[(&str, Format)]) -> Response {
    let list: Vec<&str> = offered.iter().map(|(m, _)| *m).collect();
    failure(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the accepted media types is offered: {}",
            list.join(", ")
        ),
    )
}

/// `GET /store?graph=IRI` or `GET /store?default`: a graph of the store.
async fn store_get(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = parameters(raw.unwrap_or_default().as_bytes());
    let graph = match (
        params.get("graph").and_then(|g| g.first()),
        params.contains_key("default"),
    ) {
        (Some(iri), false) => match NamedNode::new(iri.clone()) {
            Ok(g) => Some(g),
            Err(e) => return failure(StatusCode::BAD_REQUEST, format!("graph={iri:?}: {e}")),
        },
        (None, true) => None,
        _ => {
            return failure(
                StatusCode::BAD_REQUEST,
                "give one of ?graph=IRI (a named graph) or ?default (the default graph)",
            );
        }
    };
    let accept = header_text(&headers, header::ACCEPT, "*/*");
    let Some(format) = negotiate::<RdfFormat>(accept, GRAPH_FORMATS) else {
        return not_acceptable(GRAPH_FORMATS);
    };
    let result = blocking(
        &shared,
        move |store| -> Result<Option<Vec<u8>>, StoreError> {
            let triples: Vec<Triple> = match &graph {
                Some(g) => {
                    if !store.has_graph(g)? {
                        return Ok(None);
                    }
                    store
                        .quads(Some(g))?
                        .into_iter()
                        .map(Triple::from)
                        .collect()
                }
                None => store.default_graph()?,
            };
            let mut out = Vec::new();
            crate::store::write_triples_as(&triples, format, &mut out)?;
            Ok(Some(out))
        },
    )
    .await;
    match result {
        Ok(Some(body)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type(format.media_type())),
                (header::VARY, HeaderValue::from_static("Accept")),
            ],
            body,
        )
            .into_response(),
        Ok(None) => failure(StatusCode::NOT_FOUND, "the store has no such graph"),
        Err(response) => response,
    }
}

/// The paths under which the graph mints IRIs (`https://w3id.org/resograph/doc/...`).
const MINTED: &[&str] = &[
    "/doc/",
    "/actor/",
    "/topic/",
    "/verb/",
    "/instrument/",
    "/mandate-term/",
    "/actor-kind/",
    "/instrument-kind/",
    "/graph/",
    "/dataset",
];

/// The base of the IRIs the graph mints.
const BASE: &str = "https://w3id.org/resograph";

/// `GET` of a path under which the graph mints IRIs: the resource, in RDF by `Accept` (a
/// document: its whole graph; anything else: what the store says of it). `/doc/S/RES/1445(2002)`
/// is `https://w3id.org/resograph/doc/S/RES/1445(2002)`.
async fn resource_get(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path();
    if method != Method::GET && method != Method::HEAD {
        return failure(StatusCode::METHOD_NOT_ALLOWED, "this server only reads");
    }
    if !MINTED.iter().any(|p| path.starts_with(p)) {
        return failure(
            StatusCode::NOT_FOUND,
            "nothing here: /sparql, /store, /void, or a path the graph mints IRIs under (/doc/..., /actor/...)",
        );
    }
    let Ok(iri) = NamedNode::new(format!("{BASE}{path}")) else {
        return failure(StatusCode::BAD_REQUEST, format!("{path:?} makes no IRI"));
    };
    let accept = header_text(&headers, header::ACCEPT, "*/*");
    if wants_html(&headers) {
        return resource_page(&shared, iri).await;
    }
    let Some(format) = negotiate::<RdfFormat>(accept, GRAPH_FORMATS) else {
        return not_acceptable(GRAPH_FORMATS);
    };
    let result = blocking(&shared, move |store| {
        if store.has_graph(&iri)? {
            Ok(store
                .quads(Some(&iri))?
                .into_iter()
                .map(Triple::from)
                .collect())
        } else {
            store.about(&iri)
        }
    })
    .await;
    let triples = match result {
        Ok(t) if t.is_empty() => {
            return failure(StatusCode::NOT_FOUND, "the store says nothing of this IRI");
        }
        Ok(t) => t,
        Err(response) => return response,
    };
    graph_response(&triples, format)
}

/// Triples written in `format`, 200; the answer depends on `Accept`.
fn graph_response(triples: &[Triple], format: RdfFormat) -> Response {
    let mut out = Vec::new();
    match crate::store::write_triples_as(triples, format, &mut out) {
        Ok(()) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type(format.media_type())),
                (header::VARY, HeaderValue::from_static("Accept")),
            ],
            out,
        )
            .into_response(),
        Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `GET /void`: the dataset's VoID and DCAT description, with this endpoint.
async fn void_get(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let accept = header_text(&headers, header::ACCEPT, "*/*");
    let Some(format) = negotiate::<RdfFormat>(accept, GRAPH_FORMATS) else {
        return not_acceptable(GRAPH_FORMATS);
    };
    let host = header_text(&headers, header::HOST, "localhost").to_string();
    let cell = Arc::clone(&shared.statistics.lock().expect("not poisoned"));
    let stats = cell
        .get_or_try_init(|| blocking(&shared, crate::describe::statistics))
        .await;
    let stats = match stats {
        Ok(stats) => stats,
        Err(response) => return response,
    };
    let triples = crate::describe::triples(stats, Some(&format!("http://{host}/sparql")));
    graph_response(&triples, format)
}

/// The SPARQL 1.1 Service Description of the endpoint: where it is, what it speaks, and its
/// default dataset (the union of the named graphs, with their number and the number of
/// triples).
async fn service_description(shared: &Arc<Shared>, headers: &HeaderMap) -> Response {
    let accept = header_text(headers, header::ACCEPT, "*/*");
    let Some(format) = negotiate::<RdfFormat>(accept, GRAPH_FORMATS) else {
        return not_acceptable(GRAPH_FORMATS);
    };
    let host = header_text(headers, header::HOST, "localhost").to_string();
    let (triples, graphs) =
        match blocking(shared, |store| Ok((store.len()?, store.graphs()?.len()))).await {
            Ok(counts) => counts,
            Err(response) => return response,
        };
    let triples = description(&host, triples, graphs, shared.limits);
    graph_response(&triples, format)
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const VOID: &str = "http://rdfs.org/ns/void#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The triples of the service description of the endpoint at `host`.
fn description(host: &str, quads: usize, graphs: usize, limits: Limits) -> Vec<Triple> {
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let void = |local: &str| NamedNode::new_unchecked(format!("{VOID}{local}"));
    let endpoint = NamedNode::new(format!("http://{host}/sparql"))
        .unwrap_or_else(|_| NamedNode::new_unchecked("http://localhost/sparql"));
    let service = BlankNode::default();
    let dataset = BlankNode::default();
    let default_graph = BlankNode::default();
    let mut t = vec![
        Triple::new(service.clone(), rdf::TYPE, sd("Service")),
        Triple::new(service.clone(), sd("endpoint"), endpoint),
        Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
        Triple::new(service.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd("Dataset")),
        Triple::new(dataset.clone(), rdf::TYPE, void("Dataset")),
        Triple::new(dataset.clone(), sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph.clone(), rdf::TYPE, sd("Graph")),
        Triple::new(
            default_graph.clone(),
            void("triples"),
            Literal::new_typed_literal(quads.to_string(), xsd::INTEGER),
        ),
        Triple::new(
            dataset.clone(),
            void("triples"),
            Literal::new_typed_literal(quads.to_string(), xsd::INTEGER),
        ),
        Triple::new(
            dataset,
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal::new_language_tagged_literal_unchecked(
                format!(
                    "The default graph is the union of the store's {graphs} named graphs: one per \
                     document (its IRI), the vocabulary, the mandate histories and the repeats."
                ),
                "en",
            ),
        ),
        Triple::new(
            service.clone(),
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal::new_language_tagged_literal_unchecked(
                format!(
                    "resograph's read-only SPARQL endpoint: queries time out after {} s, answers \
                     keep {} rows at most (the header Resograph-Truncated says when), requests \
                     carry {} bytes at most, {} queries run at once.",
                    limits.timeout.as_secs(),
                    limits.max_rows,
                    limits.max_request_bytes,
                    limits.max_concurrent
                ),
                "en",
            ),
        ),
    ];
    for format in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ] {
        t.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{format}")),
        ));
    }
    t
}

/// The names the question form suggests: every actor's name and acronyms, every topic's
/// label, sorted, each once.
fn suggestions(knowledge: &crate::knowledge::Knowledge) -> (Vec<String>, Vec<String>) {
    let mut actors: Vec<String> = knowledge
        .actors
        .iter()
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.acronyms.iter().cloned()))
        .filter(|n| !n.is_empty())
        .collect();
    actors.sort();
    actors.dedup();
    let mut topics: Vec<String> = knowledge.topics.iter().map(|t| t.label.clone()).collect();
    topics.sort();
    topics.dedup();
    (actors, topics)
}

/// Whether the client asks for HTML first (a browser): its most preferred media range is
/// `text/html` or `application/xhtml+xml`.
/// The text of the header `name`, or `default` when it is absent or not visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: header::HeaderName, default: &'a str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(default)
}

fn wants_html(headers: &HeaderMap) -> bool {
    let accept = header_text(headers, header::ACCEPT, "");
    let mut best: Option<(f32, String)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if !media.is_empty() && best.as_ref().is_none_or(|(b, _)| q > *b) {
            best = Some((q, media));
        }
    }
    best.is_some_and(|(_, m)| m == "text/html" || m == "application/xhtml+xml")
}

fn html_response(status: StatusCode, page: maud::Markup) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::VARY, HeaderValue::from_static("Accept")),
        ],
        page.into_string(),
    )
        .into_response()
}

/// `GET /`: the question form.
async fn home_get(State(shared): State<Arc<Shared>>) -> Response {
    let documents = blocking(&shared, |store| {
        crate::describe::statistics_documents(store)
    })
    .await
    .unwrap_or(0);
    let (actors, topics) = &shared.suggestions;
    html_response(
        StatusCode::OK,
        crate::pages::home(actors, topics, documents),
    )
}

/// `GET /requests?to=ACTOR&topic=TOPIC`: the answers, as a page, or as the JSON objects of
/// `resograph requests --format json` for `Accept: application/json`.
async fn requests_get(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = parameters(raw.unwrap_or_default().as_bytes());
    let first = |name: &str| {
        params
            .get(name)
            .and_then(|v| v.first())
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let (to, topic) = (first("to"), first("topic"));
    let json = negotiate_json(&headers);
    if to.is_empty() {
        return failure(StatusCode::BAD_REQUEST, "give the actor asked: ?to=UNODC");
    }
    let worker = Arc::clone(&shared);
    let (to_q, topic_q) = (to.clone(), topic.clone());
    let timeout = shared.limits.timeout;
    let answer = blocking(&shared, move |store| {
        let question = crate::requests::Question {
            actor: &to_q,
            topic: (!topic_q.is_empty()).then_some(topic_q.as_str()),
            document: None,
            narrower: false,
        };
        Ok(
            crate::requests::ask(store, &worker.knowledge, &question, Some(timeout))
                .map_err(|e| e.to_string()),
        )
    })
    .await;
    let answer = match answer {
        Ok(a) => a,
        Err(response) => return response,
    };
    if json {
        return match answer {
            Ok(hits) => match serde_json::to_vec_pretty(&hits) {
                Ok(body) => (
                    StatusCode::OK,
                    [(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    )],
                    body,
                )
                    .into_response(),
                Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            },
            Err(e) => failure(StatusCode::NOT_FOUND, e),
        };
    }
    let (actors, topics) = &shared.suggestions;
    match answer {
        Ok(hits) => html_response(
            StatusCode::OK,
            crate::pages::requests(actors, topics, &to, &topic, &hits, None),
        ),
        Err(e) => html_response(
            StatusCode::NOT_FOUND,
            crate::pages::requests(actors, topics, &to, &topic, &[], Some(&e)),
        ),
    }
}

/// Whether the client asks for JSON before HTML.
fn negotiate_json(headers: &HeaderMap) -> bool {
    let accept = header_text(headers, header::ACCEPT, "");
    !wants_html(headers) && accept.to_ascii_lowercase().contains("application/json")
}

/// The SPARQL page, with the answer to `query` when one is given.
async fn sparql_page(shared: &Arc<Shared>, query: Option<String>) -> Response {
    let canned: Vec<(&str, &str)> = crate::queries::ALL
        .iter()
        .map(|q| (q.name, q.text))
        .collect();
    let Some(query) = query else {
        return html_response(
            StatusCode::OK,
            crate::pages::sparql(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n) LIMIT 20",
                &canned,
                None,
                None,
            ),
        );
    };
    let limits = shared.limits;
    let q = query.clone();
    let answer = blocking(shared, move |store| {
        Ok(store
            .query(
                &q,
                &[],
                Some(limits.timeout),
                Some(limits.max_rows.min(1000)),
            )
            .map_err(|e| e.to_string()))
    })
    .await;
    match answer {
        Ok(Ok(answer)) => html_response(
            StatusCode::OK,
            crate::pages::sparql(&query, &canned, Some(&answer), None),
        ),
        Ok(Err(e)) => html_response(
            StatusCode::BAD_REQUEST,
            crate::pages::sparql(&query, &canned, None, Some(&e)),
        ),
        Err(response) => response,
    }
}

/// The page of a minted IRI: a document's, an actor's, else its statements as a table.
async fn resource_page(shared: &Arc<Shared>, iri: NamedNode) -> Response {
    let worker = Arc::clone(shared);
    let page = blocking(shared, move |store| {
        if store.has_graph(&iri)? && iri.as_str().starts_with(crate::iri::DOC_BASE) {
            return document_page(store, &worker.knowledge, &iri).map(Some);
        }
        if let Some(actor) = worker.knowledge.actors.iter().find(|a| a.iri == iri) {
            return actor_page(store, &worker.knowledge, actor).map(Some);
        }
        let triples = store.about(&iri)?;
        if triples.is_empty() {
            return Ok(None);
        }
        let rows = triples
            .iter()
            .map(|t| {
                vec![
                    Some(oxigraph::model::Term::from(t.predicate.clone())),
                    Some(t.object.clone()),
                ]
            })
            .collect();
        let answer = Answer::Rows {
            variables: vec!["predicate".into(), "object".into()],
            rows,
            truncated: false,
        };
        Ok(Some(crate::pages::layout(
            iri.as_str(),
            crate::pages::table(&answer),
        )))
    })
    .await;
    match page {
        Ok(Some(page)) => html_response(StatusCode::OK, page),
        Ok(None) => failure(StatusCode::NOT_FOUND, "the store says nothing of this IRI"),
        Err(response) => response,
    }
}

/// The rows of a SELECT.
type Rows = Vec<Vec<Option<oxigraph::model::Term>>>;

/// The rows of a SELECT with `params` bound.
fn select(
    store: &GraphStore,
    sparql: &str,
    params: &[(String, oxigraph::model::Term)],
) -> Result<(Vec<String>, Rows), StoreError> {
    match store.query(sparql, params, None, None)? {
        Answer::Rows {
            variables, rows, ..
        } => Ok((variables, rows)),
        _ => unreachable!("a SELECT"),
    }
}

fn text_of(term: &Option<oxigraph::model::Term>) -> String {
    match term {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
        Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_string(),
        _ => String::new(),
    }
}

/// A document's page: its header, its paragraphs with their mandates, its footnotes.
fn document_page(
    store: &GraphStore,
    knowledge: &crate::knowledge::Knowledge,
    document: &NamedNode,
) -> Result<maud::Markup, StoreError> {
    let bound = [(
        "document".to_string(),
        oxigraph::model::Term::from(document.clone()),
    )];
    let (_, header) = select(
        store,
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         SELECT ?symbol ?date ?issuer ?title ?undocs ?record WHERE { GRAPH ?document {
           OPTIONAL { ?document rg:symbol ?symbol } OPTIONAL { ?document rg:date ?date }
           OPTIONAL { ?document rg:issuedBy ?issuer } OPTIONAL { ?document rg:title ?title }
           OPTIONAL { ?document rg:undocsPage ?undocs } OPTIONAL { ?document rg:digitalLibraryRecord ?record } } } LIMIT 1",
        &bound,
    )?;
    let h = header.first().cloned().unwrap_or_default();
    let cell = |i: usize| h.get(i).map(text_of).unwrap_or_default();
    let symbol = cell(0);
    let issuer = cell(2);
    let mut rows: Vec<(String, maud::Markup)> = Vec::new();
    if !symbol.is_empty() {
        rows.push(("symbol".into(), maud::html! { (symbol) }));
    }
    if !cell(3).is_empty() {
        rows.push(("title".into(), maud::html! { (cell(3)) }));
    }
    if !cell(1).is_empty() {
        rows.push(("adopted".into(), maud::html! { (cell(1)) }));
    }
    if !issuer.is_empty() {
        let name = knowledge
            .actors
            .iter()
            .find(|a| a.iri.as_str() == issuer)
            .map_or(issuer.clone(), |a| a.name.clone());
        rows.push((
            "by".into(),
            maud::html! { a href=(crate::pages::local(&issuer)) { (name) } },
        ));
    }
    for (label, i) in [("undocs.org", 4), ("UN Digital Library", 5)] {
        let link = cell(i);
        if !link.is_empty() {
            rows.push((label.into(), maud::html! { a href=(link) { (link) } }));
        }
    }
    let (variables, paragraph_rows) = select(
        store,
        crate::queries::find("paragraphs").expect("built in").text,
        &bound,
    )?;
    let at = |name: &str| variables.iter().position(|v| v == name);
    let (mandate_vars, mandates) = select(
        store,
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         SELECT ?part ?mandate ?verb ?phrase (GROUP_CONCAT(DISTINCT STR(?who); separator=\" \") AS ?who)
           (GROUP_CONCAT(DISTINCT STR(?partner); separator=\" \") AS ?partners)
           (GROUP_CONCAT(DISTINCT STR(?condition); separator=\" \") AS ?conditions)
         WHERE { GRAPH ?document { ?part rg:mandate ?mandate . ?mandate rg:verbPhrase ?verb .
           OPTIONAL { ?mandate rg:addresseePhrase ?phrase } OPTIONAL { ?mandate rg:addressee ?who }
           OPTIONAL { ?mandate rg:partner ?partner } OPTIONAL { ?mandate rg:condition ?condition } } }
         GROUP BY ?part ?mandate ?verb ?phrase ORDER BY ?mandate",
        &bound,
    )?;
    let m_at = |name: &str| mandate_vars.iter().position(|v| v == name);
    let mut paragraphs: Vec<crate::pages::Paragraph> = Vec::new();
    for r in &paragraph_rows {
        let get = |name: &str| {
            at(name)
                .and_then(|i| r.get(i))
                .map(text_of)
                .unwrap_or_default()
        };
        let iri = get("paragraph");
        let of_part: Vec<crate::pages::Mandate> = mandates
            .iter()
            .filter(|m| {
                m_at("part").and_then(|i| m.get(i)).map(text_of).as_deref() == Some(iri.as_str())
            })
            .map(|m| {
                let mget = |name: &str| {
                    m_at(name)
                        .and_then(|i| m.get(i))
                        .map(text_of)
                        .unwrap_or_default()
                };
                let actors = mget("who")
                    .split_whitespace()
                    .map(|who| {
                        let name = knowledge
                            .actors
                            .iter()
                            .find(|a| a.iri.as_str() == who)
                            .map_or(who.to_string(), |a| a.name.clone());
                        (who.to_string(), name)
                    })
                    .collect();
                let partners = mget("partners")
                    .split_whitespace()
                    .map(
                        |iri| match knowledge.actors.iter().find(|a| a.iri.as_str() == iri) {
                            Some(a) => {
                                let mut names = vec![a.name.clone()];
                                names.extend(a.aliases.iter().cloned());
                                names.extend(a.acronyms.iter().cloned());
                                (iri.to_string(), a.name.clone(), names)
                            }
                            None => (iri.to_string(), iri.to_string(), Vec::new()),
                        },
                    )
                    .collect();
                let conditions = mget("conditions")
                    .split_whitespace()
                    .filter_map(|iri| knowledge.conditions.iter().find(|c| c.iri.as_str() == iri))
                    .map(|c| (c.label.clone(), c.phrases.clone()))
                    .collect();
                crate::pages::Mandate {
                    verb: mget("verb"),
                    addressee: mget("phrase"),
                    actors,
                    partners,
                    conditions,
                }
            })
            .collect();
        paragraphs.push(crate::pages::Paragraph {
            iri,
            kind: get("kind"),
            number: get("number"),
            text: get("text"),
            mandates: of_part,
        });
    }
    let (_, notes) = select(
        store,
        "PREFIX rg: <https://w3id.org/resograph/ontology#>
         PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
         SELECT ?marker ?text WHERE { GRAPH ?document { ?f a rg:Footnote ; rg:marker ?marker ; rg:text ?text } }
         ORDER BY xsd:integer(?marker) ?marker",
        &bound,
    )?;
    let footnotes: Vec<(String, String)> = notes
        .iter()
        .map(|r| (text_of(&r[0]), text_of(&r[1])))
        .collect();
    let title = if symbol.is_empty() {
        document.as_str().to_string()
    } else {
        symbol
    };
    Ok(crate::pages::document(
        &title,
        &rows,
        &paragraphs,
        &footnotes,
    ))
}

/// An actor's page: every mandate asked of it, in date order.
fn actor_page(
    store: &GraphStore,
    knowledge: &crate::knowledge::Knowledge,
    actor: &crate::knowledge::Actor,
) -> Result<maud::Markup, StoreError> {
    let registry = crate::timeline::mandates(store, knowledge, Some(actor.iri.as_str()), None)
        .map_err(|e| match e {
            crate::timeline::TimelineError::Store(e) => e,
            other => StoreError::Evaluation(other.to_string()),
        })?;
    let rows: Vec<(String, String, String, String, String)> = registry
        .into_iter()
        .map(|m| {
            let paragraph = match &m.subparagraph {
                Some(sub) => format!("{} ({sub})", m.number),
                None => m.number.clone(),
            };
            (
                m.date.unwrap_or_default(),
                m.document,
                m.document_iri,
                paragraph,
                m.verb,
            )
        })
        .collect();
    Ok(crate::pages::actor(&actor.name, &rows))
}
