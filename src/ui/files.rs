//! Opening and saving files: "Save to a file" (our answers file), "Download for the study team"
//! (a FHIR QuestionnaireResponse), and "Open saved answers", which shows what would change before
//! anything is replaced.

use super::device;
use super::journey::{Action, State};
use super::note::Note;
use crate::content::UiText;
use crate::domain::Trial;
use crate::domain::fhir;
use crate::domain::saved::{self, ImportError, Imported};
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct Files {
    /// A file read and checked, waiting for the patient to confirm or cancel.
    pub importing: UseStateHandle<Option<Imported>>,
    pub on_save: Callback<()>,
    pub on_download: Callback<()>,
    pub on_open: Callback<HtmlInputElement>,
    pub on_replace: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[hook]
pub fn use_files(
    trial: &'static Trial,
    ui: &'static UiText,
    state: UseReducerHandle<State>,
    note: UseStateHandle<Option<Note>>,
) -> Files {
    let importing = use_state(|| None::<Imported>);
    let on_save = {
        let (note, state, trial) = (note.clone(), state.clone(), trial);
        Callback::from(move |_: ()| {
            let today = device::today();
            let name = format!("trial-self-check-{}-{today}.json", trial.id);
            if device::download(
                &name,
                &saved::to_json(trial, &state.journey.answers, &today),
            ) {
                note.set(Some(Note::SavedFile(name)));
            }
        })
    };
    // The same answers as a FHIR QuestionnaireResponse, for the study team's own tools.
    let on_download = {
        let (note, state, trial) = (note.clone(), state.clone(), trial);
        Callback::from(move |_: ()| {
            let today = device::today();
            let name = format!("trial-self-check-{}-for-study-team-{today}.json", trial.id);
            let words = fhir::Words {
                yes: ui.yes(),
                no: ui.no(),
                not_sure: ui.not_sure(),
            };
            let text = fhir::response_json(trial, &state.journey.answers, &today, &words);
            if device::download(&name, &text) {
                note.set(Some(Note::SavedFile(name)));
            }
        })
    };
    let on_open = {
        let (note, importing) = (note.clone(), importing.clone());
        Callback::from(move |input: HtmlInputElement| {
            let (note, importing, trial) = (note.clone(), importing.clone(), trial);
            wasm_bindgen_futures::spawn_local(async move {
                match device::read_picked(&input, saved::MAX_BYTES).await {
                    Err(true) => note.set(Some(Note::Import(ImportError::TooLarge { bytes: 0 }))),
                    Err(false) => note.set(Some(Note::ReadFailed)),
                    Ok(text) => match saved::from_json(&text, trial) {
                        Ok(found) => {
                            note.set(None);
                            importing.set(Some(found));
                        }
                        Err(e) => note.set(Some(Note::Import(e))),
                    },
                }
            });
        })
    };
    let on_replace = {
        let (importing, note) = (importing.clone(), note.clone());
        let answers = importing.as_ref().map(|found| found.answers.clone());
        Callback::from(move |_| {
            if let Some(answers) = answers.clone() {
                state.dispatch(Action::Replace(answers));
            }
            importing.set(None);
            note.set(Some(Note::ImportDone));
        })
    };
    let on_cancel = {
        let importing = importing.clone();
        Callback::from(move |_| {
            importing.set(None);
            note.set(Some(Note::ImportCancelled));
        })
    };
    Files {
        importing,
        on_save,
        on_download,
        on_open,
        on_replace,
        on_cancel,
    }
}
