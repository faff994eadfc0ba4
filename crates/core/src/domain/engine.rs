//! Evaluation: from a trial and a patient's answers to an honest report.
//!
//! Evaluation cannot fail. Answers that do not fit their question (wrong kind, unknown option,
//! out of range), answers to unknown questions and answers to questions that skip logic hides are
//! ignored, exactly as if they had not been given.

use super::model::{Answer, Answers, Condition, Criterion, Question, Reply, Test, Text, Trial};
use super::verdict::Verdict;

/// The overall outcome. Never "eligible": only the study team can decide that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every criterion a patient can answer fits; the study team still checks its items.
    LikelyFit,
    /// Nothing rules the patient out, but some answers are unknown.
    Possibly,
    /// At least one criterion does not fit, whatever else is unknown.
    NotAFit,
}

/// The result for one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionResult<'t> {
    pub criterion: &'t Criterion,
    /// The patient part's verdict; `None` when only the study team can check this criterion.
    pub verdict: Option<Verdict>,
    /// The asked questions whose answers give this verdict: for "does not fit", the answers that
    /// rule it out; for "unknown", the ones missing or "not sure"; for "fits", the ones that make
    /// it fit. What a patient checks first when the verdict surprises them.
    pub deciding: Vec<&'t Question>,
}

impl<'t> CriterionResult<'t> {
    /// What to ask a doctor when this criterion is not known: the question that settles each
    /// unknown answer (its question's own line, where it has one), else the criterion's line.
    /// Empty unless the verdict is unknown.
    pub fn asks(&self) -> Vec<&'t Text> {
        if self.verdict != Some(Verdict::Unknown) {
            return Vec::new();
        }
        let mut asks: Vec<&'t Text> = Vec::new();
        for ask in self.deciding.iter().filter_map(|q| q.ask_doctor.as_ref()) {
            if !asks.contains(&ask) {
                asks.push(ask);
            }
        }
        if asks.is_empty() {
            asks.extend(self.criterion.ask_doctor.as_ref());
        }
        asks
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report<'t> {
    pub criteria: Vec<CriterionResult<'t>>,
    pub outcome: Outcome,
    /// True when no further answer can change the outcome (some criterion already does not fit),
    /// so a patient who is clearly not a fit need not answer the rest.
    pub decided: bool,
    /// Criteria with a study-team part: listed whatever the outcome.
    pub team_checks: Vec<&'t Criterion>,
    /// Criteria whose patient part is unknown: each gives a question to ask a doctor.
    pub ask_doctor: Vec<&'t Criterion>,
}

/// The answers that count: only well-formed answers to questions that are currently asked.
/// Visibility is computed in question order, each `ask_when` reading only earlier questions.
pub fn effective_answers(trial: &Trial, answers: &Answers) -> Answers {
    let mut effective = Answers::new();
    for q in &trial.questions {
        if !is_asked(q, &effective) {
            continue;
        }
        if let Some(a) = answers.get(&q.id).filter(|a| q.accepts(a)) {
            let a = if q.counts_as_unknown(a) {
                Answer::NotSure
            } else {
                a.clone()
            };
            effective.insert(q.id.clone(), a);
        }
    }
    effective
}

/// The questions asked given these answers, in order.
pub fn asked_questions<'t>(trial: &'t Trial, answers: &Answers) -> Vec<&'t Question> {
    asked_given(trial, &effective_answers(trial, answers))
}

/// The questions asked, given answers already filtered by [`effective_answers`].
fn asked_given<'t>(trial: &'t Trial, effective: &Answers) -> Vec<&'t Question> {
    trial
        .questions
        .iter()
        .filter(|q| is_asked(q, effective))
        .collect()
}

fn is_asked(q: &Question, effective: &Answers) -> bool {
    q.ask_when
        .as_ref()
        .is_none_or(|c| evaluate(c, effective) == Verdict::Fits)
}

/// Evaluates a condition against answers already filtered by [`effective_answers`].
pub fn evaluate(condition: &Condition, answers: &Answers) -> Verdict {
    match condition {
        Condition::All(cs) => Verdict::all(cs.iter().map(|c| evaluate(c, answers))),
        Condition::Any(cs) => Verdict::any(cs.iter().map(|c| evaluate(c, answers))),
        Condition::Not(c) => !evaluate(c, answers),
        Condition::Answer(t) => match (answers.get(&t.question), &t.test) {
            (Some(Answer::NotSure), Test::Is(Reply::NotSure)) => Verdict::Fits,
            (None | Some(Answer::NotSure), _) => Verdict::Unknown,
            (Some(a), test_of) => test(test_of, a),
        },
    }
}

fn test(test: &Test, answer: &Answer) -> Verdict {
    match (test, answer) {
        (Test::Is(Reply::Yes), Answer::Yes) | (Test::Is(Reply::No), Answer::No) => Verdict::Fits,
        // A given answer is not "not sure" (that case is decided before any test).
        (Test::Is(Reply::NotSure), _) => Verdict::DoesNotFit,
        (Test::Is(_), Answer::Yes | Answer::No) => Verdict::DoesNotFit,
        (Test::OneOf(ids), Answer::Choice(id)) => ids.contains(id).into(),
        (Test::AtLeast(min), Answer::Number(n)) => (n >= min).into(),
        (Test::AtMost(max), Answer::Number(n)) => (n <= max).into(),
        (Test::Between(lo, hi), Answer::Number(n)) => (lo..=hi).contains(&n).into(),
        // A test of the wrong kind for the answer: validated away at load, unknown if it slips by.
        _ => Verdict::Unknown,
    }
}

