//! Trial content and interface strings: the data files, compiled in, parsed and validated.
//!
//! Content is data, not code: `content/<trial>/trial.json` holds the questions, rules and texts in
//! both languages, `content/ui.json` the interface strings. `load_trial` / `load_ui` parse and
//! validate a file, naming the culprit of every problem; the test suite runs them on the shipped
//! files, so a malformed file never ships. The widget itself gets the same content as Rust values
//! that `build.rs` generates from the files (no parsing at start-up, no parser in the wasm).

mod ui;
mod validate;

pub use ui::{UiText, fill};
pub use validate::validate;

use crate::domain::Trial;
use std::fmt;

/// The NCT07117435 content file, in full (what authors edit and tests validate).
pub const NCT07117435_JSON: &str = include_str!("../../content/NCT07117435/trial.json");
/// The interface strings file, in full.
pub const UI_JSON: &str = include_str!("../../content/ui.json");

/// The content as `build.rs` generates it from the files above: Rust values the wasm builds at
/// start-up, without a JSON parser and without the reviewer-only fields.
mod generated {
    use super::UiText;
    use crate::domain::model::*;

    include!(concat!(env!("OUT_DIR"), "/nct07117435.rs"));
    include!(concat!(env!("OUT_DIR"), "/ui.rs"));

    // One short call per string keeps the generated constructor small in the wasm.
    #[inline(never)]
    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[inline(never)]
    fn t(en: &str, zh: &str) -> Text {
        Text {
            en: s(en),
            zh: s(zh),
        }
    }
}

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds one shipped trial.
type Build = fn() -> Trial;

/// The trials this build knows, by registry id.
const TRIALS: &[(&str, Build)] = &[("NCT07117435", generated::nct07117435)];

/// Parses a trial file without validating it.
pub fn parse_trial(json: &str) -> Result<Trial, Vec<ContentError>> {
    serde_json::from_str(json)
        .map_err(|e| vec![ContentError(format!("trial file is not valid: {e}"))])
}

/// Parses and validates a trial file; every problem found is listed.
pub fn load_trial(json: &str) -> Result<Trial, Vec<ContentError>> {
    let trial = parse_trial(json)?;
    let problems = validate(&trial);
    if problems.is_empty() {
        Ok(trial)
    } else {
        Err(problems)
    }
}

/// A shipped trial by registry id (case-insensitive). The file it was generated from is validated
/// by the test suite, so a malformed trial never ships; the wasm carries neither parser nor
/// validator.
pub fn shipped_trial(id: &str) -> Option<Trial> {
    TRIALS
        .iter()
        .find(|(tid, _)| tid.eq_ignore_ascii_case(id.trim()))
        .map(|(_, build)| build())
}

/// The shipped interface strings (from `content/ui.json`, checked by the test suite).
pub fn shipped_ui() -> UiText {
    generated::ui()
}

/// Parses and validates the interface strings.
pub fn load_ui(json: &str) -> Result<UiText, Vec<ContentError>> {
    let ui = UiText::parse(json)?;
    let problems = ui.missing_translations();
    if problems.is_empty() {
        Ok(ui)
    } else {
        Err(problems)
    }
}
