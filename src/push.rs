//! `resograph push`: every named graph of the store (or one) sent to a SPARQL 1.1 Graph Store
//! Protocol endpoint, each replaced whole (`PUT ?graph=IRI`), so that pushing twice changes
//! nothing. For a user who moves the graph into a server built for more (Virtuoso, an
//! Oxigraph server).
//!
//! - The body is N-Triples, sent as `text/turtle` (N-Triples is Turtle, and Turtle is what
//!   every Graph Store endpoint reads).
//! - The bulk path, where the endpoint offers one (an Oxigraph server's `/store` takes a
//!   dataset in N-Quads): the graphs the server does not hold yet are sent together, a few
//!   large requests instead of one per graph ([`push`]).
//! - Authentication answers the server's challenge: Basic or Digest (Virtuoso's
//!   `/sparql-graph-crud-auth` asks Digest), with the user given and the password from the
//!   environment (never the command line).
//! - A graph whose request fails for the network, or gets 429 or a 5xx, is tried again, up to
//!   [`ATTEMPTS`] times, after 0.5, 1 and 2 seconds; another answer is that graph's failure,
//!   reported, and the push goes on with the others.

use std::time::Duration;

use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Triple};

use crate::store::{GraphStore, StoreError};

/// How many times a graph is sent before it counts as failed.
pub const ATTEMPTS: u32 = 4;

/// Where to push.
#[derive(Debug, Clone)]
pub struct Target {
    /// The Graph Store Protocol endpoint (`http://127.0.0.1:7878/store`,
    /// `http://host:8890/sparql-graph-crud-auth`).
    pub url: String,
    /// User and password, for a server that asks.
    pub credentials: Option<(String, String)>,
}

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct Pushed {
    /// Graphs replaced on the server.
    pub graphs: usize,
    /// Their triples.
    pub triples: usize,
    /// Of those, graphs the server did not hold, sent in bulk as N-Quads.
    pub bulk_graphs: usize,
    /// The N-Quads requests they took.
    pub bulk_requests: usize,
    /// Requests sent again after a failure of the network or the server.
    pub retries: usize,
    /// Graphs that could not be pushed, and why.
    pub failed: Vec<(NamedNode, String)>,
}

/// Why nothing could be pushed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The target is not an http(s) URL.
    #[error("--to {0:?}: give the server's Graph Store endpoint as an http:// or https:// URL")]
    Url(String),
}

/// Quads of new graphs sent in one N-Quads request at most, on the bulk path.
pub const BULK_QUADS: usize = 250_000;

/// Pushes `graphs` of `store` to `target`; `on_graph` hears of each graph done (pushed or
/// failed).
///
/// Where the endpoint takes a whole dataset in N-Quads (`POST` without `?graph`, as an
/// Oxigraph server's `/store` does; an empty one is sent first to ask), the graphs the
/// server does not hold yet (`HEAD ?graph=` answers 404) go in bulk, [`BULK_QUADS`] quads a
/// request, each request one transaction on the server; the graphs it holds are replaced
/// one by one (`PUT`), as everywhere else. A first push into an empty server is then a few
/// large requests.
pub fn push(
    store: &GraphStore,
    target: &Target,
    graphs: &[NamedNode],
    mut on_graph: impl FnMut(&NamedNode),
) -> Result<Pushed, PushError> {
    if !(target.url.starts_with("http://") || target.url.starts_with("https://")) {
        return Err(PushError::Url(target.url.clone()));
    }
    let mut client = Client {
        agent: ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(600)))
            .build()
            .into(),
        target,
        auth: None,
        retries: 0,
    };
    let mut pushed = Pushed::default();
    let bulk =
        graphs.len() > 1 && client.send(Method::Post, None, NQUADS, b"", 1) == Ok(Status::Done);
    let mut new = Vec::new();
    for graph in graphs {
        if bulk
            && client.send(Method::Head, Some(graph), NQUADS, b"", ATTEMPTS) == Ok(Status::NotFound)
        {
            new.push(graph.clone());
            continue;
        }
        let triples: Vec<Triple> = store
            .quads(Some(graph))?
            .into_iter()
            .map(Triple::from)
            .collect();
        let mut body = Vec::new();
        crate::store::write_triples_as(&triples, RdfFormat::NTriples, &mut body)?;
        match client.send(Method::Put, Some(graph), "text/turtle", &body, ATTEMPTS) {
            Ok(Status::Done) => {
                pushed.graphs += 1;
                pushed.triples += triples.len();
            }
            Ok(Status::NotFound) => pushed
                .failed
                .push((graph.clone(), "the server answered 404".into())),
            Err(why) => pushed.failed.push((graph.clone(), why)),
        }
        on_graph(graph);
    }
    let mut chunk: Vec<(NamedNode, usize)> = Vec::new();
    let mut quads = Vec::new();
    for (i, graph) in new.iter().enumerate() {
        let mut q = store.quads(Some(graph))?;
        chunk.push((graph.clone(), q.len()));
        quads.append(&mut q);
        if quads.len() >= BULK_QUADS || i + 1 == new.len() {
            let mut body = Vec::new();
            crate::store::write_quads(&quads, RdfFormat::NQuads, &mut body)?;
            let sent = client.send(Method::Post, None, NQUADS, &body, ATTEMPTS);
            pushed.bulk_requests += 1;
            for (graph, n) in chunk.drain(..) {
                match &sent {
                    Ok(Status::Done) => {
                        pushed.graphs += 1;
                        pushed.bulk_graphs += 1;
                        pushed.triples += n;
                    }
                    Ok(Status::NotFound) => pushed
                        .failed
                        .push((graph.clone(), "the server answered 404".into())),
                    Err(why) => pushed.failed.push((graph.clone(), why.clone())),
                }
                on_graph(&graph);
            }
            quads.clear();
        }
    }
    pushed.retries = client.retries;
    Ok(pushed)
}

