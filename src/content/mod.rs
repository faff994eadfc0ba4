//! The content the widget ships: the trial and interface strings `build.rs` encodes from the
//! content files into compact blobs, compiled in and decoded once per page.
//!
//! Everything else about content (loading and validating the JSON files, the decoder, the
//! interface strings' type) is the core's, re-exported here: see `tsc_core::content`.

pub use tsc_core::content::*;

use crate::domain::Trial;
use std::cell::OnceCell;

/// The trials this build knows, by registry id, as the blobs `build.rs` encodes from their files.
const TRIALS: &[(&str, &[u8])] = &[(
    DEFAULT_TRIAL,
    include_bytes!(concat!(env!("OUT_DIR"), "/nct07117435.bin")),
)];

/// A shipped trial by registry id (case-insensitive). The file it was generated from is validated
/// by the test suite, so a malformed trial never ships; the wasm carries neither parser nor
/// validator (see docs/size.md, rule 1). Decoded once per page (per thread) and kept for the page's life:
/// every element showing the trial shares it, as a `'static` reference (see docs/size.md, rule 6).
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
