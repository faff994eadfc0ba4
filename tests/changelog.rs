//! The change log tells the truth by construction. Two things `docs/content-changes.md` says about
//! the content version in hand are computed here from the content itself and compared with the
//! tables under that version's heading, so a claim from memory cannot slip in:
//!
//! - **Which patient stories changed outcome.** The previous version's `trial.json` and
//!   `stories.json` are kept in `content/NCT07117435/versions/` (`<version>.json`,
//!   `<version>.stories.json`). Each version's stories run through its own trial, as
//!   `tests/stories.rs` runs them (read as a saved-answers file, then evaluated); a story told in
//!   both whose outcome differs goes in the table `### Stories whose outcome changed`. Each
//!   patient is described in each version's own questions, so a story whose answers were
//!   rewritten for a changed question counts, and a story new in this version, which had no
//!   outcome before, does not. (Running today's answers through the old trial instead would miss
//!   such a rewritten story and invent changes where an old question has no answer of today's.)
//! - **What becomes of answers saved with the previous version.** Every answer that version could
//!   save (each question's options, yes, no, not sure, the ends of a number's range) is written
//!   by the core's writer with the previous trial and opened by the core's reader with the current
//!   one, so `earlier_versions` maps it exactly as a patient's file is mapped. Each reads
//!   unchanged, is mapped onto an answer today's question accepts, or is dropped; every dropped one
//!   is listed in the table `### Answers saved before <version>`.
//!
//! A failure prints the table the log should hold, to paste (a dropped answer also needs its
//! reason). The format is described at the top of the log.
#![cfg(not(target_arch = "wasm32"))]

// Shared with tests/stories.rs, which reads every field; this file needs only ids and answers.
#[allow(dead_code)]
mod story_file;
// Only `every_answer` is used here; the rest serves the audit and the clause checks.
#[allow(dead_code)]
mod common {
    pub mod answers;
}

use common::answers::every_answer;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use story_file::{SAVED_ON, Story, answers_of, load_stories, load_stories_from, outcome_word};
use trial_self_check::content::NCT07117435_JSON;
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::model::{QuestionKind, version_key};
use trial_self_check::domain::saved::{DropReason, answer_for, to_json};
use trial_self_check::domain::{Answer, Answers, Trial, evaluate_trial};

/// Where the released versions are kept: each `trial.json` as `<its content_version>.json`, its
/// `stories.json` as `<its content_version>.stories.json`.
const VERSIONS: &str = "content/NCT07117435/versions";
const LOG: &str = "docs/content-changes.md";

/// The heading of the table of stories whose outcome changed.
const OUTCOMES_HEADING: &str = "Stories whose outcome changed";
/// What the "dropped answers" cell says when no answer of the question carries over.
const EVERY_ANSWER: &str = "every answer";
/// What an expected table writes where the log must give a reason.
const REASON_TO_WRITE: &str = "…";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The current trial, read with the model's shape; whether it is valid is `tests/content.rs`'s
/// question (the tables can be computed while a content change is still in progress).
fn current() -> Trial {
    serde_json::from_str(NCT07117435_JSON)
        .unwrap_or_else(|e| panic!("content/NCT07117435/trial.json: not a trial file: {e}"))
}

fn log() -> String {
    std::fs::read_to_string(root().join(LOG)).unwrap_or_else(|e| panic!("{LOG}: {e}"))
}

/// The heading of the table of dropped answers, for content `version`.
fn dropped_heading(version: &str) -> String {
    format!("Answers saved before {version}")
}

// ---------------------------------------------------------------------------------------------
// The stored earlier versions

/// How the stories of a stored version are named: `<version>.stories.json`, next to its trial.
const STORIES_SUFFIX: &str = ".stories.json";

