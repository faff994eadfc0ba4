//! The registry text as words to compare: shared by `tests/audit.rs` (the audit's quotes are the
//! registry's) and `tests/clauses.rs` (every clause of a criterion is its registry text's).

/// The registry text as words to search: Markdown escapes and list bullets dropped, runs of
/// space made one.
pub fn plain(text: &str) -> String {
    text.replace('\\', "")
        .split_whitespace()
        .filter(|w| *w != "*")
        .collect::<Vec<_>>()
        .join(" ")
}

/// A piece of registry text as words to look for: `plain`, without its end mark (the registry
/// ends items with ":" or ";" where the content ends a sentence, and the other way round).
pub fn item(text: &str) -> String {
    plain(text).trim_end_matches(['.', ';', ':']).to_string()
}

/// Whether the words of `piece` are in `text`, both as `plain` words, the piece's end mark aside.
pub fn contains(text: &str, piece: &str) -> bool {
    plain(text).contains(&item(piece))
}
