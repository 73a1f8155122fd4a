//! `resograph push`: every named graph of the store (or one) sent to a SPARQL 1.1 Graph Store
//! Protocol endpoint, each replaced whole (`PUT ?graph=IRI`), so that pushing twice changes
//! nothing. For a user who moves the graph into a server built for more (Virtuoso, an
//! Oxigraph server).
//!
//! - The body is N-Triples, sent as `text/turtle` (N-Triples is Turtle, and Turtle is what
//!   every Graph Store endpoint reads).
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

/// Pushes `graphs` of `store` to `target`; `on_graph` hears of each graph done (pushed or
/// failed).
pub fn push(
    store: &GraphStore,
    target: &Target,
    graphs: &[NamedNode],
    mut on_graph: impl FnMut(&NamedNode),
) -> Result<Pushed, PushError> {
    if !(target.url.starts_with("http://") || target.url.starts_with("https://")) {
        return Err(PushError::Url(target.url.clone()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let mut pushed = Pushed::default();
    // The answer to the last challenge, reused (Digest counts its uses) until refused.
    let mut auth: Option<http_auth::PasswordClient> = None;
    for graph in graphs {
        let triples: Vec<Triple> = store
            .quads(Some(graph))?
            .into_iter()
            .map(Triple::from)
            .collect();
        let mut body = Vec::new();
        crate::store::write_triples_as(&triples, RdfFormat::NTriples, &mut body)?;
        match put(&agent, target, graph, &body, &mut auth, &mut pushed.retries) {
            Ok(()) => {
                pushed.graphs += 1;
                pushed.triples += triples.len();
            }
            Err(why) => pushed.failed.push((graph.clone(), why)),
        }
        on_graph(graph);
    }
    Ok(pushed)
}

/// One graph, replaced whole: `PUT url?graph=IRI`, answering an authentication challenge
/// and retrying what may pass later.
fn put(
    agent: &ureq::Agent,
    target: &Target,
    graph: &NamedNode,
    body: &[u8],
    auth: &mut Option<http_auth::PasswordClient>,
    retries: &mut usize,
) -> Result<(), String> {
    let separator = if target.url.contains('?') { '&' } else { '?' };
    let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
    let url = format!("{}{separator}graph={encoded}", target.url);
    // The request URI the Digest response covers: the path and the query.
    let request_uri = url
        .splitn(4, '/')
        .nth(3)
        .map_or_else(|| "/".to_string(), |rest| format!("/{rest}"));
    let mut challenged = false;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut request = agent.put(&url).header("Content-Type", "text/turtle");
        if let (Some(client), Some((user, password))) = (auth.as_mut(), &target.credentials) {
            let answer = client.respond(&http_auth::PasswordParams {
                username: user,
                password,
                uri: &request_uri,
                method: "PUT",
                body: Some(body),
            })?;
            request = request.header("Authorization", answer);
        }
        let again = |why: String, attempt: u32| -> Result<Duration, String> {
            if attempt >= ATTEMPTS {
                Err(format!("{why} (after {attempt} attempts)"))
            } else {
                Ok(Duration::from_millis(500 << (attempt - 1)))
            }
        };
        match request.send(body) {
            Ok(response) => {
                let status = response.status().as_u16();
                match status {
                    200..=299 => return Ok(()),
                    401 if !challenged && target.credentials.is_some() => {
                        challenged = true;
                        attempt -= 1;
                        let challenge = response
                            .headers()
                            .get_all("www-authenticate")
                            .iter()
                            .filter_map(|v| v.to_str().ok())
                            .collect::<Vec<_>>()
                            .join(", ");
                        *auth = Some(http_auth::PasswordClient::try_from(challenge.as_str())?);
                    }
                    401 if target.credentials.is_none() => {
                        return Err("the server asks for a user (--user) and a password \
                                    (RESOGRAPH_PUSH_PASSWORD)"
                            .to_string());
                    }
                    429 | 500..=599 => {
                        let wait = again(format!("the server answered {status}"), attempt)?;
                        *retries += 1;
                        std::thread::sleep(wait);
                    }
                    _ => {
                        let mut response = response;
                        let text = response.body_mut().read_to_string().unwrap_or_default();
                        let text: String = text.trim().chars().take(300).collect();
                        return Err(format!("the server answered {status}: {text}"));
                    }
                }
            }
            Err(e) => {
                let wait = again(e.to_string(), attempt)?;
                *retries += 1;
                std::thread::sleep(wait);
            }
        }
    }
}