/// Of the stored trials (file name, its own `content_version` or why it cannot be read), the one
/// just before `current`: its index. Every problem with the folder is listed, and a missing
/// predecessor says what to do.
fn predecessor(
    current: &str,
    stored: &[(String, Result<String, String>)],
) -> Result<usize, String> {
    let now = version_key(current).ok_or_else(|| {
        format!("trial.json: content_version `{current}` is not of the form 1.2.3")
    })?;
    let mut problems = Vec::new();
    let mut older = Vec::new();
    for (i, (name, version)) in stored.iter().enumerate() {
        let place = format!("{VERSIONS}/{name}");
        let Some(named) = name.strip_suffix(".json").and_then(version_key) else {
            problems.push(format!(
                "{place}: expected a file named after its version, like 1.2.1.json (or 1.2.1{STORIES_SUFFIX})"
            ));
            continue;
        };
        match version {
            Err(e) => problems.push(format!("{place}: not a trial file: {e}")),
            Ok(version) if version_key(version) != Some(named) => problems.push(format!(
                "{place}: expected content_version `{}` as its name says, got `{version}`: the file must be exactly that version's trial.json",
                name.trim_end_matches(".json")
            )),
            Ok(_) if named >= now => problems.push(format!(
                "{place}: expected a version older than the current content_version {current}: keep only released versions here, and raise content_version when a new one starts"
            )),
            Ok(_) => older.push((named, i)),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    older.into_iter().max().map(|(_, i)| i).ok_or_else(|| {
        format!(
            "{VERSIONS}: no stored version older than the current content_version {current}: when a new version starts, copy the released content/NCT07117435/trial.json to {VERSIONS}/<its content_version>.json, and its stories.json to <its content_version>{STORIES_SUFFIX}, before raising content_version"
        )
    })
}

/// The previous version as stored: its trial and its patient stories.
struct Previous {
    trial: Trial,
    stories: Vec<Story>,
}

/// The previous version's trial and stories, as stored. The trial is read with the model's own
/// shape but not validated: it shipped as it is, and today's validator may ask more of a trial
/// than it did.
fn previous(current: &str) -> Previous {
    let dir = root().join(VERSIONS);
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{VERSIONS}/{name}: {e}"))
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{VERSIONS}: {e}: keep the previous version's trial.json there"))
        .map(|entry| {
            let entry = entry.expect("a readable folder entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    let (story_files, trial_files): (Vec<String>, Vec<String>) =
        names.into_iter().partition(|n| n.ends_with(STORIES_SUFFIX));
    let trials: Vec<(String, Result<Trial, String>)> = trial_files
        .into_iter()
        .map(|name| {
            let trial = serde_json::from_str(&read(&name)).map_err(|e| e.to_string());
            (name, trial)
        })
        .collect();
    let stored: Vec<(String, Result<String, String>)> = trials
        .iter()
        .map(|(name, t)| {
            let version = t.as_ref().map(|t| t.content_version.clone());
            (name.clone(), version.map_err(Clone::clone))
        })
        .collect();
    let i = predecessor(current, &stored).unwrap_or_else(|problems| panic!("{problems}"));
    let (name, trial) = trials.into_iter().nth(i).expect("an index into the list");
    let trial = trial.expect("read, or predecessor said why not");
    let stories_file = name.replace(".json", STORIES_SUFFIX);
    assert!(
        story_files.contains(&stories_file),
        "{VERSIONS}/{stories_file}: expected the stories of content {} next to its trial (content/NCT07117435/stories.json as it was released), got none",
        trial.content_version
    );
    let (stories, problems) = load_stories_from(&read(&stories_file));
    assert!(
        problems.is_empty(),
        "{VERSIONS}/{stories_file}:\n{}",
        problems.join("\n")
    );
    Previous { trial, stories }
}

// ---------------------------------------------------------------------------------------------
// The change log's tables

/// The text under the heading `## {version}` (the heading may go on with a date), up to the next
/// `## ` heading.
fn section<'a>(log: &'a str, version: &str) -> Result<&'a str, String> {
    let heading = format!("## {version}");
    let mut at = 0;
    for line in log.split_inclusive('\n') {
        let rest = line.trim_end().strip_prefix(&heading);
        at += line.len();
        if rest.is_some_and(|r| r.is_empty() || r.starts_with(' ')) {
            let body = &log[at..];
            let end = body
                .match_indices("\n## ")
                .next()
                .map_or(body.len(), |(i, _)| i + 1);
            return Ok(&body[..end]);
        }
    }
    Err(format!(
        "{LOG}: expected a heading `## {version} (yyyy-mm-dd)` for the current content version, got none"
    ))
}

/// A table: its header cells and each row's cells.
type Table = (Vec<String>, Vec<Vec<String>>);

/// The first table under `### {heading}` in `section` (prose may come between them).
fn table(section: &str, heading: &str) -> Result<Table, String> {
    let mut lines = section
        .lines()
        .skip_while(|l| l.trim() != format!("### {heading}"));
    if lines.next().is_none() {
        return Err(format!("expected a heading `### {heading}`, got none"));
    }
    let mut rows = lines
        .take_while(|l| !l.starts_with('#'))
        .skip_while(|l| !l.trim_start().starts_with('|'))
        .take_while(|l| l.trim_start().starts_with('|'))
        .map(cells);
    let header = rows
        .next()
        .ok_or_else(|| format!("expected a table under `### {heading}`, got none"))?;
    let separator = rows.next().unwrap_or_default();
    if separator.is_empty()
        || !separator
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
    {
        return Err(format!(
            "expected the table under `### {heading}` to go on with a `|---|` line after its header"
        ));
    }
    Ok((header, rows.collect()))
}

/// A table line's cells, trimmed.
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').map(|c| c.trim().to_string()).collect()
}

/// A cell's text without the backticks around an id.
fn unquoted(cell: &str) -> &str {
    cell.trim()
        .strip_prefix('`')
        .and_then(|c| c.strip_suffix('`'))
        .unwrap_or(cell.trim())
}

fn markdown_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        "---|".repeat(header.len())
    );
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Stories whose outcome changed

/// A story whose outcome differs between two versions: (id, before, now), in the stories' words.
type OutcomeChange = (String, &'static str, &'static str);

/// `answer` to question `id`, saved with the `old` trial (by the core's writer) and opened with
/// the `new` one (by the core's reader, which maps it through `earlier_versions`): what it reads
/// as today, or why it is dropped.
fn reopened(old: &Trial, new: &Trial, id: &str, answer: &Answer) -> Result<Answer, DropReason> {
    let answers = Answers::from([(id.to_string(), answer.clone())]);
    let file = to_json(old, &answers, SAVED_ON);
    let read = from_json(&file, new).unwrap_or_else(|e| {
        panic!(
            "a file saved with {}: refused whole: {e:?}",
            old.content_version
        )
    });
    match (read.answers.get(id), read.dropped.first()) {
        (Some(a), _) => Ok(a.clone()),
        (None, Some(d)) => Err(d.reason.clone()),
        // The writer leaves out an answer the old question does not accept: nothing was saved.
        (None, None) => Err(DropReason::Invalid),
    }
}

/// A story's outcome under `trial`, computed as `tests/stories.rs` does: its answers read as a
/// saved-answers file of that version, then evaluated (the walk there asks exactly these).
fn outcome(story: &Story, trial: &Trial, problems: &mut Vec<String>) -> Option<&'static str> {
    let answers = answers_of(story, trial, problems)?;
    Some(outcome_word(evaluate_trial(trial, &answers).outcome))
}

