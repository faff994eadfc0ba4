//! The journey as the root component's state: every change the screens can ask for (`Action`),
//! applied to the domain's [`Journey`] by a reducer (`use_journey`).

use crate::domain::journey::Journey;
use crate::domain::{Answer, Answers, Trial};
use std::rc::Rc;
use yew::prelude::*;

/// Every change the screens can ask for.
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
    /// Answers from an opened file, after the patient confirmed.
    Replace(Answers),
}

pub struct State {
    trial: &'static Trial,
    pub journey: Journey,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut journey = self.journey.clone();
        let t = self.trial;
        match action {
            Action::Start => journey.start(t),
            Action::Answer(q, a) => journey.answer(t, &q, a),
            Action::Back => journey.back(t),
            Action::Change(q) => journey.change(&q),
            Action::KeepAnswering => journey.keep_answering(),
            Action::ShowSummary => journey.show_summary(),
            Action::Restart => journey.restart(),
            Action::Restore(key) => journey.restore(t, &key),
            Action::Loaded(answers) => journey.answers = answers,
            Action::Replace(answers) => journey.replace_answers(t, answers),
        }
        Rc::new(State {
            trial: self.trial,
            journey,
        })
    }
}

/// The patient's journey through `trial`, with no answers: on the start screen, or at the first
/// question when `start` (Start was pressed before the widget was ready).
#[hook]
pub fn use_journey(trial: &'static Trial, start: bool) -> UseReducerHandle<State> {
    use_reducer(|| {
        let mut journey = Journey::default();
        if start {
            journey.start(trial);
        }
        State { trial, journey }
    })
}
