//! The root component's state: the domain's [`Journey`], the question screen's form, the
//! language, the status message, an opened file waiting for the patient's word, whether answers
//! are kept on the device and whether the inactivity prompt shows, changed only through `Action`s
//! by one reducer (`use_journey`).
//! One reducer rather than a state hook each (see docs/size.md, rule 4).

use super::note::Note;
use crate::domain::form::{Draft, Form, read_answer};
use crate::domain::imported::Imported;
use crate::domain::journey::{Journey, Screen};
use crate::domain::{Answers, Lang, Trial};
use std::rc::Rc;
use yew::prelude::*;

/// Every change the screens and the root's concerns can ask for.
pub enum Action {
    Start,
    /// The question screen's draft changed (the problem shown stays until the next Continue).
    Draft(Draft),
    /// Continue on the question screen: the draft as the answer, or the problem with it.
    Submit,
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
    /// The form of the question on screen, once the patient has touched it (until then it shows
    /// the answer already given); `None` whenever that screen goes, as a component's state would.
    form: Option<(String, Form)>,
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

impl State {
    /// The patient's journey through `trial` in `lang`, with no answers: on the start screen, or
    /// at the first question when `start`.
    fn new(trial: &'static Trial, lang: Lang, start: bool) -> Self {
        let mut journey = Journey::default();
        if start {
            journey.start(trial);
        }
        State {
            trial,
            journey,
            form: None,
            lang,
            keep: false,
            idle: false,
            note: None,
            importing: None,
        }
    }

    /// Back to the start with no answers held in memory: the journey's, and an opened file's
    /// waiting for confirmation (else the import screen would come back with them).
    fn forget_answers(&mut self) {
        self.journey.restart();
        self.importing = None;
    }

    /// The form of `question`, on screen: as the patient left it, or new from the answer given.
    pub fn form(&self, question: &str) -> Form {
        match &self.form {
            Some((id, form)) if id == question => form.clone(),
            _ => Form::new(self.journey.answers.get(question)),
        }
    }

    /// The form of the question on screen, kept from here on (`None`: no question shows).
    fn form_mut(&mut self) -> Option<&mut Form> {
        let Screen::Question(id) = &self.journey.screen else {
            return None;
        };
        if self.form.as_ref().is_none_or(|(kept, _)| kept != id) {
            self.form = Some((id.clone(), self.form(id)));
        }
        self.form.as_mut().map(|(_, form)| form)
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        let screen = state.journey.screen.clone();
        // The question screen goes (and its form with it) when the screen changes, or when the
        // import or inactivity screen takes its place.
        let hides = matches!(action, Action::Import(_) | Action::Idle(true));
        if let Action::Loaded(_) = action {
            // A question already on screen keeps what it shows; kept answers do not change it.
            state.form_mut();
        }
        let t = state.trial;
        let note = state.note.take();
        // Moving on clears any message about saving or opening.
        state.note = match action {
            Action::Start => {
                state.journey.start(t);
                None
            }
            Action::Draft(draft) => {
                if let Some(form) = state.form_mut() {
                    form.draft = draft;
                }
                note
            }
            Action::Submit => {
                let question = match &state.journey.screen {
                    Screen::Question(id) => t.question(id),
                    _ => None,
                };
                match question.zip(state.form_mut()) {
                    Some((q, form)) => match read_answer(q, &form.draft) {
                        Ok(answer) => {
                            form.problem = None;
                            state.journey.answer(t, &q.id, answer);
                            None
                        }
                        Err(problem) => {
                            let attempt = form.problem.map_or(0, |(_, n)| n + 1);
                            form.problem = Some((problem, attempt));
                            note
                        }
                    },
                    None => note,
                }
            }
            Action::Back => {
                state.journey.back(t);
                None
            }
            Action::Change(q) => {
                state.journey.change(&q);
                None
            }
            Action::KeepAnswering => {
                state.journey.keep_answering();
                None
            }
            Action::ShowSummary => {
                state.journey.show_summary();
                None
            }
            Action::Restart => {
                state.journey.restart();
                None
            }
            Action::Restore(key) => {
                state.journey.restore(t, &key);
                note
            }
            Action::Loaded(answers) => {
                state.journey.answers = answers;
                note
            }
            Action::Import(found) => {
                state.importing = Some(found);
                None
            }
            Action::ConfirmImport => {
                if let Some(found) = state.importing.take() {
                    state.journey.replace_answers(t, found.answers);
                }
                Some(Note::ImportDone)
            }
            Action::CancelImport => {
                state.importing = None;
                Some(Note::ImportCancelled)
            }
            Action::Erase => {
                state.forget_answers();
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
                state.forget_answers();
                Some(Note::IdleErased)
            }
        };
        if hides || state.journey.screen != screen {
            state.form = None;
        }
        Rc::new(state)
    }
}

/// The patient's journey through `trial` in `lang`, with no answers: on the start screen, or at
/// the first question when `start` (Start was pressed before the widget was ready).
#[hook]
pub fn use_journey(trial: &'static Trial, lang: Lang, start: bool) -> UseReducerHandle<State> {
    use_reducer(|| State::new(trial, lang, start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{NCT07117435_JSON, add_trial_json};
    use crate::domain::model::Answer;

    fn state() -> Rc<State> {
        let trial = add_trial_json(NCT07117435_JSON).expect("the shipped trial");
        Rc::new(State::new(trial, Lang::En, false))
    }

    fn opened_file() -> Action {
        let answers = [("age".to_string(), Answer::Number(64))]
            .into_iter()
            .collect();
        Action::Import(Imported {
            answers,
            dropped: Vec::new(),
            content_version: "1.1.0".into(),
            saved: "2026-11-27".into(),
        })
    }

    #[test]
    fn erasing_drops_an_opened_file_waiting_for_confirmation() {
        for erase in [Action::Erase, Action::IdleErase] {
            let s = state()
                .reduce(Action::Start)
                .reduce(opened_file())
                .reduce(Action::Idle(true));
            assert!(s.importing.is_some());
            let s = s.reduce(erase);
            assert!(
                s.importing.is_none(),
                "the file's answers outlive the erase"
            );
            assert!(s.journey.answers.is_empty());
        }
    }
}
