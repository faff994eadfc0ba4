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
//! same checks. Reading never panics and never loses what it can keep: a file that is not ours, for another
//! trial, of a newer schema or too large is refused whole with a reason; inside a good file, each
//! answer is checked on its own, the valid ones kept and the others listed as dropped. An answer
//! saved with an earlier content version to a question whose meaning changed since is mapped where
//! the meaning is the same (the trial's `earlier_versions`) and otherwise dropped and listed.

use super::json::{Json, quote};
use super::model::{Answer, Answers, Question, QuestionKind, Trial, version_key};

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
    /// The question's meaning changed since the file was saved, and this answer does not carry
    /// over (the trial's `earlier_versions` say which do).
    Changed,
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

/// Reads a saved-answers file or stored record for `trial`.
pub fn from_json(text: &str, trial: &Trial) -> Result<Imported, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let file = Json::parse(text).ok_or(ImportError::NotJson)?;
    let Json::Object(_) = file else {
        return Err(ImportError::NotAnswersFile);
    };
    // A FHIR QuestionnaireResponse the widget wrote for the study team opens the same way.
    if file.get("resourceType").is_some() {
        return super::fhir::read_response(&file, trial);
    }
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

/// The answers of a file saved with content `version`, each checked on its own (`None`: not
/// readable as an answer). Answers to questions whose meaning changed since then are first mapped
/// through the trial's `earlier_versions` (a version that cannot be read counts as older than
/// every change).
pub(crate) fn check_answers(
    given: impl IntoIterator<Item = (String, Option<Answer>)>,
    trial: &Trial,
    version: &str,
) -> (Answers, Vec<Dropped>) {
    let saved_with = version_key(version);
    let revisions: Vec<_> = trial
        .earlier_versions
        .iter()
        .filter(|r| saved_with.is_none_or(|v| version_key(&r.before).is_none_or(|b| v < b)))
        .collect();
    let mut answers = Answers::new();
    let mut dropped = Vec::new();
    for (id, given) in given {
        let Some(q) = trial.question(&id) else {
            dropped.push(Dropped {
                question: id.chars().take(60).collect(),
                reason: DropReason::UnknownQuestion,
            });
            continue;
        };
        let Some(mut a) = given else {
            dropped.push(Dropped {
                question: id,
                reason: DropReason::Invalid,
            });
            continue;
        };
        let mut carried = true;
        for map in revisions.iter().filter_map(|r| r.changed.get(&id)) {
            match map.get(&token(&a)).and_then(|t| answer_for(q, t)) {
                Some(mapped) => a = mapped,
                None => carried = false,
            }
        }
        match (carried, q.accepts(&a)) {
            (true, true) => {
                answers.insert(id, a);
            }
            (false, _) => dropped.push(Dropped {
                question: id,
                reason: DropReason::Changed,
            }),
            (true, false) => dropped.push(Dropped {
                question: id,
                reason: DropReason::Invalid,
            }),
        }
    }
    (answers, dropped)
}

/// An answer as one word, the way `earlier_versions` names it: `yes`, `no`, `not_sure`, an option
/// id or a number.
fn token(a: &Answer) -> String {
    match a {
        Answer::Yes => "yes".into(),
        Answer::No => "no".into(),
        Answer::NotSure => "not_sure".into(),
        Answer::Choice(id) => id.clone(),
        Answer::Number(n) => n.to_string(),
    }
}

/// The answer to `q` that a word of `earlier_versions` names, if it names one of `q`'s kind.
pub fn answer_for(q: &Question, word: &str) -> Option<Answer> {
    if word == "not_sure" {
        return Some(Answer::NotSure);
    }
    let a = match &q.kind {
        QuestionKind::YesNo => match word {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            _ => return None,
        },
        QuestionKind::Choice { .. } => Answer::Choice(word.to_string()),
        QuestionKind::Number { .. } => Answer::Number(word.parse().ok()?),
    };
    q.accepts(&a).then_some(a)
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
