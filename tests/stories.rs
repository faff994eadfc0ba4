//! Patient stories (content/NCT07117435/stories.json) walked through the questionnaire end to end.
//!
//! Each story is a patient as a clinical reviewer would describe them, the answers that patient
//! would give and the expected outcome and criteria. Reviewing content then means reading stories,
//! not rules: if a rule or a question changes meaning, the stories that depend on it fail by name.
//! How a story is walked and compared is the core's (`tsc_core::content::stories`), shared with
//! the authoring check; this file runs the shipped stories and holds them to their coverage.
#![cfg(not(target_arch = "wasm32"))]

mod story_file;

use std::collections::BTreeSet;
use story_file::{Story, check_story, load_stories};
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::Trial;

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("shipped content loads")
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