/// Collects, without repeats, the questions whose own tests give `want` in `condition` (`Not`
/// flips what a test must give): the answers behind a criterion's verdict.
fn giving<'c>(condition: &'c Condition, answers: &Answers, want: Verdict, out: &mut Vec<&'c str>) {
    match condition {
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| giving(c, answers, want, out))
        }
        Condition::Not(c) => giving(c, answers, !want, out),
        Condition::Answer(t) => {
            if evaluate(condition, answers) == want && !out.contains(&t.question.as_str()) {
                out.push(&t.question);
            }
        }
    }
}

/// Evaluates every criterion and the overall outcome. Never fails, never panics.
pub fn evaluate_trial<'t>(trial: &'t Trial, answers: &Answers) -> Report<'t> {
    let effective = effective_answers(trial, answers);
    let asked = asked_given(trial, &effective);
    let criteria: Vec<CriterionResult> = trial
        .criteria
        .iter()
        .map(|c| {
            let verdict = c.fits_when.as_ref().map(|rule| evaluate(rule, &effective));
            let deciding = match (&c.fits_when, verdict) {
                (Some(rule), Some(v)) => {
                    let mut ids = Vec::new();
                    giving(rule, &effective, v, &mut ids);
                    ids.into_iter()
                        .filter_map(|id| asked.iter().find(|q| q.id == id).copied())
                        .collect()
                }
                _ => Vec::new(),
            };
            CriterionResult {
                criterion: c,
                verdict,
                deciding,
            }
        })
        .collect();

    let patient = Verdict::all(criteria.iter().filter_map(|r| r.verdict));
    let outcome = match patient {
        Verdict::DoesNotFit => Outcome::NotAFit,
        Verdict::Fits => Outcome::LikelyFit,
        Verdict::Unknown => Outcome::Possibly,
    };
    let team_checks = trial
        .criteria
        .iter()
        .filter(|c| c.team_check.is_some())
        .collect();
    let ask_doctor = criteria
        .iter()
        .filter(|r| r.verdict == Some(Verdict::Unknown))
        .map(|r| r.criterion)
        .collect();
    Report {
        criteria,
        outcome,
        decided: outcome == Outcome::NotAFit,
        team_checks,
        ask_doctor,
    }
}

/// The fewest and the most questions a patient can be asked: those without skip logic, and all.
pub fn question_range(trial: &Trial) -> (usize, usize) {
    let always = trial
        .questions
        .iter()
        .filter(|q| q.ask_when.is_none())
        .count();
    (always, trial.questions.len())
}

/// Where a patient stands in the questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position of the question among those asked.
    pub position: usize,
    /// How many questions are asked given the answers so far ("about": later answers may add some).
    pub total: usize,
}

/// The position of `question` among the questions asked, if it is asked.
pub fn progress(trial: &Trial, answers: &Answers, question: &str) -> Option<Progress> {
    // Counted in one pass, without a list of the asked questions (this runs on every step).
    let effective = effective_answers(trial, answers);
    let (mut position, mut total) = (None, 0);
    for q in trial.questions.iter().filter(|q| is_asked(q, &effective)) {
        total += 1;
        if q.id == question {
            position = Some(total);
        }
    }
    position.map(|position| Progress { position, total })
}

/// The question after `current` among those asked (or the first, given `None`).
pub fn next_question<'t>(
    trial: &'t Trial,
    answers: &Answers,
    current: Option<&str>,
) -> Option<&'t Question> {
    // Whether a question is asked depends only on the answers, so the next asked question is
    // the first asked one after `current` in the trial's fixed order (no list is built: this runs
    // on every step).
    let effective = effective_answers(trial, answers);
    let from = match current {
        None => 0,
        Some(id) => trial.questions.iter().position(|q| q.id == id)? + 1,
    };
    trial.questions[from..]
        .iter()
        .find(|q| is_asked(q, &effective))
}

/// The question before `current` among those asked.
pub fn previous_question<'t>(
    trial: &'t Trial,
    answers: &Answers,
    current: &str,
) -> Option<&'t Question> {
    let effective = effective_answers(trial, answers);
    let order = trial.questions.iter().position(|q| q.id == current)?;
    trial.questions[..order]
        .iter()
        .rev()
        .find(|q| is_asked(q, &effective))
}

/// The first asked question still without an answer: where a "Change" round-trip resumes
/// before going back to the summary.
pub fn first_unanswered<'t>(trial: &'t Trial, answers: &Answers) -> Option<&'t Question> {
    let effective = effective_answers(trial, answers);
    trial
        .questions
        .iter()
        .find(|q| is_asked(q, &effective) && !effective.contains_key(&q.id))
}
