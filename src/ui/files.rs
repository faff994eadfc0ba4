//! Opening and saving files: "Save to a file" (our answers file), "Download for the study team"
//! (a FHIR QuestionnaireResponse), and "Open saved answers", which shows what would change before
//! anything is replaced.

use crate::content::UiText;
use crate::domain::Trial;
use crate::domain::fhir;
use crate::domain::import::{MAX_BYTES, from_json};
use crate::domain::imported::ImportError;
use crate::domain::saved;
use crate::ui::browser::device::{self, ReadError};
use crate::ui::state::note::Note;
use crate::ui::state::{Action, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the panel's and the summary's file buttons call. A file read and checked waits in the
/// journey's state (`State::importing`) for the patient to confirm or cancel.
pub struct Files {
    pub on_save: Callback<()>,
    pub on_download: Callback<()>,
    pub on_open: Callback<HtmlInputElement>,
}

/// The file actions' callbacks. A plain function, not a hook: it keeps no state of its own (see
/// docs/size.md, rule 4).
pub fn file_actions(
    trial: &'static Trial,
    ui: &'static UiText,
    state: UseReducerHandle<State>,
) -> Files {
    let saved = |state: &UseReducerHandle<State>, name| {
        state.dispatch(Action::Note(Some(Note::SavedFile(name))))
    };
    let on_save = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let today = device::today();
            let name = format!("trial-self-check-{}-{today}.json", trial.id);
            if device::download(
                &name,
                &saved::to_json(trial, &state.journey.answers, &today),
            ) {
                saved(&state, name);
            }
        })
    };
    // The same answers as a FHIR QuestionnaireResponse, for the study team's own tools.
    let on_download = {
        let state = state.clone();
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
                saved(&state, name);
            }
        })
    };
    let on_open = Callback::from(move |input: HtmlInputElement| {
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let note = |note| state.dispatch(Action::Note(Some(note)));
            match device::read_picked(&input, MAX_BYTES).await {
                Err(ReadError::TooLarge) => note(Note::Import(ImportError::TooLarge { bytes: 0 })),
                Err(ReadError::Unreadable) => note(Note::ReadFailed),
                Ok(text) => match from_json(&text, trial) {
                    Ok(found) => state.dispatch(Action::Import(found)),
                    Err(e) => note(Note::Import(e)),
                },
            }
        });
    });
    Files {
        on_save,
        on_download,
        on_open,
    }
}
