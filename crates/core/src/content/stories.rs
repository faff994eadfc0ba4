//! Patient stories: each a patient as a clinical reviewer would describe them, the answers that
//! patient would give (in the saved-answers notation), and the outcome and verdicts the engine
//! must reach. Reading and walking them lives here so that the test suite (`tests/stories.rs`,
//! `tests/changelog.rs`) and the authoring check (`tsc-tools check`) run exactly the same
//! stories the same way. Not used by the widget, so the wasm does not carry it.

use crate::domain::import::from_json;
use crate::domain::journey::{Journey, Screen};
use crate::domain::saved;
use crate::domain::{Answers, Outcome, Trial, Verdict, evaluate_trial};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The date written into every story's saved-answers file; it plays no part in evaluation.
pub const SAVED_ON: &str = "2026-11-27";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// For readers of the file: what it is and how this test uses it.
    about: String,
    stories: Vec<RawStory>,
}

/// A story as written; `deny_unknown_fields` so that a misspelt key ("unkown") fails loudly
/// instead of silently expecting nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStory {
    id: String,
    lang: String,
    patient: String,
    #[serde(default)]
    like: Option<String>,
    answers: Map<String, Value>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub outcome: String,
    pub does_not_fit: Vec<String>,
    pub unknown: Vec<String>,
}

/// A story with its `like` chain resolved into one complete set of answers (saved-file notation).
pub struct Story {
    pub id: String,
    pub lang: String,
    pub patient: String,
    pub like: Option<String>,
    pub answers: Map<String, Value>,
    pub expect: Expect,
}

/// Parses a stories file and resolves `like`: a story starts from an earlier story's resolved
/// answers, then its own answers override them, and `null` removes an inherited one (for when an
/// override hides a follow-up question). A file that does not parse is an `Err` with serde's
/// message (line and column); problems within stories are returned beside them, so that one run
/// can list them together with every other failure.
pub fn read_stories(text: &str) -> Result<(Vec<Story>, Vec<String>), String> {
    let file: File = serde_json::from_str(text).map_err(|e| format!("stories.json: {e}"))?;
    let mut problems = Vec::new();
    if file.about.trim().is_empty() {
        problems.push("stories.json: about: expected a sentence for readers, got nothing".into());
    }
    let mut resolved: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut stories = Vec::new();
    for raw in file.stories {
        let mut answers = match &raw.like {
            None => Map::new(),
            // Only an earlier story will do: that rules out cycles and keeps the file readable
            // top to bottom.
            Some(base) => match resolved.get(base) {
                Some(a) => a.clone(),
                None => {
                    problems.push(format!(
                        "story {}: like: expected an earlier story's id, got \"{base}\"",
                        raw.id
                    ));
                    Map::new()
                }
            },
        };
        for (question, value) in raw.answers {
            if value.is_null() {
                // A null that removes nothing is a leftover or a typo in the question id.
                if answers.remove(&question).is_none() {
                    problems.push(format!(
                        "story {}: {question}: expected null to remove an inherited answer, got nothing to remove",
                        raw.id
                    ));
                }
            } else {
                answers.insert(question, value);
            }
        }
        resolved.insert(raw.id.clone(), answers.clone());
        stories.push(Story {
            id: raw.id,
            lang: raw.lang,
            patient: raw.patient,
            like: raw.like,
            answers,
            expect: raw.expect,
        });
    }
    Ok((stories, problems))
}

/// The story's answers read exactly as a saved-answers file would be: the same notation, the
/// same checks. Every answer the reader drops is a failure, named by question.
pub fn answers_of(story: &Story, trial: &Trial, failures: &mut Vec<String>) -> Option<Answers> {
    let file = serde_json::json!({
        "format": saved::FORMAT,
        "schema": saved::SCHEMA,
        "trial": trial.id,
        "content_version": trial.content_version,
        "saved": SAVED_ON,
        "answers": story.answers,
    });
    match from_json(&file.to_string(), trial) {
        Err(e) => {
            failures.push(format!(
                "story {}: answers: expected a readable saved-answers file, got {e:?}",
                story.id
            ));
            None
        }
        Ok(imported) => {
            for d in &imported.dropped {
                failures.push(format!(
                    "story {}: {}: expected the answer {} to be kept, got dropped ({:?})",
                    story.id,
                    d.question,
                    story.answers.get(&d.question).unwrap_or(&Value::Null),
                    d.reason
                ));
            }
            Some(imported.answers)
        }
    }
}

/// A story's expected outcome as the engine's.
pub fn outcome_of(word: &str) -> Option<Outcome> {
    match word {
        "likely-fit" => Some(Outcome::LikelyFit),
        "possibly" => Some(Outcome::Possibly),
        "not-a-fit" => Some(Outcome::NotAFit),
        _ => None,
    }
}

/// An outcome in the words stories use for it: `likely-fit`, `possibly`, `not-a-fit`.
pub fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::LikelyFit => "likely-fit",
        Outcome::Possibly => "possibly",
        Outcome::NotAFit => "not-a-fit",
    }
}

/// A journey never needs more steps than questions plus one notice; this only stops a loop.
const MAX_STEPS: usize = 100;

/// What a patient saw on the way through.
struct Walk {
    /// The questions asked, in order.
    asked: Vec<String>,
    /// Whether the "not a fit" notice was shown (at most once: "Keep answering" silences it).
    notice_shown: bool,
    journey: Journey,
}

