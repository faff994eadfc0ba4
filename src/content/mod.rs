//! Trial content and interface strings: the data files, compiled in, parsed and validated.
//!
//! Content is data, not code: `content/<trial>/trial.json` holds the questions, rules and texts in
//! both languages, `content/ui.json` the interface strings. `load_trial` / `load_ui` parse and
//! validate a file, naming the culprit of every problem; the test suite runs them on the shipped
//! files, so a malformed file never ships. The widget itself gets the same content as Rust values
//! that `build.rs` encodes from the files into compact blobs (see `decode`).

mod decode;
mod ui;
mod validate;

pub use ui::{UiText, fill};
pub use validate::validate;

use crate::domain::Trial;
use std::cell::OnceCell;
use std::fmt;

/// The NCT07117435 content file, in full (what authors edit and tests validate).
pub const NCT07117435_JSON: &str = include_str!("../../content/NCT07117435/trial.json");
/// The interface strings file, in full.
pub const UI_JSON: &str = include_str!("../../content/ui.json");

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The trials this build knows, by registry id, as the blobs `build.rs` encodes from their files.
const TRIALS: &[(&str, &[u8])] = &[(
    "NCT07117435",
    include_bytes!(concat!(env!("OUT_DIR"), "/nct07117435.bin")),
)];

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

/// A shipped trial by registry id (case-insensitive). The file it was generated from is validated
/// by the test suite, so a malformed trial never ships; the wasm carries neither parser nor
/// validator. Decoded once per page (per thread) and kept for the page's life: every element
/// showing the trial shares it. (A `'static` reference, not an `Rc`: content is never freed, so
/// the wasm needs neither reference counts nor the code to drop a trial.)
pub fn shipped_trial(id: &str) -> Option<&'static Trial> {
    let index = TRIALS
        .iter()
        .position(|(tid, _)| tid.eq_ignore_ascii_case(id.trim()))?;
    DECODED.with(|decoded| {
        let cell = decoded.get(index)?;
        Some(*cell.get_or_init(|| {
            let mut reader = decode::Reader::new(TRIALS[index].1);
            let trial = reader.trial();
            debug_assert!(reader.is_done(), "the trial blob has bytes left over");
            Box::leak(Box::new(trial))
        }))
    })
}

/// The shipped interface strings (from `content/ui.json`, checked by the test suite), decoded
/// once per page (per thread) and kept for the page's life, like a trial.
pub fn shipped_ui() -> &'static UiText {
    UI.with(|ui| {
        *ui.get_or_init(|| {
            let mut reader =
                decode::Reader::new(include_bytes!(concat!(env!("OUT_DIR"), "/ui.bin")));
            let ui = reader.ui();
            debug_assert!(reader.is_done(), "the interface blob has bytes left over");
            Box::leak(Box::new(ui))
        })
    })
}

thread_local! {
    /// Each shipped trial once decoded, in `TRIALS` order.
    static DECODED: [OnceCell<&'static Trial>; TRIALS.len()] = const { [const { OnceCell::new() }; TRIALS.len()] };
    static UI: OnceCell<&'static UiText> = const { OnceCell::new() };
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
