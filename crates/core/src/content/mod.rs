//! Trial content and interface strings: the data files, parsed and validated, and the compact
//! blobs the widget compiles in, decoded.
//!
//! Content is data, not code: `content/<trial>/trial.json` holds the questions, rules and texts in
//! both languages, `content/ui.json` the interface strings. `load_trial` / `load_ui` parse and
//! validate a file, naming the culprit of every problem; the test suite runs them on the shipped
//! files, so a malformed file never ships. The widget itself gets the same content as Rust values
//! that the UI crate's `build.rs` encodes from the files into compact blobs ([`decode`] reads them).

pub mod audit;
pub mod decode;
pub mod encode;
mod error;
pub mod stories;
mod ui;
mod validate;

pub use error::{ContentError, Problem, pointer};
pub use ui::{KEYS, UiText, fill};
pub use validate::{problems, validate};

use crate::domain::Trial;

/// The trial the standalone page and the build show when none is named: the one place its id is
/// written in code (content files and tests name it too).
pub const DEFAULT_TRIAL: &str = "NCT07117435";
/// The NCT07117435 content file, in full (what authors edit and tests validate).
pub const NCT07117435_JSON: &str = include_str!("../../../../content/NCT07117435/trial.json");
/// The interface strings file, in full.
pub const UI_JSON: &str = include_str!("../../../../content/ui.json");

/// Parses a trial file without validating it.
fn parse_trial(json: &str) -> Result<Trial, Vec<ContentError>> {
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
