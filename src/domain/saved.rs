//! The saved-answers format, for "Save my answers to a file" and "Keep my answers on this device".
//!
//! ```json
//! { "format": "trial-self-check/answers", "schema": 1, "trial": "NCT07117435",
//!   "content_version": "1.0.0", "saved": "2026-11-25",
//!   "answers": { "age": { "number": 64 }, "crc_liver": "yes",
//!                "surgery": { "choice": "not_possible" }, "hep_b": "not_sure" } }
//! ```
//!
//! Reading never panics and never loses what it can keep: a file that is not ours, for another
//! trial, of a newer schema or too large is refused whole with a reason; inside a good file, each
//! answer is checked on its own, the valid ones kept and the others listed as dropped.

use super::model::{Answer, Answers, Trial};
use serde::Serialize;
use serde_json::{Map, Value};

pub const FORMAT: &str = "trial-self-check/answers";
/// The schema this build writes and reads; files with a higher number are refused.
pub const SCHEMA: u64 = 1;
/// Anything larger is not a saved-answers file (a full one is about 2 KB).
pub const MAX_BYTES: usize = 1_000_000;

/// Why a whole file (or stored record) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge { bytes: usize },
    NotJson,
    NotAnswersFile,
    OtherTrial { found: String },
    NewerSchema { found: u64 },
}

/// Why one answer inside a good file was dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// No such question in this trial's current content.
    UnknownQuestion,
    /// Not a valid answer to that question (wrong kind, unknown option, out of range).
    Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub question: String,
    pub reason: DropReason,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub answers: Answers,
    pub dropped: Vec<Dropped>,
    /// The content version the file was saved with (may differ from this build's).
    pub content_version: String,
    pub saved: String,
}

#[derive(Serialize)]
struct Record<'a> {
    format: &'static str,
    schema: u64,
    trial: &'a str,
    content_version: &'a str,
    saved: &'a str,
    answers: &'a Answers,
}

/// The saved form of `answers` (only answers to this trial's questions), dated `saved` (yyyy-mm-dd).
pub fn to_json(trial: &Trial, answers: &Answers, saved: &str) -> String {
    let kept: Answers = answers
        .iter()
        .filter(|(id, a)| trial.question(id).is_some_and(|q| q.accepts(a)))
        .map(|(id, a)| (id.clone(), a.clone()))
        .collect();
    let record = Record {
        format: FORMAT,
        schema: SCHEMA,
        trial: &trial.id,
        content_version: &trial.content_version,
        saved,
        answers: &kept,
    };
    serde_json::to_string_pretty(&record).unwrap_or_default()
}

/// Reads a saved-answers file or stored record for `trial`.
pub fn from_json(text: &str, trial: &Trial) -> Result<Imported, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    let obj = value.as_object().ok_or(ImportError::NotAnswersFile)?;
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotAnswersFile);
    }
    let schema = obj
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(ImportError::NotAnswersFile)?;
    if schema > SCHEMA {
        return Err(ImportError::NewerSchema { found: schema });
    }
    let found = obj.get("trial").and_then(Value::as_str).unwrap_or_default();
    if !found.eq_ignore_ascii_case(&trial.id) {
        return Err(ImportError::OtherTrial {
            found: found.chars().take(40).collect(),
        });
    }
    let entries = obj
        .get("answers")
        .and_then(Value::as_object)
        .ok_or(ImportError::NotAnswersFile)?;
    let (answers, dropped) = read_answers(entries, trial);
    let text_field = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect()
    };
    Ok(Imported {
        answers,
        dropped,
        content_version: text_field("content_version"),
        saved: text_field("saved"),
    })
}

fn read_answers(entries: &Map<String, Value>, trial: &Trial) -> (Answers, Vec<Dropped>) {
    let mut answers = Answers::new();
    let mut dropped = Vec::new();
    for (id, value) in entries {
        let Some(q) = trial.question(id) else {
            dropped.push(Dropped {
                question: id.chars().take(60).collect(),
                reason: DropReason::UnknownQuestion,
            });
            continue;
        };
        match serde_json::from_value::<Answer>(value.clone()) {
            Ok(a) if q.accepts(&a) => {
                answers.insert(id.clone(), a);
            }
            _ => dropped.push(Dropped {
                question: id.clone(),
                reason: DropReason::Invalid,
            }),
        }
    }
    (answers, dropped)
}

/// One line of "what will change" before imported answers replace the current ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub question: String,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
}

/// The answers that differ between `current` and `incoming`, in the trial's question order.
pub fn changes(trial: &Trial, current: &Answers, incoming: &Answers) -> Vec<Change> {
    trial
        .questions
        .iter()
        .filter_map(|q| {
            let (before, after) = (current.get(&q.id), incoming.get(&q.id));
            (before != after).then(|| Change {
                question: q.id.clone(),
                before: before.cloned(),
                after: after.cloned(),
            })
        })
        .collect()
}
