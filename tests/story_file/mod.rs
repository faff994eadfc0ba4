//! The patient stories file (`content/NCT07117435/stories.json`) as the native tests read it: each
//! story with its `like` chain resolved, its answers read as a saved-answers file would be, and
//! the words it uses for an outcome. Shared by `tests/stories.rs`, which walks every story through
//! the journey, and `tests/changelog.rs`, which runs every story through two content versions.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::saved;
use trial_self_check::domain::{Answers, Outcome, Trial};

/// The stories file, in full.
pub const STORIES_JSON: &str = include_str!("../../content/NCT07117435/stories.json");

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

/// Parses the file and resolves `like`: a story starts from an earlier story's resolved answers,
/// then its own answers override them, and `null` removes an inherited one (for when an override
/// hides a follow-up question). Problems are returned, not panicked on, so that one run can list
/// them together with every other failure.
pub fn load_stories() -> (Vec<Story>, Vec<String>) {
    load_stories_from(STORIES_JSON)
}

/// [`load_stories`] of another copy of the file (an earlier version's, say).
pub fn load_stories_from(text: &str) -> (Vec<Story>, Vec<String>) {
    let file: File =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("stories.json does not parse: {e}"));
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
    (stories, problems)
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