const NQUADS: &str = "application/n-quads";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Head,
    Put,
    Post,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Self::Head => "HEAD",
            Self::Put => "PUT",
            Self::Post => "POST",
        }
    }
}

/// What a request came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// A 2xx.
    Done,
    /// A 404 (for `HEAD`: the server has no such graph).
    NotFound,
}

/// The connection to the endpoint, with the answer to its last authentication challenge
/// (Digest counts its uses, so it is reused until refused) and the requests sent again.
struct Client<'a> {
    agent: ureq::Agent,
    target: &'a Target,
    auth: Option<http_auth::PasswordClient>,
    retries: usize,
}

impl Client<'_> {
    /// `method` on the endpoint, for `graph` (`?graph=IRI`) or the whole dataset, answering
    /// an authentication challenge and trying again, up to `attempts` times, what may pass
    /// later (the network, 429, 5xx).
    fn send(
        &mut self,
        method: Method,
        graph: Option<&NamedNode>,
        content_type: &str,
        body: &[u8],
        attempts: u32,
    ) -> Result<Status, String> {
        let url = match graph {
            Some(graph) => {
                let separator = if self.target.url.contains('?') {
                    '&'
                } else {
                    '?'
                };
                let encoded: String =
                    form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
                format!("{}{separator}graph={encoded}", self.target.url)
            }
            None => self.target.url.clone(),
        };
        // The request URI the Digest response covers: the path and the query.
        let request_uri = url
            .splitn(4, '/')
            .nth(3)
            .map_or_else(|| "/".to_string(), |rest| format!("/{rest}"));
        let mut challenged = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let authorization = match (self.auth.as_mut(), &self.target.credentials) {
                (Some(client), Some((user, password))) => {
                    Some(client.respond(&http_auth::PasswordParams {
                        username: user,
                        password,
                        uri: &request_uri,
                        method: method.as_str(),
                        body: Some(body),
                    })?)
                }
                _ => None,
            };
            let sent = match method {
                Method::Head => {
                    let mut request = self.agent.head(&url);
                    if let Some(a) = &authorization {
                        request = request.header("Authorization", a);
                    }
                    request.call()
                }
                Method::Put | Method::Post => {
                    let mut request = if method == Method::Put {
                        self.agent.put(&url)
                    } else {
                        self.agent.post(&url)
                    }
                    .header("Content-Type", content_type);
                    if let Some(a) = &authorization {
                        request = request.header("Authorization", a);
                    }
                    request.send(body)
                }
            };
            let again = |why: String, attempt: u32| -> Result<Duration, String> {
                if attempt >= attempts {
                    Err(format!("{why} (after {attempt} attempts)"))
                } else {
                    Ok(Duration::from_millis(500 << (attempt - 1)))
                }
            };
            match sent {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    match status {
                        200..=299 => return Ok(Status::Done),
                        404 => return Ok(Status::NotFound),
                        401 if !challenged && self.target.credentials.is_some() => {
                            challenged = true;
                            attempt -= 1;
                            let challenge = response
                                .headers()
                                .get_all("www-authenticate")
                                .iter()
                                .filter_map(|v| v.to_str().ok())
                                .collect::<Vec<_>>()
                                .join(", ");
                            self.auth =
                                Some(http_auth::PasswordClient::try_from(challenge.as_str())?);
                        }
                        401 if self.target.credentials.is_none() => {
                            return Err("the server asks for a user (--user) and a password \
                                        (RESOGRAPH_PUSH_PASSWORD)"
                                .to_string());
                        }
                        429 | 500..=599 => {
                            let wait = again(format!("the server answered {status}"), attempt)?;
                            self.retries += 1;
                            std::thread::sleep(wait);
                        }
                        _ => {
                            let text = response.body_mut().read_to_string().unwrap_or_default();
                            let text: String = text.trim().chars().take(300).collect();
                            return Err(format!("the server answered {status}: {text}"));
                        }
                    }
                }
                Err(e) => {
                    let wait = again(e.to_string(), attempt)?;
                    self.retries += 1;
                    std::thread::sleep(wait);
                }
            }
        }
    }
}
