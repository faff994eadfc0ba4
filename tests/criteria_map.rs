//! `docs/criteria.md`, the criteria map for the study team and ethics review, is generated from the
//! content. This test fails when the committed file is stale; regenerate it with
//! `UPDATE_CRITERIA_MAP=1 cargo test --test criteria_map`.
#![cfg(not(target_arch = "wasm32"))]

mod common {
    pub mod trials;
}

use common::trials::{change_log, per_trial, root, shipped};
use serde_json::Value;
use std::collections::BTreeMap;
use trial_self_check::domain::model::{
    Condition, Criterion, CriterionKind, QuestionKind, Test, Trial,
};

/// Story ids by criterion: (does not fit, not sure), from the trial's `stories.json`.
fn stories_by_criterion(stories: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let file: Value = serde_json::from_str(stories).expect("stories.json is JSON");
    let mut out: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for story in file["stories"].as_array().into_iter().flatten() {
        let id = story["id"].as_str().unwrap_or_default().to_string();
        for (field, not) in [("does_not_fit", true), ("unknown", false)] {
            for c in story["expect"][field].as_array().into_iter().flatten() {
                let entry = out
                    .entry(c.as_str().unwrap_or_default().into())
                    .or_default();
                if not { &mut entry.0 } else { &mut entry.1 }.push(id.clone());
            }
        }
    }
    out
}

/// A condition in words, with each answer as the patient sees it (English).
fn words(c: &Condition, t: &Trial) -> String {
    match c {
        Condition::All(cs) => cs
            .iter()
            .map(|c| words(c, t))
            .collect::<Vec<_>>()
            .join(" and "),
        Condition::Any(cs) => cs
            .iter()
            .map(|c| words(c, t))
            .collect::<Vec<_>>()
            .join(" or "),
        Condition::Not(c) => format!("not ({})", words(c, t)),
        Condition::Answer(at) => {
            let q = t.question(&at.question).expect("validated");
            let said = match (&at.test, &q.kind) {
                (Test::Is(r), _) => format!("{r:?}")
                    .to_lowercase()
                    .replace("notsure", "not sure"),
                (Test::OneOf(ids), QuestionKind::Choice { options }) => ids
                    .iter()
                    .filter_map(|id| options.iter().find(|o| &o.id == id))
                    .map(|o| format!("\"{}\"", o.label.en))
                    .collect::<Vec<_>>()
                    .join(" or "),
                (Test::AtLeast(n), _) => format!("{n} or more"),
                (Test::AtMost(n), _) => format!("{n} or less"),
                (Test::Between(lo, hi), _) => format!("from {lo} to {hi}"),
                (test, _) => format!("{test:?}"),
            };
            format!("`{}` is {said}", q.id)
        }
    }
}

/// The registry text clause by clause, each with how it is covered (`tests/clauses.rs` holds the
/// content to it): the table a clinician signs.
fn clauses(out: &mut String, c: &Criterion, t: &Trial) {
    if c.clauses.is_empty() {
        return;
    }
    // A table cell is one line, and `|` would end it.
    let cell = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|")
    };
    out.push_str("\n**Clause by clause:**\n\n| Registry clause | How it is covered |\n|---|---|\n");
    for clause in &c.clauses {
        let mut how = Vec::new();
        for &n in &clause.does_not_fit {
            let entry = n.checked_sub(1).and_then(|i| c.rules_out.get(i));
            let when = entry.map(|r| words(&r.when, t)).unwrap_or_default();
            how.push(format!("**Does not fit:** audit entry {n}, when {when}."));
        }
        for path in &clause.not_known {
            how.push(format!(
                "**Not known** when {} — {}",
                words(&path.when, t),
                path.why
            ));
        }
        if let Some(team) = &clause.team {
            how.push(format!("**Study team:** {team}"));
        }
        if let Some(allows) = &clause.allows {
            how.push(format!("**Rules no one out:** {allows}"));
        }
        out.push_str(&format!(
            "| {} | {} |\n",
            cell(&clause.text),
            cell(&how.join("<br>"))
        ));
    }
}

