//! Keeping answers on this device (only after the patient opts in): the kept record is read at
//! start-up, every change is written through while the option is on, and turning it off removes
//! the record. Each embedded copy keeps its own record (`record`, see `device::storage_key`).

use crate::domain::Trial;
use crate::domain::import::from_json;
use crate::domain::imported::DropReason;
use crate::domain::saved;
use crate::ui::browser::device;
use crate::ui::state::note::Note;
use crate::ui::state::{Action, State};
use yew::prelude::*;

/// Keeps the answers in `state` on this device while `state.keep` is on (the journey's state);
/// returns what the panel's checkbox calls.
#[hook]
pub fn use_keep(
    trial: &'static Trial,
    record: String,
    state: UseReducerHandle<State>,
) -> Callback<bool> {
    let key = device::storage_key(&trial.id, &record);
    // Whether the start-up read has happened. `bool::default`, so hooks of one type share their
    // code (see docs/size.md, rule 4).
    let started = use_mut_ref(bool::default);
    {
        // One effect for both (see docs/size.md, rule 4). At start-up: read (never
        // write) the record kept on this device, if the patient kept one. Then, while the patient
        // keeps answers on the device, every change (and the opt-in itself) is written through; a
        // browser that refuses storage turns the option back off.
        let (key, state) = (key.clone(), state.clone());
        use_effect_with(
            (state.keep, state.journey.answers.clone()),
            move |(keep, answers)| {
                if !std::mem::replace(&mut *started.borrow_mut(), true) {
                    // Nothing is kept yet at start-up (`keep` starts off), so nothing to write.
                    load(&key, trial, &state);
                } else if *keep
                    && !device::store(&key, &saved::to_json(trial, answers, &device::today()))
                {
                    state.dispatch(Action::Keep(false));
                    state.dispatch(Action::Note(Some(Note::KeepFailed)));
                }
            },
        );
    }
    Callback::from(move |on: bool| {
        let note = if on {
            Note::KeptOn
        } else {
            device::remove(&key);
            Note::KeptOff
        };
        state.dispatch(Action::Keep(on));
        state.dispatch(Action::Note(Some(note)));
    })
}

/// Restores the record kept under `key`, if the patient kept one, and says so (or that it could
/// not be read).
fn load(key: &str, trial: &'static Trial, state: &UseReducerHandle<State>) {
    let Some(text) = device::load(key) else {
        return;
    };
    match from_json(&text, trial) {
        Ok(found) => {
            state.dispatch(Action::Loaded(found.answers));
            state.dispatch(Action::Keep(true));
            let again = found
                .dropped
                .iter()
                .filter(|d| d.reason == DropReason::Changed)
                .filter_map(|d| trial.question(&d.question))
                .map(|q| q.text.clone())
                .collect();
            state.dispatch(Action::Note(Some(Note::Restored(found.saved, again))));
        }
        Err(_) => state.dispatch(Action::Note(Some(Note::StorageCorrupt))),
    }
}
