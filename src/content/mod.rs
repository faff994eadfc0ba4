//! Trial content and interface strings: compiled-in data files, parsed and validated.
//!
//! Content is data, not code: `content/<trial>/trial.json` holds the questions, rules and texts in
//! both languages, `content/ui.json` the interface strings. Loading parses and validates; every
//! problem comes back as a message naming the culprit, and a test loads the shipped files so a
//! malformed file is caught before it ships.

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

/// The compact copies `build.rs` makes for the widget: minified, without reviewer-only fields.
pub const NCT07117435_COMPACT: &str =
    include_str!(concat!(env!("OUT_DIR"), "/NCT07117435.min.json"));
pub const UI_COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/ui.min.json"));

/// The trials this build knows, by registry id, as the widget embeds them.
pub const TRIALS: &[(&str, &str)] = &[("NCT07117435", NCT07117435_COMPACT)];

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a trial file without validating it. The widget uses this for its compact embedded copy,
/// whose source `tests/content.rs` validates; everything else should use [`load_trial`].
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

/// Loads a shipped trial by registry id (case-insensitive), from the compact copy. The full file
/// it was made from is validated by the test suite, so a malformed trial never ships; the wasm
/// does not carry the validator.
pub fn shipped_trial(id: &str) -> Option<Result<Trial, Vec<ContentError>>> {
    TRIALS
        .iter()
        .find(|(tid, _)| tid.eq_ignore_ascii_case(id.trim()))
        .map(|(_, json)| parse_trial(json))
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