fn render(t: &Trial, stories: &str) -> String {
    let stories = stories_by_criterion(stories);
    let id = &t.id;
    let changes = change_log(id);
    let mut out = String::new();
    let line = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&mut out, &format!("# Criteria map: {}", t.id));
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "Generated from `content/{id}/trial.json` by `UPDATE_CRITERIA_MAP=1 cargo test --test criteria_map`; do not edit by hand."
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "Content version {}, derived from the registry text of {} ({}); what changed in each version, and why, is in `{changes}`. Each criterion lists the registry text, the questions that check it, the rule in words, the patient stories (`content/{id}/stories.json`) that exercise it and what the study team checks. A criterion's verdict is stated from the patient's side: for an exclusion, \"fits\" means the exclusion does not apply. Every question offers \"Not sure\", which is always unknown, never \"does not fit\". A criterion says \"does not fit\" only on the answers its audit lists, each with the registry words that make it certain (checked by the authoring check's audit against `content/{id}/registry.md`). Each criterion ends with its registry text clause by clause (each listed item, each \"or\" branch) and how each clause is covered: an audit entry that rules a patient out, answers that leave the criterion not known and why, what the study team checks and why a patient cannot know it, or why the clause rules no one out (`tests/clauses.rs` fails on registry words no clause accounts for).",
            t.content_version, t.registry_date, t.registry_url
        ),
    );
    line(&mut out, "");
    let patient = t.criteria.iter().filter(|c| c.fits_when.is_some()).count();
    let team_only = t.criteria.iter().filter(|c| c.fits_when.is_none()).count();
    let both = t
        .criteria
        .iter()
        .filter(|c| c.fits_when.is_some() && c.team_check.is_some())
        .count();
    line(
        &mut out,
        &format!(
            "{} criteria: {patient} with a patient part ({both} of them also with a study-team part), {team_only} checked by the study team only. {} questions.",
            t.criteria.len(),
            t.questions.len()
        ),
    );
    for (kind, title) in [
        (CriterionKind::Inclusion, "Inclusion"),
        (CriterionKind::Exclusion, "Exclusion"),
    ] {
        line(&mut out, "");
        line(&mut out, &format!("## {title} criteria"));
        for c in t.criteria.iter().filter(|c| c.kind == kind) {
            line(&mut out, "");
            line(&mut out, &format!("### {}", c.id));
            line(&mut out, "");
            line(&mut out, &format!("- **Registry text:** {}", c.registry));
            line(&mut out, &format!("- **In plain words:** {}", c.summary.en));
            match &c.fits_when {
                Some(rule) => {
                    let qs: Vec<String> = rule
                        .questions()
                        .into_iter()
                        .filter_map(|id| t.question(id))
                        .map(|q| {
                            let gate = if q.ask_when.is_some() {
                                " (asked only when relevant)"
                            } else {
                                ""
                            };
                            format!("`{}` \"{}\"{gate}", q.id, q.text.en)
                        })
                        .collect();
                    line(&mut out, &format!("- **Questions:** {}", qs.join("; ")));
                    line(
                        &mut out,
                        &format!("- **Rule:** {}", c.rule_in_words.as_deref().unwrap_or("")),
                    );
                    // The audit a clinician signs: every way this criterion can say "does not
                    // fit", the registry words that make it certain, and why (tests/audit.rs).
                    if c.rules_out.is_empty() {
                        line(
                            &mut out,
                            "- **Does not fit:** never from the patient's answers; where the registry leaves room (timing, the investigators' judgement, a test not done yet), the answer is \"not known yet\".",
                        );
                    } else {
                        line(&mut out, "- **Does not fit only when (audit):**");
                        // Numbered: the clause table below names entries by number.
                        for (n, r) in c.rules_out.iter().enumerate() {
                            let quotes: Vec<String> =
                                r.quotes.iter().map(|q| format!("\"{q}\"")).collect();
                            line(
                                &mut out,
                                &format!(
                                    "  {}. {}. Registry: {}. Why certain: {}",
                                    n + 1,
                                    words(&r.when, t),
                                    quotes.join("; "),
                                    r.why
                                ),
                            );
                        }
                    }
                    let (not, unknown) = stories.get(&c.id).cloned().unwrap_or_default();
                    let ids = |v: Vec<String>| match v.is_empty() {
                        true => "none".to_string(),
                        false => format!("`{}`", v.join("`, `")),
                    };
                    line(
                        &mut out,
                        &format!(
                            "- **Patient stories:** does not fit: {}; not sure: {}",
                            ids(not),
                            ids(unknown)
                        ),
                    );
                }
                None => line(&mut out, "- **Questions:** none; not asked of the patient."),
            }
            match &c.team_check {
                Some(team) => line(&mut out, &format!("- **Study team checks:** {}", team.en)),
                None => line(
                    &mut out,
                    "- **Study team checks:** nothing beyond the patient's answers (the team confirms all answers at screening).",
                ),
            }
            clauses(&mut out, c, t);
        }
    }
    line(&mut out, "");
    line(&mut out, "## Questions in the order asked");
    line(&mut out, "");
    for (i, q) in t.questions.iter().enumerate() {
        let kind = match &q.kind {
            QuestionKind::YesNo => "yes / no / not sure".to_string(),
            QuestionKind::Choice { options } => format!(
                "one of: {}; not sure",
                options
                    .iter()
                    .map(|o| format!(
                        "`{}` {}{}",
                        o.id,
                        o.label.en,
                        if o.counts_as_unknown {
                            " (counts as not sure)"
                        } else {
                            ""
                        }
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            QuestionKind::Number { min, max, unit } => {
                format!("a whole number of {} ({min}–{max}); not sure", unit.en)
            }
        };
        let used_by: Vec<&str> = t
            .criteria
            .iter()
            .filter(|c| {
                c.fits_when
                    .as_ref()
                    .is_some_and(|r| r.questions().contains(&q.id.as_str()))
            })
            .map(|c| c.id.as_str())
            .collect();
        let gate = q
            .ask_when
            .as_ref()
            .map(|c| {
                format!(
                    " Asked only after an answer to `{}`.",
                    c.questions().join("`, `")
                )
            })
            .unwrap_or_default();
        let list = match q.list.is_empty() {
            true => String::new(),
            false => format!(
                " The patient sees the list: {}.",
                q.list
                    .iter()
                    .map(|item| item.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        line(
            &mut out,
            &format!(
                "{}. `{}` {} — {kind}. Checks {}.{gate}{list}",
                i + 1,
                q.id,
                q.text.en,
                used_by.join(", ")
            ),
        );
    }
    out
}

/// Each shipped trial's map: `docs/criteria.md` for the first (NCT07117435), and
/// `docs/criteria-<ID>.md` for every other trial under `content/`.
#[test]
fn criteria_maps_are_current() {
    for (trial, dir) in shipped() {
        let stories = std::fs::read_to_string(dir.join("stories.json")).unwrap();
        let fresh = render(&trial, &stories);
        let name = per_trial(&trial.id, "docs/criteria.md", "docs/criteria-{id}.md");
        let path = root().join(&name);
        if std::env::var_os("UPDATE_CRITERIA_MAP").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{name} is stale: run `UPDATE_CRITERIA_MAP=1 cargo test --test criteria_map`"
        );
    }
}
