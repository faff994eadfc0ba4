//! The status message under the language switch: what saving, opening, erasing or the
//! inactivity guard just did, in the current language (the journey's state holds it).

use crate::content::{UiText, fill};
use crate::domain::Lang;
use crate::domain::imported::ImportError;

/// A message about saving, opening or erasing, rendered in the current language.
#[derive(Clone, PartialEq)]
pub enum Note {
    /// The date the answers were kept, and the questions whose kept answers no longer apply
    /// (their meaning changed in a later content version) and must be answered again.
    Restored(String, Vec<crate::domain::Text>),
    StorageCorrupt,
    Erased,
    KeptOn,
    KeptOff,
    KeepFailed,
    /// The other language's texts could not be fetched (or were refused): the widget stays in
    /// the language it has.
    LanguageFailed,
    SavedFile(String),
    Import(ImportError),
    ReadFailed,
    ImportCancelled,
    ImportDone,
    IdleErased,
}

impl Note {
    pub fn text(&self, ui: &UiText, lang: Lang) -> String {
        let t = |t: &crate::domain::Text| t.get(lang).to_string();
        match self {
            Note::Restored(date, again) => {
                let text = fill(ui.restored().get(lang), &[("date", date)]);
                match again.is_empty() {
                    true => text,
                    false => format!("{text} {}", ui.restored_changed().get(lang)),
                }
            }
            Note::StorageCorrupt => t(ui.storage_corrupt()),
            Note::Erased => t(ui.erased()),
            Note::KeptOn => t(ui.kept_on()),
            Note::KeptOff => t(ui.kept_off()),
            Note::KeepFailed => t(ui.keep_failed()),
            Note::LanguageFailed => t(ui.language_failed()),
            Note::SavedFile(name) => fill(ui.saved_file().get(lang), &[("file", name)]),
            Note::Import(ImportError::TooLarge { .. }) => t(ui.err_too_large()),
            Note::Import(ImportError::NotJson | ImportError::NotAnswersFile) => {
                t(ui.err_not_ours())
            }
            Note::Import(ImportError::OtherTrial { found }) => {
                fill(ui.err_other_trial().get(lang), &[("found", found)])
            }
            Note::Import(ImportError::NewerSchema { .. }) => t(ui.err_newer()),
            Note::ReadFailed => t(ui.err_read()),
            Note::ImportCancelled => t(ui.import_cancelled()),
            Note::ImportDone => t(ui.import_done()),
            Note::IdleErased => t(ui.idle_erased()),
        }
    }

    /// The questions listed under the message: those to answer again after a restore.
    pub fn questions(&self, lang: Lang) -> Vec<String> {
        match self {
            Note::Restored(_, again) => again.iter().map(|q| q.get(lang).to_string()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Note::StorageCorrupt
                | Note::KeepFailed
                | Note::LanguageFailed
                | Note::Import(_)
                | Note::ReadFailed
        )
    }
}
