//! Patient stories (content/NCT07117435/stories.json) walked through the questionnaire end to end.
//!
//! Each story is a patient as a clinical reviewer would describe them, the answers that patient
//! would give and the expected outcome and criteria. Reviewing content then means reading stories,
//! not rules: if a rule or a question changes meaning, the stories that depend on it fail by name.
#![cfg(not(target_arch = "wasm32"))]

mod story_file;

use std::collections::BTreeSet;
use story_file::{Story, answers_of, load_stories, outcome_of, outcome_word};
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::journey::{Journey, Screen};
use trial_self_check::domain::{Answers, Trial, Verdict, evaluate_trial};

/// A journey never needs more steps than questions plus one notice; this only stops a loop.
const MAX_STEPS: usize = 100;

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("shipped content loads")
}

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

fn check_story(story: &Story, trial: &Trial, failures: &mut Vec<String>) {
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

/// Every story, walked and evaluated; all failures are listed in one message so a single run
/// shows everything a content change broke.
#[test]
fn every_story_walks_to_its_expected_outcome() {
    let trial = trial();
    let (stories, mut failures) = load_stories();
    for story in &stories {
        check_story(story, &trial, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} story failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The suite is only as useful as what it covers: each patient-answerable criterion must be seen
/// both ruling a patient out and left open, in stories a reviewer can find.
#[test]
fn stories_cover_every_criterion_both_ways() {
    let trial = trial();
    let (stories, mut failures) = load_stories();

    if stories.len() < 30 {
        failures.push(format!(
            "stories: expected at least 30, got {}",
            stories.len()
        ));
    }

    let mut seen = BTreeSet::new();
    for s in &stories {
        if !seen.insert(s.id.as_str()) {
            failures.push(format!("story {}: id: expected unique, got a repeat", s.id));
        }
        if !matches!(s.lang.as_str(), "en" | "zh-CN") {
            failures.push(format!(
                "story {}: lang: expected en or zh-CN, got {}",
                s.id, s.lang
            ));
        }
        if s.patient.trim().is_empty() {
            failures.push(format!(
                "story {}: patient: expected a description, got nothing",
                s.id
            ));
        }
        // A Chinese story is read by a Chinese reviewer and driven through the Chinese UI.
        let has_han = s
            .patient
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if s.lang == "zh-CN" && !has_han {
            failures.push(format!(
                "story {}: patient: expected Chinese text for zh-CN, got none",
                s.id
            ));
        }
        for c in s.expect.does_not_fit.iter().chain(&s.expect.unknown) {
            match trial.criterion(c) {
                None => failures.push(format!(
                    "story {}: {c}: expected a criterion of the trial, got an unknown id",
                    s.id
                )),
                Some(crit) if crit.fits_when.is_none() => failures.push(format!(
                    "story {}: {c}: expected a criterion with a patient part, got one for the study team only",
                    s.id
                )),
                Some(_) => {}
            }
        }
    }

    // The first story is the reference patient most others are built on.
    match stories.first() {
        Some(first) if first.like.is_some() || first.expect.outcome != "likely-fit" => {
            failures.push(format!(
                "story {}: expected the first story to be a complete likely-fit patient without like, got like {:?} and outcome {}",
                first.id, first.like, first.expect.outcome
            ))
        }
        _ => {}
    }

    // The Chinese stories are also driven through the Chinese UI, so they must reach each outcome.
    let zh: Vec<&Story> = stories.iter().filter(|s| s.lang == "zh-CN").collect();
    if zh.len() < 4 {
        failures.push(format!(
            "stories: expected at least 4 in zh-CN, got {}",
            zh.len()
        ));
    }
    for outcome in ["likely-fit", "possibly", "not-a-fit"] {
        if !zh.iter().any(|s| s.expect.outcome == outcome) {
            failures.push(format!(
                "stories: expected a zh-CN story with outcome {outcome}, got none"
            ));
        }
    }

    // Every audited "does not fit" path (`rules_out`, see tests/audit.rs) is shown by a story;
    // a criterion without one never says "does not fit" from a patient's answers.
    for c in trial.criteria.iter().filter(|c| c.fits_when.is_some()) {
        if !c.rules_out.is_empty()
            && !stories
                .iter()
                .any(|s| s.expect.does_not_fit.contains(&c.id))
        {
            failures.push(format!(
                "coverage: {}: expected in some story's does_not_fit, got none",
                c.id
            ));
        }
        if !stories.iter().any(|s| s.expect.unknown.contains(&c.id)) {
            failures.push(format!(
                "coverage: {}: expected in some story's unknown, got none",
                c.id
            ));
        }
    }

    assert!(
        failures.is_empty(),
        "{} coverage failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
