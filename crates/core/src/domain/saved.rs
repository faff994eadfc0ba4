//! The saved-answers format, for "Save my answers to a file" and "Keep my answers on this device".
//!
//! ```json
//! { "format": "trial-self-check/answers", "schema": 1, "trial": "NCT07117435",
//!   "content_version": "1.1.0", "saved": "2026-11-27",
//!   "answers": { "age": { "number": 64 }, "crc_liver": "yes",
//!                "surgery": { "choice": "not_possible" }, "hep_b": "not_sure" } }
//! ```
//!
//! "Open saved answers" also reads a FHIR QuestionnaireResponse the widget wrote (`fhir`), with the
//! same checks: `import::from_json` picks the reader, and both share `imported`. Reading never panics and never loses what it can keep: a file that is not ours, for another
//! trial, of a newer schema or too large is refused whole with a reason; inside a good file, each
//! answer is checked on its own, the valid ones kept and the others listed as dropped. An answer
//! saved with an earlier content version to a question whose meaning changed since is mapped where
//! the meaning is the same (the trial's `earlier_versions`) and otherwise dropped and listed.

use super::imported::check_answers;
use super::json::{Json, quote};
use super::model::{Answer, Answers, Trial};

// What reading a file gives is shared with the FHIR reader (`imported`); named here too, where
// callers of the saved format have always found it.
pub use super::imported::{DropReason, Dropped, ImportError, Imported, answer_for};

pub const FORMAT: &str = "trial-self-check/answers";
/// The schema this build writes and reads; files with a higher number are refused.
pub const SCHEMA: u64 = 1;

/// The saved form of `answers` (only answers to this trial's questions), dated `saved` (yyyy-mm-dd).
/// One field or answer per line, so a person can read the file.
pub fn to_json(trial: &Trial, answers: &Answers, saved: &str) -> String {
    let mut out = format!(
        "{{\n  \"format\": {},\n  \"schema\": {SCHEMA},\n  \"trial\": {},\n  \"content_version\": {},\n  \"saved\": {},\n  \"answers\": {{",
        quote(FORMAT),
        quote(&trial.id),
        quote(&trial.content_version),
        quote(saved),
    );
    let kept = answers
        .iter()
        .filter(|(id, a)| trial.question(id).is_some_and(|q| q.accepts(a)));
    for (i, (id, answer)) in kept.enumerate() {
        let value = match answer {
            Answer::Yes => quote("yes"),
            Answer::No => quote("no"),
            Answer::NotSure => quote("not_sure"),
            Answer::Choice(option) => format!("{{\"choice\": {}}}", quote(option)),
            Answer::Number(n) => format!("{{\"number\": {n}}}"),
        };
        let comma = if i == 0 { "" } else { "," };
        out.push_str(&format!("{comma}\n    {}: {value}", quote(id)));
    }
    out.push_str("\n  }\n}\n");
    out
}

/// Reads a saved-answers file or stored record for `trial`, once parsed (`import::from_json`
/// parses, and picks this reader or FHIR's).
pub fn read_file(file: &Json, trial: &Trial) -> Result<Imported, ImportError> {
    let text_of = |k: &str| file.get(k).and_then(Json::as_str);
    if text_of("format") != Some(FORMAT) {
        return Err(ImportError::NotAnswersFile);
    }
    let schema = file
        .get("schema")
        .and_then(Json::as_u64)
        .ok_or(ImportError::NotAnswersFile)?;
    if schema > SCHEMA {
        return Err(ImportError::NewerSchema { found: schema });
    }
    let found = text_of("trial").unwrap_or_default();
    if !found.eq_ignore_ascii_case(&trial.id) {
        return Err(ImportError::OtherTrial {
            found: found.chars().take(40).collect(),
        });
    }
    let Some(Json::Object(entries)) = file.get("answers") else {
        return Err(ImportError::NotAnswersFile);
    };
    let version = text_of("content_version").unwrap_or_default();
    let given = entries
        .iter()
        .map(|(id, value)| (id.clone(), answer(value)));
    let (answers, dropped) = check_answers(given, trial, version);
    let text_field = |k: &str| text_of(k).unwrap_or_default().chars().take(40).collect();
    Ok(Imported {
        answers,
        dropped,
        content_version: text_field("content_version"),
        saved: text_field("saved"),
    })
}

/// One answer as the file writes it: `"yes"`, `"no"`, `"not_sure"`, `{"choice": id}` or
/// `{"number": n}`. Anything else is `None`.
fn answer(value: &Json) -> Option<Answer> {
    match value {
        Json::String(s) => match s.as_str() {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "not_sure" => Some(Answer::NotSure),
            _ => None,
        },
        Json::Object(members) if members.len() == 1 => match members.iter().next()? {
            (k, Json::String(id)) if k == "choice" => Some(Answer::Choice(id.clone())),
            (k, Json::Number(Some(n))) if k == "number" => {
                u32::try_from(*n).ok().map(Answer::Number)
            }
            _ => None,
        },
        _ => None,
    }
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
