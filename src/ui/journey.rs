//! The root component's state: the domain's [`Journey`], the language, the status message, an
//! opened file waiting for the patient's word, whether answers are kept on the device and whether
//! the inactivity prompt shows, changed only through `Action`s by one reducer (`use_journey`).
//! One reducer rather than a state hook each: every hook's type costs the wasm its own code.

use super::note::Note;
use crate::domain::journey::Journey;
use crate::domain::saved::Imported;
use crate::domain::{Answer, Answers, Lang, Trial};
use std::rc::Rc;
use yew::prelude::*;

/// Every change the screens and the root's concerns can ask for.
pub enum Action {
    Start,
    Answer(String, Answer),
    Back,
    Change(String),
    KeepAnswering,
    ShowSummary,
    Restart,
    /// The browser went back or forward to the step with this key.
    Restore(String),
    /// Answers kept on this device, loaded at start-up (the screen stays where it is).
    Loaded(Answers),
    /// A file opened and checked: shown with what would change, until confirmed or cancelled.
    Import(Imported),
    /// The patient confirmed the opened file: its answers replace the current ones.
    ConfirmImport,
    CancelImport,
    /// "Erase my answers": back to the start, no opened file.
    Erase,
    /// A message about saving, opening or the inactivity guard (or none).
    Note(Option<Note>),
    /// The language to show: the host's new one, or the patient's switch.
    Lang(Lang),
    /// Keep the answers on this device, or stop.
    Keep(bool),
    /// Show the inactivity prompt, or hide it (the patient is back).
    Idle(bool),
    /// The inactivity prompt went unanswered: answers erased from memory, back to the start.
    IdleErase,
}

#[derive(Clone)]
pub struct State {
    trial: &'static Trial,
    pub journey: Journey,
    pub lang: Lang,
    /// Whether the answers are kept on this device (the patient opted in).
    pub keep: bool,
    /// Whether the "are you still there?" prompt shows instead of the answers.
    pub idle: bool,
    /// The status message under the language switch.
    pub note: Option<Note>,
    /// A file read and checked, waiting for the patient to confirm or cancel.
    pub importing: Option<Imported>,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        let (t, journey) = (state.trial, &mut state.journey);
        let note = state.note.take();
        // Moving on clears any message about saving or opening.
        state.note = match action {
            Action::Start => {
                journey.start(t);
                None
            }
            Action::Answer(q, a) => {
                journey.answer(t, &q, a);
                None
            }
            Action::Back => {
                journey.back(t);
                None
            }
            Action::Change(q) => {
                journey.change(&q);
                None
            }
            Action::KeepAnswering => {
                journey.keep_answering();
                None
            }
            Action::ShowSummary => {
                journey.show_summary();
                None
            }
            Action::Restart => {
                journey.restart();
                None
            }
            Action::Restore(key) => {
                journey.restore(t, &key);
                note
            }
            Action::Loaded(answers) => {
                journey.answers = answers;
                note
            }
            Action::Import(found) => {
                state.importing = Some(found);
                None
            }
            Action::ConfirmImport => {
                if let Some(found) = state.importing.take() {
                    journey.replace_answers(t, found.answers);
                }
                Some(Note::ImportDone)
            }
            Action::CancelImport => {
                state.importing = None;
                Some(Note::ImportCancelled)
            }
            Action::Erase => {
                journey.restart();
                state.importing = None;
                state.keep = false;
                Some(Note::Erased)
            }
            Action::Note(note) => note,
            Action::Lang(lang) => {
                state.lang = lang;
                note
            }
            Action::Keep(on) => {
                state.keep = on;
                note
            }
            Action::Idle(shown) => {
                state.idle = shown;
                note
            }
            Action::IdleErase => {
                state.idle = false;
                journey.restart();
                Some(Note::IdleErased)
            }
        };
        Rc::new(state)
    }
}

/// The patient's journey through `trial` in `lang`, with no answers: on the start screen, or at
/// the first question when `start` (Start was pressed before the widget was ready).
#[hook]
pub fn use_journey(trial: &'static Trial, lang: Lang, start: bool) -> UseReducerHandle<State> {
    use_reducer(|| {
        let mut journey = Journey::default();
        if start {
            journey.start(trial);
        }
        State {
            trial,
            journey,
            lang,
            keep: false,
            idle: false,
            note: None,
            importing: None,
        }
    })
}
