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

/// The NCT07117435 content, as shipped.
pub const NCT07117435_JSON: &str = include_str!("../../content/NCT07117435/trial.json");
/// The interface strings, as shipped.
pub const UI_JSON: &str = include_str!("../../content/ui.json");

/// The trials this build knows, by registry id.
pub const TRIALS: &[(&str, &str)] = &[("NCT07117435", NCT07117435_JSON)];

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses and validates a trial file; every problem found is listed.
pub fn load_trial(json: &str) -> Result<Trial, Vec<ContentError>> {
    let trial: Trial = serde_json::from_str(json)
        .map_err(|e| vec![ContentError(format!("trial file is not valid: {e}"))])?;
    let problems = validate(&trial);
    if problems.is_empty() {
        Ok(trial)
    } else {
        Err(problems)
    }
}

/// Loads a shipped trial by registry id (case-insensitive).
pub fn shipped_trial(id: &str) -> Option<Result<Trial, Vec<ContentError>>> {
    TRIALS
        .iter()
        .find(|(tid, _)| tid.eq_ignore_ascii_case(id.trim()))
        .map(|(_, json)| load_trial(json))
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
