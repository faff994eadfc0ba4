//! The content the widget shows: the interface strings, compiled in (`build.rs`), and the trials,
//! each loaded from its files (one per language, written by the build or the authoring kit's
//! `pack`, fetched by the loader) and held for the page's life.
//!
//! Everything else about content (loading and validating the JSON files, the encoding, the
//! interface strings' type) is the core's, re-exported here: see `tsc_core::content`.

pub use tsc_core::content::*;

use crate::domain::{Lang, Trial};
use decode::{TrialFile, TrialFileError};
use std::cell::{OnceCell, RefCell};

/// Why a trial's file was refused: said plainly to the patient, and in full to the host's console.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    File(TrialFileError),
    /// The file is another trial's (`found`) than the one the element names.
    OtherTrial {
        found: String,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::File(TrialFileError::NotATrialFile) => {
                f.write_str("it is not a trial file (another file, or an error page, at its address)")
            }
            LoadError::File(TrialFileError::OtherFormat(n)) => write!(
                f,
                "it was made for trial format {n}; this widget reads format {}: make it again with this release's kit (`pack`)",
                encode::TRIAL_FORMAT
            ),
            LoadError::File(TrialFileError::Damaged) => f.write_str(
                "it is damaged (cut short or changed), or its languages' files come from different builds",
            ),
            LoadError::OtherTrial { found } => write!(f, "it holds trial {found}"),
        }
    }
}

/// One trial as loaded so far: its files (kept, so a second language is read against the first
/// one's structure) and the trial decoded from all of them.
struct Loaded {
    files: Vec<TrialFile<'static>>,
    trial: &'static Trial,
}

/// Adds one of trial `id`'s files: the first, or another language of a trial already loaded (then
/// every element showing it gets the new texts). The file must be whole (its format, its lengths,
/// every byte read) and trial `id`'s. Its content rules were checked when it was written: by the
/// build for a shipped trial, by the authoring kit's `pack` for a host's own, which writes no file
/// the check finds a problem in (the rules are not run again here: the validator would add about
/// 14 KB gzip to every patient's download; docs/size.md, rule 1). Loaded trials live for the
/// page's life, shared by every element as `'static` references (see docs/size.md, rule 6).
pub fn add_trial_file(id: &str, bytes: Vec<u8>) -> Result<&'static Trial, LoadError> {
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let file = decode::trial_file(bytes).map_err(LoadError::File)?;
    LOADED.with_borrow_mut(|loaded| {
        let index = loaded.iter().position(|l| is(l, id));
        let mut files = index.map_or_else(Vec::new, |i| loaded[i].files.clone());
        files.retain(|f| f.lang != file.lang);
        files.push(file);
        let trial = decode::trial(&files).map_err(LoadError::File)?;
        if !trial.id.eq_ignore_ascii_case(id.trim()) {
            return Err(LoadError::OtherTrial { found: trial.id });
        }
        let trial: &'static Trial = Box::leak(Box::new(trial));
        match index {
            Some(i) => loaded[i] = Loaded { files, trial },
            None => loaded.push(Loaded { files, trial }),
        }
        Ok(trial)
    })
}

/// Whether `l` is trial `id` (case-insensitive, spaces around it ignored).
fn is(l: &Loaded, id: &str) -> bool {
    l.trial.id.eq_ignore_ascii_case(id.trim())
}

/// Loads a trial from its content file (`trial.json`), in every language, as the build's files
/// would load it: for the tests and the build tool (the widget itself never parses JSON content;
/// see docs/size.md, rule 1).
pub fn add_trial_json(json: &str) -> Result<&'static Trial, String> {
    let trial = load_trial(json).map_err(|e| format!("{e:?}"))?;
    let mut added = Err("a trial with no languages".to_string());
    for &lang in &trial.languages {
        added =
            add_trial_file(&trial.id, encode::trial_file(&trial, lang)).map_err(|e| e.to_string());
    }
    added
}

/// The trial `id` as loaded so far (case-insensitive), if any file of it was.
pub fn loaded_trial(id: &str) -> Option<&'static Trial> {
    LOADED.with_borrow(|loaded| loaded.iter().find(|l| is(l, id)).map(|l| l.trial))
}

/// The language trial `id` can be shown in now: `lang` when the trial is written in it and its
/// texts are loaded, else the first language loaded.
pub fn shown_language(id: &str, lang: Lang) -> Lang {
    LOADED.with_borrow(|loaded| {
        let Some(l) = loaded.iter().find(|l| is(l, id)) else {
            return lang;
        };
        let lang = l.trial.language(lang);
        match l.files.iter().any(|f| f.lang == lang) {
            true => lang,
            false => l.files.first().map_or(lang, |f| f.lang),
        }
    })
}

/// Whether trial `id`'s texts in `lang` are loaded.
pub fn has_language(id: &str, lang: Lang) -> bool {
    LOADED.with_borrow(|loaded| {
        loaded
            .iter()
            .any(|l| is(l, id) && l.files.iter().any(|f| f.lang == lang))
    })
}

/// The shipped interface strings (from `content/ui.json`, checked by the test suite), decoded
/// once per page (per thread) and kept for the page's life.
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
    static LOADED: RefCell<Vec<Loaded>> = const { RefCell::new(Vec::new()) };
    static UI: OnceCell<&'static UiText> = const { OnceCell::new() };
}
