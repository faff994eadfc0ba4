//! The patient's journey as a small state machine: which screen is shown and the answers so far.
//!
//! Pure, so the flow (skip logic, "Change" round-trips, the early "not a fit" notice) is tested
//! natively; the components only render a `Journey` and call its verbs.

use super::engine::{evaluate_trial, first_unanswered, next_question, previous_question};
use super::model::{Answer, Answers, Trial};

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Start,
    /// One question, by id.
    Question(String),
    /// The answers already decide "not a fit": say so kindly, offer the summary or going on.
    /// Holds where "Keep answering" leads (`None`: nothing left to ask).
    Decided(Option<String>),
    Summary,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Journey {
    pub screen: Screen,
    pub answers: Answers,
    /// Set by "Change" on the summary: after the changed answer, ask what it made relevant and
    /// then return to the summary rather than walking every later question.
    pub reviewing: bool,
    /// The patient chose to keep answering after the "not a fit" notice; do not show it again.
    pub keep_going: bool,
    /// "Change" was pressed on the "not a fit" notice: if the answers still decide "not a fit"
    /// after the change, show the notice again rather than walking on.
    pub from_notice: bool,
}

impl Screen {
    /// A short stable key for the screen, stored in the browser's history entries.
    pub fn key(&self) -> String {
        match self {
            Screen::Start => "start".into(),
            Screen::Question(id) => format!("q:{id}"),
            Screen::Decided(_) => "decided".into(),
            Screen::Summary => "summary".into(),
        }
    }
}

impl Journey {
    /// Returns to a screen named by [`Screen::key`] (the browser's Back and Forward buttons).
    /// A key for a question that is no longer asked, or unknown, changes nothing.
    pub fn restore(&mut self, trial: &Trial, key: &str) {
        self.screen = match key {
            "start" => Screen::Start,
            "summary" | "decided" => Screen::Summary,
            _ => match key.strip_prefix("q:") {
                Some(id)
                    if super::engine::asked_questions(trial, &self.answers)
                        .iter()
                        .any(|q| q.id == id) =>
                {
                    Screen::Question(id.to_string())
                }
                _ => return,
            },
        };
    }

    /// "Start": the first question, or with answers kept from before, the first one unanswered.
    pub fn start(&mut self, trial: &Trial) {
        let next = if self.answers.is_empty() {
            next_question(trial, &self.answers, None)
        } else {
            first_unanswered(trial, &self.answers)
        };
        self.screen = match next {
            Some(q) => Screen::Question(q.id.clone()),
            None => Screen::Summary,
        };
    }

    /// Records the answer to the current question and moves on.
    pub fn answer(&mut self, trial: &Trial, question: &str, answer: Answer) {
        self.answers.insert(question.to_string(), answer);
        let next = if self.reviewing {
            first_unanswered(trial, &self.answers)
        } else {
            next_question(trial, &self.answers, Some(question))
        };
        // A change made on the "not a fit" notice resumes the walk where it stopped, notice and all.
        if std::mem::take(&mut self.from_notice) {
            self.reviewing = false;
        }
        let next_id = next.map(|q| q.id.clone());
        let decided = evaluate_trial(trial, &self.answers).decided;
        self.screen = if decided && !self.keep_going && !self.reviewing && next_id.is_some() {
            Screen::Decided(next_id)
        } else {
            match next_id {
                Some(id) => Screen::Question(id),
                None => {
                    self.reviewing = false;
                    Screen::Summary
                }
            }
        };
    }

    /// "Keep answering" on the not-a-fit notice.
    pub fn keep_answering(&mut self) {
        self.keep_going = true;
        self.screen = match &self.screen {
            Screen::Decided(Some(id)) => Screen::Question(id.clone()),
            _ => Screen::Summary,
        };
    }

    pub fn show_summary(&mut self) {
        self.reviewing = false;
        self.from_notice = false;
        self.screen = Screen::Summary;
    }

    /// The Back link: the previous asked question, or the start screen.
    pub fn back(&mut self, trial: &Trial) {
        self.screen = match &self.screen {
            Screen::Question(id) => match previous_question(trial, &self.answers, id) {
                Some(q) => Screen::Question(q.id.clone()),
                None => Screen::Start,
            },
            Screen::Decided(_) | Screen::Summary => {
                // Back from a result screen goes to the last asked question that was answered.
                match super::engine::asked_questions(trial, &self.answers)
                    .into_iter()
                    .rev()
                    .find(|q| self.answers.contains_key(&q.id))
                {
                    Some(q) => Screen::Question(q.id.clone()),
                    None => Screen::Start,
                }
            }
            Screen::Start => Screen::Start,
        };
    }

    /// "Change" next to an answer on the summary or on the "not a fit" notice.
    pub fn change(&mut self, question: &str) {
        self.from_notice = matches!(self.screen, Screen::Decided(_));
        self.reviewing = true;
        self.screen = Screen::Question(question.to_string());
    }

    /// Replaces every answer (an opened file or the record kept on the device) and resumes at the
    /// first question still unanswered, or the summary when none is.
    pub fn replace_answers(&mut self, trial: &Trial, answers: Answers) {
        self.answers = answers;
        self.reviewing = false;
        self.screen = match first_unanswered(trial, &self.answers) {
            _ if self.answers.is_empty() => Screen::Start,
            Some(q) => Screen::Question(q.id.clone()),
            None => Screen::Summary,
        };
    }

    /// "Start over": forgets every answer.
    pub fn restart(&mut self) {
        *self = Journey::default();
    }
}