/// Drives the journey as a patient does: answer each question shown, choose "Keep answering" on
/// the early notice, stop at the summary. Returns `None` (with the failure recorded) if the walk
/// cannot finish.
fn walk(
    story: &Story,
    trial: &Trial,
    answers: &Answers,
    failures: &mut Vec<String>,
) -> Option<Walk> {
    let mut journey = Journey::default();
    journey.start(trial);
    let mut asked = Vec::new();
    let mut notice_shown = false;
    for _ in 0..MAX_STEPS {
        match journey.screen.clone() {
            Screen::Question(q) => {
                let Some(answer) = answers.get(&q) else {
                    failures.push(format!(
                        "story {}: question {q} is asked but the story gives no answer",
                        story.id
                    ));
                    return None;
                };
                asked.push(q.clone());
                journey.answer(trial, &q, answer.clone());
            }
            Screen::Decided(_) => {
                notice_shown = true;
                journey.keep_answering();
            }
            Screen::Summary => {
                return Some(Walk {
                    asked,
                    notice_shown,
                    journey,
                });
            }
            Screen::Start => {
                failures.push(format!(
                    "story {}: journey: expected to move on from the start screen, got back to it",
                    story.id
                ));
                return None;
            }
        }
    }
    failures.push(format!(
        "story {}: journey: expected the summary within {MAX_STEPS} steps, got stuck after {} answers",
        story.id,
        asked.len()
    ));
    None
}

fn verdict_word(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Fits) => "fits",
        Some(Verdict::DoesNotFit) => "does not fit",
        Some(Verdict::Unknown) => "unknown",
        None => "study team only",
    }
}

/// The index into `asked` of the answer that first made the outcome "not a fit", replaying the
/// walk's own answers in the order given. Answers only ever add information (Kleene logic is
/// monotone), so once decided the outcome stays decided.
fn decided_at(trial: &Trial, walk: &Walk) -> Option<usize> {
    let mut so_far = Answers::new();
    walk.asked.iter().position(|q| {
        so_far.insert(q.clone(), walk.journey.answers[q].clone());
        evaluate_trial(trial, &so_far).decided
    })
}

/// Walks `story` through the journey as a patient would and compares what the engine says with
/// what the story expects: every criterion's verdict, the outcome and the early notice. Each
/// difference is pushed onto `failures`, naming the story.
pub fn check_story(story: &Story, trial: &Trial, failures: &mut Vec<String>) {
    let id = &story.id;
    let Some(answers) = answers_of(story, trial, failures) else {
        return;
    };
    let Some(walk) = walk(story, trial, &answers, failures) else {
        return;
    };

    // An answer to a question the patient never sees is dead text in the story: either the story
    // is wrong about the patient or skip logic hides something the reviewer thought was asked.
    let asked: BTreeSet<&str> = walk.asked.iter().map(String::as_str).collect();
    for q in answers.keys().filter(|q| !asked.contains(q.as_str())) {
        failures.push(format!(
            "story {id} answers {q}, which is never asked for this patient"
        ));
    }

    let report = evaluate_trial(trial, &walk.journey.answers);
    match outcome_of(&story.expect.outcome) {
        None => failures.push(format!(
            "story {id}: outcome: expected one of likely-fit, possibly, not-a-fit, got \"{}\" in the file",
            story.expect.outcome
        )),
        Some(want) if want != report.outcome => failures.push(format!(
            "story {id}: outcome: expected {}, got {}",
            story.expect.outcome,
            outcome_word(report.outcome)
        )),
        Some(_) => {}
    }

    // Every criterion is compared, not just the listed ones: a criterion the story does not list
    // is expected to fit (or to be the study team's only).
    let dnf: BTreeSet<&str> = story
        .expect
        .does_not_fit
        .iter()
        .map(String::as_str)
        .collect();
    let unknown: BTreeSet<&str> = story.expect.unknown.iter().map(String::as_str).collect();
    for both in dnf.intersection(&unknown) {
        failures.push(format!(
            "story {id}: {both}: expected one verdict, got it listed as both does-not-fit and unknown"
        ));
    }
    for listed in dnf.union(&unknown) {
        if trial.criterion(listed).is_none() {
            failures.push(format!(
                "story {id}: {listed}: expected a criterion of the trial, got an unknown id"
            ));
        }
    }
    for result in &report.criteria {
        let c = result.criterion.id.as_str();
        let want = if dnf.contains(c) {
            Some(Verdict::DoesNotFit)
        } else if unknown.contains(c) {
            Some(Verdict::Unknown)
        } else if result.criterion.fits_when.is_some() {
            Some(Verdict::Fits)
        } else {
            None
        };
        if want != result.verdict {
            failures.push(format!(
                "story {id}: {c}: expected {}, got {}",
                verdict_word(want),
                verdict_word(result.verdict)
            ));
        }
    }

    // The early notice saves a patient who is clearly not a fit from the remaining questions, so
    // it shows exactly when the outcome became "not a fit" with questions still to come; if the
    // deciding answer was the last question, the summary follows directly.
    let decided = decided_at(trial, &walk);
    let want_notice = decided.is_some_and(|i| i + 1 < walk.asked.len());
    if want_notice != walk.notice_shown {
        let why = match decided {
            Some(i) if want_notice => format!(
                "shown (not a fit from question {}, {} more to ask)",
                walk.asked[i],
                walk.asked.len() - i - 1
            ),
            Some(i) => format!(
                "not shown (not a fit only at the last question, {})",
                walk.asked[i]
            ),
            None => "not shown (never decided not a fit)".to_string(),
        };
        let got = if walk.notice_shown {
            "shown"
        } else {
            "not shown"
        };
        failures.push(format!(
            "story {id}: early notice: expected {why}, got {got}"
        ));
    }
}
