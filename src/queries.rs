//! The canned SPARQL queries of `queries/`, built into the binary.
//!
//! Each file's first line is a `#` comment saying what it answers; `resograph query --list`
//! prints it. Parameters are SPARQL variables bound with `--param NAME=VALUE`.

/// A canned query.
#[derive(Debug, Clone, Copy)]
pub struct Canned {
    /// Name (file name without `.rq`).
    pub name: &'static str,
    /// The query text.
    pub text: &'static str,
}

impl Canned {
    /// The one-line summary from the first comment line.
    pub fn summary(&self) -> &'static str {
        self.text
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches('#')
            .trim()
    }
}

macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        &[$(Canned { name: $name, text: include_str!(concat!("../queries/", $name, ".rq")) }),*]
    };
}

/// All canned queries, by name.
pub const ALL: &[Canned] = canned!(
    "citations",
    "documents",
    "established-bodies",
    "mandates",
    "mandates-by-printed-addressee",
    "mandates-to-actor",
    "mandates-to-addressee",
    "operative-by-verb",
    "paragraphs",
    "reports",
    "requests-to-actor-on-topic",
    "review-provisions",
    "timeline",
    "triples-per-class",
);

/// The canned query called `name`.
pub fn find(name: &str) -> Option<&'static Canned> {
    ALL.iter().find(|q| q.name == name)
}