/// The stories of both versions whose outcome differs, each run by its own version, in today's
/// order: the patient as each version's stories describe them. A story new in this version has
/// no earlier outcome and is not listed. Problems reading a story go to `problems`.
fn outcome_changes(
    old: &Trial,
    old_stories: &[Story],
    new: &Trial,
    new_stories: &[Story],
    problems: &mut Vec<String>,
) -> Vec<OutcomeChange> {
    let mut then = BTreeMap::new();
    for story in old_stories {
        let Some(outcome) = outcome(story, old, problems) else {
            continue;
        };
        // Each stored story held when its version was released; one that does not is not that
        // version's story file.
        if outcome != story.expect.outcome {
            problems.push(format!(
                "{VERSIONS}/{}{STORIES_SUFFIX}: story {}: expected {} (as the file says), got {outcome} from content {}: is this the stories.json released with it?",
                old.content_version, story.id, story.expect.outcome, old.content_version
            ));
        }
        then.insert(story.id.as_str(), outcome);
    }
    new_stories
        .iter()
        .filter_map(|story| {
            let then = *then.get(story.id.as_str())?;
            let now = outcome(story, new, problems)?;
            (then != now).then(|| (story.id.clone(), then, now))
        })
        .collect()
}

/// The log's table of stories whose outcome changed, compared with `want`: every difference,
/// then the table to paste.
fn check_outcome_table(
    log: &str,
    old: &str,
    new: &str,
    want: &[OutcomeChange],
) -> Result<(), String> {
    let header = ["story", old, new];
    let rows: Vec<Vec<String>> = want
        .iter()
        .map(|(id, then, now)| vec![format!("`{id}`"), then.to_string(), now.to_string()])
        .collect();
    let expected = format!(
        "### {OUTCOMES_HEADING}\n\n{}",
        markdown_table(&header, &rows)
    );
    let mut problems = Vec::new();
    match section(log, new).and_then(|s| table(s, OUTCOMES_HEADING)) {
        Err(e) => problems.push(e),
        Ok((got_header, got_rows)) => {
            if got_header != header {
                problems.push(format!(
                    "expected the header `| {} |`, got `| {} |`",
                    header.join(" | "),
                    got_header.join(" | ")
                ));
            }
            let want: BTreeMap<&str, (&str, &str)> = want
                .iter()
                .map(|(id, a, b)| (id.as_str(), (*a, *b)))
                .collect();
            let mut seen = BTreeSet::new();
            for row in &got_rows {
                let [id, then, now] = row.as_slice() else {
                    problems.push(format!(
                        "expected 3 cells in the row `| {} |`",
                        row.join(" | ")
                    ));
                    continue;
                };
                let id = unquoted(id);
                if !seen.insert(id) {
                    problems.push(format!("`{id}` is listed twice"));
                }
                match want.get(id) {
                    None => problems.push(format!(
                        "`{id}` is listed ({then} → {now}), but its outcome did not change (or there is no such story)"
                    )),
                    Some((a, b)) if (*a, *b) != (then.as_str(), now.as_str()) => problems.push(
                        format!("`{id}` is listed as {then} → {now}, but it changed {a} → {b}"),
                    ),
                    Some(_) => {}
                }
            }
            for (id, (a, b)) in &want {
                if !seen.contains(id) {
                    problems.push(format!("`{id}` changed {a} → {b}, but is not listed"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{LOG}, section {new}: the stories whose outcome changed since {old} (the stories of both versions, each run by its own) are not what the log says:\n- {}\n\nExpected, to paste under `## {new}`:\n\n{expected}",
            problems.join("\n- ")
        ))
    }
}

#[test]
fn the_change_log_lists_every_story_whose_outcome_changed() {
    let new = current();
    let old = previous(&new.content_version);
    let (stories, mut problems) = load_stories();
    let changes = outcome_changes(&old.trial, &old.stories, &new, &stories, &mut problems);
    assert!(
        problems.is_empty(),
        "stories that cannot be run (for today's, cargo test --test stories says more):\n{}",
        problems.join("\n")
    );
    let old = old.trial;
    if let Err(e) =
        check_outcome_table(&log(), &old.content_version, &new.content_version, &changes)
    {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Answers saved with the previous version

/// A question whose saved answers are (partly) dropped: its id, the words dropped, and every word
/// it could be saved with.
struct DroppedAnswers {
    question: String,
    dropped: Vec<String>,
    all: Vec<String>,
}

/// Every answer `old` could save, opened with `new`: the dropped ones by question, in the old
/// question order. A mapped answer must land on an answer today's question accepts, and a mapping
/// `earlier_versions` gives must not end in a drop; those problems go to `problems`.
fn dropped_answers(old: &Trial, new: &Trial, problems: &mut Vec<String>) -> Vec<DroppedAnswers> {
    let saved_with = version_key(&old.content_version);
    let revisions: Vec<_> = new
        .earlier_versions
        .iter()
        .filter(|r| saved_with.is_none_or(|v| version_key(&r.before).is_none_or(|b| v < b)))
        .collect();
    let mut out = Vec::new();
    for q in &old.questions {
        let maps: Vec<_> = revisions
            .iter()
            .filter_map(|r| r.changed.get(&q.id))
            .collect();
        let all = every_answer(q);
        let mut dropped = Vec::new();
        for then in &all {
            let place = format!(
                "`{}` `{}` saved with {}",
                q.id,
                then.word(),
                old.content_version
            );
            match reopened(old, new, &q.id, then) {
                Ok(now) => {
                    if !new.question(&q.id).is_some_and(|today| today.accepts(&now)) {
                        problems.push(format!(
                            "{place}: reads as `{}`, which today's question does not accept",
                            now.word()
                        ));
                    }
                    if now != *then && maps.is_empty() {
                        problems.push(format!(
                            "{place}: reads as `{}` without an `earlier_versions` entry",
                            now.word()
                        ));
                    }
                }
                Err(reason) => {
                    // The words `earlier_versions` gives it, change after change: a mapping that
                    // ends on a word today's question does not accept drops the answer instead.
                    let mapped = (!maps.is_empty())
                        .then(|| {
                            maps.iter()
                                .try_fold(then.word(), |w, map| map.get(&w).cloned())
                        })
                        .flatten();
                    if let (Some(last), Some(today)) = (mapped, new.question(&q.id))
                        && answer_for(today, &last).is_none()
                    {
                        problems.push(format!(
                            "{place}: `earlier_versions` maps it to `{last}`, which today's question does not accept, so it is dropped ({reason:?})"
                        ));
                    }
                    dropped.push(then.word());
                }
            }
        }
        if !dropped.is_empty() {
            out.push(DroppedAnswers {
                question: q.id.clone(),
                dropped,
                all: all.iter().map(Answer::word).collect(),
            });
        }
    }
    out
}

/// The log's table of dropped answers, compared with `want`: every difference, then the table to
/// paste (keeping the reasons the log already gives).
fn check_dropped_table(
    log: &str,
    old: &str,
    new: &str,
    want: &[DroppedAnswers],
) -> Result<(), String> {
    let heading = dropped_heading(new);
    let header = ["question", "dropped answers", "why"];
    let got = section(log, new).and_then(|s| table(s, &heading));
    let reasons: BTreeMap<String, String> = got
        .iter()
        .flat_map(|(_, rows)| rows)
        .filter_map(|row| Some((unquoted(row.first()?).to_string(), row.get(2)?.clone())))
        .filter(|(_, why)| !why.is_empty())
        .collect();
    let rows: Vec<Vec<String>> = want
        .iter()
        .map(|d| {
            let answers = if d.dropped == d.all {
                EVERY_ANSWER.to_string()
            } else {
                d.dropped
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let why = reasons
                .get(&d.question)
                .cloned()
                .unwrap_or(REASON_TO_WRITE.to_string());
            vec![format!("`{}`", d.question), answers, why]
        })
        .collect();
    let expected = format!("### {heading}\n\n{}", markdown_table(&header, &rows));
    let mut problems = Vec::new();
    match got {
        Err(e) => problems.push(e),
        Ok((got_header, got_rows)) => {
            if got_header != header {
                problems.push(format!(
                    "expected the header `| {} |`, got `| {} |`",
                    header.join(" | "),
                    got_header.join(" | ")
                ));
            }
            let want: BTreeMap<&str, &DroppedAnswers> =
                want.iter().map(|d| (d.question.as_str(), d)).collect();
            let mut seen = BTreeSet::new();
            for row in &got_rows {
                let [id, answers, why] = row.as_slice() else {
                    problems.push(format!(
                        "expected 3 cells in the row `| {} |`",
                        row.join(" | ")
                    ));
                    continue;
                };
                let id = unquoted(id);
                if !seen.insert(id) {
                    problems.push(format!("`{id}` is listed twice"));
                }
                if why.is_empty() || why == REASON_TO_WRITE {
                    problems.push(format!(
                        "`{id}`: expected the reason its answers are dropped, got `{why}`"
                    ));
                }
                let Some(d) = want.get(id) else {
                    problems.push(format!(
                        "`{id}` is listed, but every answer to it saved with {old} carries over (or the question is not one of {old})"
                    ));
                    continue;
                };
                let listed: BTreeSet<&str> = if answers.eq_ignore_ascii_case(EVERY_ANSWER) {
                    d.all.iter().map(String::as_str).collect()
                } else {
                    answers.split(',').map(unquoted).collect()
                };
                let dropped: BTreeSet<&str> = d.dropped.iter().map(String::as_str).collect();
                if listed != dropped {
                    let show = |s: &BTreeSet<&str>| {
                        s.iter()
                            .map(|w| format!("`{w}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    problems.push(format!(
                        "`{id}`: lists {} as dropped, but {} are",
                        show(&listed),
                        show(&dropped)
                    ));
                }
            }
            for id in want.keys().filter(|id| !seen.contains(*id)) {
                problems.push(format!(
                    "`{id}`: answers saved with {old} are dropped, but it is not listed"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{LOG}, section {new}: the answers saved with {old} that today's reader drops are not what the log says:\n- {}\n\nExpected, to paste under `## {new}` (with each reason written in place of {REASON_TO_WRITE}):\n\n{expected}",
            problems.join("\n- ")
        ))
    }
}

#[test]
fn answers_saved_with_the_previous_version_read_unchanged_mapped_or_dropped_and_listed() {
    let new = current();
    let old = previous(&new.content_version).trial;
    let mut problems = Vec::new();
    let dropped = dropped_answers(&old, &new, &mut problems);
    assert!(
        problems.is_empty(),
        "answers saved with {} that `earlier_versions` maps wrongly:\n{}",
        old.content_version,
        problems.join("\n")
    );
    if let Err(e) =
        check_dropped_table(&log(), &old.content_version, &new.content_version, &dropped)
    {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Each check can fail: the checks above on broken copies of their inputs

#[test]
fn a_stored_version_must_be_the_one_its_name_says_and_older() {
    let stored = |pairs: &[(&str, &str)]| -> Vec<(String, Result<String, String>)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), Ok(b.to_string())))
            .collect()
    };
    assert_eq!(
        predecessor(
            "1.3.0",
            &stored(&[("1.1.0.json", "1.1.0"), ("1.2.1.json", "1.2.1")])
        ),
        Ok(1)
    );
    let fails = |pairs: &[(&str, &str)], needle: &str| {
        let e = predecessor("1.3.0", &stored(pairs)).expect_err("a bad folder");
        assert!(e.contains(needle), "{e}");
    };
    fails(
        &[],
        "no stored version older than the current content_version 1.3.0",
    );
    fails(
        &[("1.2.1.json", "1.2.0")],
        "expected content_version `1.2.1` as its name says, got `1.2.0`",
    );
    fails(&[("1.3.0.json", "1.3.0")], "expected a version older");
    fails(
        &[("notes.txt", "1.2.1")],
        "expected a file named after its version",
    );
}

#[test]
fn a_story_whose_outcome_changed_is_found_by_running_both_versions() {
    let trial = current();
    let (old_stories, _) = load_stories();
    let (mut new_stories, _) = load_stories();
    // The same story told differently now (its answers rewritten for a changed question, say):
    // the first story, a likely fit, is 80 now.
    let first = new_stories.first_mut().expect("a story");
    first
        .answers
        .insert("age".into(), serde_json::json!({ "number": 80 }));
    let id = first.id.clone();
    // A story new in this version has no earlier outcome to compare with.
    let mut extra = load_stories().0.remove(0);
    extra.id = "new-in-this-version".into();
    extra
        .answers
        .insert("age".into(), serde_json::json!({ "number": 90 }));
    new_stories.push(extra);
    let mut problems = Vec::new();
    let changes = outcome_changes(&trial, &old_stories, &trial, &new_stories, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(changes, [(id, "likely-fit", "not-a-fit")]);
}

#[test]
fn the_outcome_table_check_names_each_wrong_row_and_gives_the_table() {
    let want = [("zh-hbv-high".to_string(), "not-a-fit", "possibly")];
    let log_with = |rows: &str| {
        format!(
            "# Log\n\n## 1.3.0 (2026-12-07)\n\nText.\n\n### {OUTCOMES_HEADING}\n\n| story | 1.2.1 | 1.3.0 |\n|---|---|---|\n{rows}\n### Other\n\n## 1.2.1 (2026-12-02)\n\n### {OUTCOMES_HEADING}\n\n| story | 1.2.0 | 1.2.1 |\n|---|---|---|\n| `x` | possibly | likely-fit |\n"
        )
    };
    let right = "| `zh-hbv-high` | not-a-fit | possibly |\n";
    assert_eq!(
        check_outcome_table(&log_with(right), "1.2.1", "1.3.0", &want),
        Ok(())
    );

    let fails = |log: &str, needle: &str| {
        let e = check_outcome_table(log, "1.2.1", "1.3.0", &want).expect_err("a wrong table");
        assert!(e.contains(needle), "{needle}\n{e}");
        assert!(
            e.contains("| `zh-hbv-high` | not-a-fit | possibly |"),
            "the table to paste:\n{e}"
        );
    };
    fails(
        &log_with(""),
        "`zh-hbv-high` changed not-a-fit → possibly, but is not listed",
    );
    fails(
        &log_with("| `zh-hbv-high` | possibly | not-a-fit |\n"),
        "listed as possibly → not-a-fit, but it changed not-a-fit → possibly",
    );
    fails(
        &log_with(&format!(
            "{right}| `fit-typical` | likely-fit | likely-fit |\n"
        )),
        "`fit-typical` is listed (likely-fit → likely-fit), but its outcome did not change",
    );
    fails(
        &log_with(&format!("{right}{right}")),
        "`zh-hbv-high` is listed twice",
    );
    fails(
        &log_with(right).replace("| story | 1.2.1 |", "| story | 1.2.0 |"),
        "expected the header `| story | 1.2.1 | 1.3.0 |`",
    );
    fails(
        &log_with(right).replace(
            &format!("### {OUTCOMES_HEADING}\n\n| story | 1.2.1"),
            "| story | 1.2.1",
        ),
        "expected a heading `### Stories whose outcome changed`",
    );
    fails(
        &log_with(right).replace("## 1.3.0 (2026-12-07)", "## 1.3.1"),
        "expected a heading `## 1.3.0 (yyyy-mm-dd)`",
    );
}

/// The current trial with `id`'s choice option `option` removed: a stand-in for a content change
/// that drops answers saved before it.
fn without_option(trial: &Trial, id: &str, option: &str) -> Trial {
    let mut changed = trial.clone();
    let q = changed
        .questions
        .iter_mut()
        .find(|q| q.id == id)
        .expect("the question");
    let QuestionKind::Choice { options } = &mut q.kind else {
        panic!("{id} is a choice question");
    };
    options.retain(|o| o.id != option);
    changed.content_version = "9.0.0".into();
    changed
}

#[test]
fn the_dropped_answers_check_needs_each_dropped_answer_listed_with_a_reason() {
    let old = current();
    let new = without_option(&old, "side_effects", "more");
    let mut problems = Vec::new();
    let dropped = dropped_answers(&old, &new, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let listed: Vec<(&str, &[String])> = dropped
        .iter()
        .map(|d| (d.question.as_str(), d.dropped.as_slice()))
        .collect();
    assert_eq!(listed, [("side_effects", &["more".to_string()][..])]);

    let heading = dropped_heading("9.0.0");
    let log_with = |rows: &str| {
        format!(
            "## 9.0.0 (2027-01-01)\n\n### {heading}\n\n| question | dropped answers | why |\n|---|---|---|\n{rows}\n## 1.3.0\n"
        )
    };
    let v = &old.content_version;
    let right = "| `side_effects` | `more` | The option is gone. |\n";
    assert_eq!(
        check_dropped_table(&log_with(right), v, "9.0.0", &dropped),
        Ok(())
    );
    let fails = |log: &str, needle: &str| {
        let e = check_dropped_table(log, v, "9.0.0", &dropped).expect_err("a wrong table");
        assert!(e.contains(needle), "{needle}\n{e}");
    };
    fails(&log_with(""), "`side_effects`: answers saved with");
    fails(&log_with(""), "| `side_effects` | `more` | … |");
    fails(
        &log_with("| `side_effects` | `more` | … |\n"),
        "expected the reason its answers are dropped",
    );
    fails(
        &log_with("| `side_effects` | `none`, `more` | Gone. |\n"),
        "lists `more`, `none` as dropped, but `more` are",
    );
    fails(
        &log_with(&format!("{right}| `age` | every answer | Gone. |\n")),
        "`age` is listed, but every answer to it saved with",
    );
    fails(
        &format!("## 9.0.0\n\n{right}"),
        "expected a heading `### Answers saved before 9.0.0`",
    );
    // A reason the log already gives is kept in the table to paste.
    fails(
        &log_with("| `side_effects` | `none` | The option is gone. |\n"),
        "| `side_effects` | `more` | The option is gone. |",
    );
}

#[test]
fn a_mapping_must_land_on_an_answer_todays_question_accepts() {
    let old = current();
    let mut new = without_option(&old, "side_effects", "more");
    // A question removed altogether: every answer dropped, no problem.
    new.questions.retain(|q| q.id != "blood_clot");
    // A mapping onto an option that does not exist: the reader drops the answer; the check says why.
    new.earlier_versions
        .push(trial_self_check::domain::model::Revision {
            before: "9.0.0".into(),
            changed: BTreeMap::from([(
                "side_effects".to_string(),
                BTreeMap::from([
                    ("none".to_string(), "none".to_string()),
                    ("more".to_string(), "quite_bad".to_string()),
                    ("not_sure".to_string(), "not_sure".to_string()),
                ]),
            )]),
        });
    let mut problems = Vec::new();
    let dropped = dropped_answers(&old, &new, &mut problems);
    assert_eq!(
        problems,
        [format!(
            "`side_effects` `more` saved with {}: `earlier_versions` maps it to `quite_bad`, which today's question does not accept, so it is dropped (Changed)",
            old.content_version
        )]
    );
    let by_question: BTreeMap<&str, (&[String], bool)> = dropped
        .iter()
        .map(|d| {
            (
                d.question.as_str(),
                (d.dropped.as_slice(), d.dropped == d.all),
            )
        })
        .collect();
    assert!(
        by_question["blood_clot"].1,
        "every answer of a removed question"
    );
    // `mild` is not listed by the mapping: dropped as the meaning changed.
    assert!(by_question["side_effects"].0.contains(&"mild".to_string()));
}
