//! Ingest while serving: `resograph ingest` on a store that a running `resograph serve`
//! holds hands its files to that server instead of failing with "store in use".
//!
//! - The server holds the store for writing (its lock, alone) and registers itself in the
//!   store directory, in [`REGISTRATION_FILE`]: its address, its process and a secret token,
//!   readable by its user only. It removes the file when it stops; a file left by a killed
//!   server is harmless, since only a live server holds the store's lock.
//! - An ingest that finds the store held reads the registration and sends the server the
//!   list of its files (absolute paths: the server reads them itself, from the same
//!   machine), with its options, in `POST /ingest` with the token ([`Request`]). The server
//!   runs the same ingest as the command ([`crate::ingest::run`]), one at a time, and answers
//!   as it goes, one JSON object a line ([`Line`]): each file's report, then the summary.
//! - Nothing is lost if either process is killed: the server writes each batch of
//!   documents atomically, as the command does, and finishes an ingest whose client went
//!   away; a client whose server dies says which files were not reported as stored.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::ingest::{Reported, Summary};

/// The file in the store directory where a running server registers itself.
pub const REGISTRATION_FILE: &str = "serve.json";

/// The path of the server's ingest endpoint.
pub const INGEST_PATH: &str = "/ingest";

/// A running server, as it registers itself in the store directory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Registration {
    /// Where it listens, for a client on this machine (`http://127.0.0.1:7878`).
    pub url: String,
    /// Its process id.
    pub pid: u32,
    /// Whether it holds the store for writing and takes ingests (not `serve --read-only`).
    pub writable: bool,
    /// The secret a client shows to hand it an ingest (`Authorization: Bearer`).
    pub token: String,
}

/// What an ingest handed to a server asks of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Request {
    /// The files, absolute.
    pub files: Vec<PathBuf>,
    /// `--symbol`.
    pub symbol: Option<String>,
    /// `--data`, when the client gave one (else the server's knowledge files).
    pub data: Option<PathBuf>,
    /// `--batch-quads`.
    pub batch_quads: usize,
    /// `--commit-quads`.
    pub commit_quads: usize,
    /// `--threads`, when given.
    pub threads: Option<usize>,
}

/// One line of the server's answer to an ingest.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Line {
    /// A file was read and processed (for a progress bar).
    Processed {
        /// Its position in the request's list.
        index: usize,
    },
    /// A file's outcome, once its batch is written.
    File(Reported),
    /// The ingest is over.
    Summary(Summary),
    /// The ingest stopped: the store failed.
    Failed {
        /// Why.
        error: String,
    },
}

/// Why an ingest could not be handed to a server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HandoffError {
    /// The server takes no ingests.
    #[error(
        "the store is served read-only by `resograph serve --read-only` (process {pid}) at {url}: stop it, or serve without --read-only to ingest while serving"
    )]
    ReadOnly {
        /// The server's address.
        url: String,
        /// Its process.
        pid: u32,
    },
    /// The server did not take the request.
    #[error("the server at {url} did not take the ingest: {message}")]
    Refused {
        /// The server's address.
        url: String,
        /// Why.
        message: String,
    },
    /// The server stopped answering before the end.
    #[error(
        "the server at {url} stopped answering after {reported} of {files} files ({cause}): the files it did not report may not be stored; ingest them again"
    )]
    Cut {
        /// The server's address.
        url: String,
        /// Files it reported.
        reported: usize,
        /// Files sent.
        files: usize,
        /// Why.
        cause: String,
    },
    /// The store failed in the server.
    #[error("the server at {url} stopped the ingest: {error}")]
    Failed {
        /// The server's address.
        url: String,
        /// Why.
        error: String,
    },
}

