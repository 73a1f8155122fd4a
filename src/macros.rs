//! Small macros shared by the parsing modules.

/// Declares a regular expression compiled once, on first use.
macro_rules! re {
    ($name:ident, $pattern:expr) => {
        static $name: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new($pattern).expect("valid regex"));
    };
}
