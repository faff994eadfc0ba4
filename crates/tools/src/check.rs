//! `prerender check <folder>`: the authoring check a trial coordinator runs on a trial folder
//! (`trial.json`, and `stories.json` if there is one). It prints every problem as
//! `file:line:column: where: what`, in the words the validator uses, so an editor can jump to the
//! line; it catches fields the widget would silently ignore (a misspelt key), runs every rule the
//! test suite holds the shipped trials to (`tsc_core::content::problems`), the "does not fit"
//! audit against the folder's `registry.md` (`tsc_core::content::audit`), and walks every story.
//! It reads and writes nothing else: no network, no build.

use crate::json_at::Positions;
use std::path::Path;
use trial_self_check::content::stories::{check_story, read_stories};
use trial_self_check::content::{self, Problem, audit, problems};
use trial_self_check::domain::Trial;

/// What a check found: one line per problem, and how many stories walked as expected.
pub struct Findings {
    pub lines: Vec<String>,
    /// The folder has a `stories.json` (read or not).
    pub has_stories: bool,
    pub stories_passed: usize,
    pub stories: usize,
}

/// Checks the trial folder `dir`. `Err` only when `trial.json` cannot be read at all.
pub fn check(dir: &Path) -> Result<Findings, String> {
    let trial_path = dir.join("trial.json");
    let text = std::fs::read_to_string(&trial_path)
        .map_err(|e| format!("{}: cannot be read: {e}", trial_path.display()))?;
    let name = trial_path.display().to_string();
    let mut findings = Findings {
        lines: Vec::new(),
        has_stories: false,
        stories_passed: 0,
        stories: 0,
    };
    let trial = match parse(&text) {
        Ok((trial, unknown)) => {
            let at = Positions::of(&text);
            let audit = audit_problems(dir, &trial);
            for problem in unknown.iter().chain(&problems(&trial)).chain(&audit) {
                let (line, col) = at.line_col(&problem.at);
                let place = if problem.at.is_empty() {
                    "/"
                } else {
                    &problem.at
                };
                findings
                    .lines
                    .push(format!("{name}:{line}:{col}: {place}: {}", problem.message));
            }
            trial
        }
        Err(line) => {
            findings.lines.push(format!("{name}:{line}"));
            return Ok(findings);
        }
    };
    let stories_path = dir.join("stories.json");
    if stories_path.exists() {
        findings.has_stories = true;
        stories(&stories_path, &trial, &mut findings);
    }
    Ok(findings)
}

/// The "does not fit" audit: every path to "does not fit" has its `rules_out` entry and no entry
/// claims more; and, against the folder's `registry.md`, every quote and every criterion's
/// registry text is the registry's.
fn audit_problems(dir: &Path, trial: &Trial) -> Vec<Problem> {
    let mut found = audit::paths(trial);
    match std::fs::read_to_string(dir.join("registry.md")) {
        Ok(registry) => {
            found.extend(audit::registry_texts(trial, &registry));
            found.extend(audit::quotes(trial, &registry));
        }
        Err(_) => found.push(Problem {
            at: String::new(),
            message: "registry.md is missing beside trial.json: without the registry text the audit's quotes and the criteria's registry texts cannot be checked".into(),
        }),
    }
    found
}

/// The trial, with a problem for each field the widget would ignore; or the reason it cannot be
/// read, as `line:column: where: what`.
fn parse(text: &str) -> Result<(Trial, Vec<Problem>), String> {
    // One pass: serde_ignored reports what serde leaves out without a word (a key no part of a
    // trial file has); serde_path_to_error names the field a parse error is about, and
    // serde_json gives its line and column.
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let mut callback = |path: serde_ignored::Path| {
        let at = pointer(&path);
        // Where the JSON Schema is (content/trial.schema.json), for the coordinator's editor.
        if at == "/$schema" {
            return;
        }
        let key = at.rsplit('/').next().unwrap_or_default().to_string();
        unknown.push(Problem {
            at,
            message: format!(
                "`{key}` is not a field a trial file has here, so the widget would ignore it: a misspelling? (docs/authoring.md lists the fields)"
            ),
        });
    };
    let ignored = serde_ignored::Deserializer::new(&mut de, &mut callback);
    let trial: Trial = serde_path_to_error::deserialize(ignored).map_err(|e| {
        let inner = e.inner();
        let path = e.path().to_string();
        let message = inner.to_string();
        // serde_json appends " at line L column C" to its message; the line leads instead.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        format!(
            "{}:{}: {}: {message}",
            inner.line(),
            inner.column(),
            if path == "." { "/" } else { &path }
        )
    })?;
    Ok((trial, unknown))
}

/// serde_ignored's path to an ignored key as a JSON pointer.
fn pointer(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path as P;
    match path {
        P::Root => String::new(),
        P::Seq { parent, index } => content::pointer(&pointer(parent), index),
        P::Map { parent, key } => content::pointer(&pointer(parent), key),
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            pointer(parent)
        }
    }
}

/// Walks every story of `path` against `trial`; each failure becomes a line at its story.
fn stories(path: &Path, trial: &Trial, findings: &mut Findings) {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            findings.lines.push(format!("{name}: cannot be read: {e}"));
            return;
        }
    };
    let (stories, problems) = match read_stories(&text) {
        Ok(read) => read,
        Err(e) => {
            let e = e.strip_prefix("stories.json: ").unwrap_or(&e);
            findings.lines.push(format!("{name}: {e}"));
            return;
        }
    };
    let at = Positions::of(&text);
    // A story's lines start with "story <id>"; the line given is the story's own.
    let line_of = |message: &str| {
        let index = stories.iter().position(|s| {
            message
                .strip_prefix("story ")
                .and_then(|m| m.strip_prefix(s.id.as_str()))
                .is_some_and(|rest| rest.starts_with([':', ' ']))
        });
        let (line, col) = at.line_col(&index.map_or(String::new(), |i| format!("/stories/{i}")));
        format!("{name}:{line}:{col}: {message}")
    };
    findings.lines.extend(problems.iter().map(|p| line_of(p)));
    findings.stories = stories.len();
    for story in &stories {
        let mut failures = Vec::new();
        check_story(story, trial, &mut failures);
        if failures.is_empty() {
            findings.stories_passed += 1;
        }
        findings.lines.extend(failures.iter().map(|f| line_of(f)));
    }
}
