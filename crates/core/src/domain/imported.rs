//! What reading a file of answers gives, shared by both readers (the saved-answers format,
//! `saved`, and the FHIR QuestionnaireResponse, `fhir`): the refusal of a whole file, the answers
//! kept and those dropped with a reason, and the check each answer goes through on its own
//! (answers of an earlier content version mapped through the trial's `earlier_versions` first).
//!
//! Below both readers and the dispatcher that picks between them (`import`), so no two of them
//! import each other.

use super::model::{Answer, Answers, Question, QuestionKind, Trial, version_key};

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
        // Each change maps the word the one before it gave (the word of its own version), so
        // only the last word must be an answer today's question accepts; a word a change does
        // not list drops the answer.
        let mut maps = revisions
            .iter()
            .filter_map(|r| r.changed.get(&id))
            .peekable();
        let carried = maps.peek().is_none()
            || maps
                .try_fold(a.word(), |word, map| map.get(&word).cloned())
                .and_then(|word| answer_for(q, &word))
                .map(|mapped| a = mapped)
                .is_some();
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