impl Registration {
    /// A registration for a server listening on `address`, with a new token. A server bound
    /// to every interface (`0.0.0.0`, `::`) is reached on loopback.
    pub fn new(address: SocketAddr, writable: bool) -> std::io::Result<Self> {
        let mut secret = [0u8; 24];
        getrandom::fill(&mut secret).map_err(std::io::Error::other)?;
        let mut local = address;
        if local.ip().is_unspecified() {
            local.set_ip(if local.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        Ok(Self {
            url: format!("http://{local}"),
            pid: std::process::id(),
            writable,
            token: secret.iter().map(|b| format!("{b:02x}")).collect(),
        })
    }

    /// Writes the registration into the store directory `store`, readable by this user
    /// only (it holds the token), replacing a stale one in one rename.
    pub fn write(&self, store: &Path) -> std::io::Result<()> {
        let temporary = store.join(format!("{REGISTRATION_FILE}.{}", self.pid));
        let mut options = std::fs::File::options();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        serde_json::to_writer(&mut file, self)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&temporary, store.join(REGISTRATION_FILE))
    }

    /// The registration in the store directory `store`, if there is one.
    pub fn read(store: &Path) -> Option<Self> {
        let bytes = std::fs::read(store.join(REGISTRATION_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Removes this server's registration from `store` (not another's that replaced it).
    pub fn remove(&self, store: &Path) {
        if Self::read(store).is_some_and(|r| r.token == self.token) {
            let _ = std::fs::remove_file(store.join(REGISTRATION_FILE));
        }
    }

    /// Whether `authorization` (the header's value) carries this server's token. The
    /// comparison takes the same time wherever the first difference is.
    pub fn authorizes(&self, authorization: &str) -> bool {
        let Some(token) = authorization.strip_prefix("Bearer ") else {
            return false;
        };
        token.len() == self.token.len()
            && token
                .bytes()
                .zip(self.token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// Hands `request` to the server and follows its answer: `on_line` gets each line
    /// before the summary, which comes back at the end.
    pub fn hand_off(
        &self,
        request: &Request,
        mut on_line: impl FnMut(Line),
    ) -> Result<Summary, HandoffError> {
        if !self.writable {
            return Err(HandoffError::ReadOnly {
                url: self.url.clone(),
                pid: self.pid,
            });
        }
        let url = self.url.clone();
        let files = request.files.len();
        let refused = |message: String| HandoffError::Refused {
            url: url.clone(),
            message,
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(std::time::Duration::from_secs(5)))
            .build()
            .into();
        let body = serde_json::to_vec(request).map_err(|e| refused(e.to_string()))?;
        let response = agent
            .post(format!("{}{INGEST_PATH}", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("Content-Type", "application/json")
            .send(&body[..])
            .map_err(|e| refused(e.to_string()))?;
        let status = response.status();
        let mut body = response.into_body();
        if !status.is_success() {
            let message = body.read_to_string().unwrap_or_default();
            return Err(refused(format!("{status}: {}", message.trim())));
        }
        let mut reported = 0;
        let cut = |reported: usize, cause: String| HandoffError::Cut {
            url: url.clone(),
            reported,
            files,
            cause,
        };
        for line in BufReader::new(body.as_reader()).lines() {
            let line = line.map_err(|e| cut(reported, e.to_string()))?;
            let line: Line = serde_json::from_str(&line)
                .map_err(|e| cut(reported, format!("an answer not understood: {e}")))?;
            match line {
                Line::Summary(summary) => return Ok(summary),
                Line::Failed { error } => return Err(HandoffError::Failed { url, error }),
                Line::File(_) => {
                    reported += 1;
                    on_line(line);
                }
                Line::Processed { .. } => on_line(line),
            }
        }
        Err(cut(reported, "the answer ended before the summary".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_authorizes_its_token_only() {
        let r = Registration::new("0.0.0.0:7878".parse().unwrap(), true).unwrap();
        assert_eq!(r.url, "http://127.0.0.1:7878");
        assert_eq!(r.token.len(), 48);
        assert!(r.authorizes(&format!("Bearer {}", r.token)));
        assert!(!r.authorizes(&r.token));
        assert!(!r.authorizes("Bearer "));
        let mut other = r.token.clone();
        other.replace_range(47.., if other.ends_with('0') { "1" } else { "0" });
        assert!(!r.authorizes(&format!("Bearer {other}")));
        let again = Registration::new("[::]:0".parse().unwrap(), true).unwrap();
        assert_eq!(again.url, "http://[::1]:0");
        assert_ne!(again.token, r.token);
    }

    #[test]
    fn a_registration_is_written_for_its_user_and_removed_by_its_server_only() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registration::new("127.0.0.1:1".parse().unwrap(), true).unwrap();
        r.write(dir.path()).unwrap();
        assert_eq!(Registration::read(dir.path()).as_ref(), Some(&r));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(REGISTRATION_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let newer = Registration::new("127.0.0.1:2".parse().unwrap(), true).unwrap();
        newer.write(dir.path()).unwrap();
        r.remove(dir.path());
        assert_eq!(Registration::read(dir.path()).as_ref(), Some(&newer));
        newer.remove(dir.path());
        assert_eq!(Registration::read(dir.path()), None);
    }

    #[test]
    fn lines_read_back_as_written() {
        let lines = [
            Line::Processed { index: 3 },
            Line::Summary(Summary {
                documents: 2,
                compacted: Some(0.5),
                ..Summary::default()
            }),
            Line::Failed {
                error: "disk full".into(),
            },
        ];
        for line in lines {
            let text = serde_json::to_string(&line).unwrap();
            assert!(!text.contains('\n'));
            assert_eq!(serde_json::from_str::<Line>(&text).unwrap(), line);
        }
    }
}
