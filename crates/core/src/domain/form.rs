//! The question screen's form, without the screen: what the patient has picked or typed so far
//! (`Draft`), the problem shown with it, and how a draft becomes an answer (`read_answer`).
//!
//! Pure, so the widget's reducer (which holds the form) and its question screen (which draws it)
//! both take it from here rather than from each other.

use super::model::{Answer, Question, QuestionKind};

/// What the patient has picked or typed so far on this screen.
#[derive(Clone, PartialEq)]
pub enum Draft {
    Nothing,
    Picked(Answer),
    Typed(String),
}

/// What is on the screen: the draft answer, and the problem shown with a count of failed attempts
/// (so the error summary re-takes focus each time). The widget holds it in its reducer's state
/// for the question on screen.
#[derive(Clone, PartialEq)]
pub struct Form {
    pub draft: Draft,
    pub problem: Option<(Problem, u32)>,
}

impl Form {
    /// A new screen's form: the answer already given, if any (coming back, or "Change").
    pub fn new(current: Option<&Answer>) -> Form {
        Form {
            draft: match current {
                Some(Answer::Number(n)) => Draft::Typed(n.to_string()),
                Some(a) => Draft::Picked(a.clone()),
                None => Draft::Nothing,
            },
            problem: None,
        }
    }
}

/// Which error the screen shows.
#[derive(Clone, Copy, PartialEq)]
pub enum Problem {
    Choose,
    NumberMissing,
    NumberFormat,
    NumberRange,
}

/// Turns what is on screen into an answer, or says what is wrong.
pub fn read_answer(q: &Question, draft: &Draft) -> Result<Answer, Problem> {
    match (&q.kind, draft) {
        (_, Draft::Picked(a)) => Ok(a.clone()),
        (QuestionKind::Number { min, max, .. }, Draft::Typed(s)) => {
            let s = s.trim();
            if s.is_empty() {
                return Err(Problem::NumberMissing);
            }
            let n: u32 = s.parse().map_err(|_| Problem::NumberFormat)?;
            if (*min..=*max).contains(&n) {
                Ok(Answer::Number(n))
            } else {
                Err(Problem::NumberRange)
            }
        }
        (QuestionKind::Number { .. }, Draft::Nothing) => Err(Problem::NumberMissing),
        _ => Err(Problem::Choose),
    }
}
