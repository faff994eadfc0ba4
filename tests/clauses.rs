//! Every clause of the registry text is accounted for. In the content, each criterion's registry
//! text is split into its clauses (`clauses`: each listed item, each "or" branch), and each clause
//! says how it is covered: answers that end "does not fit" (entries of the audit,
//! `tests/audit.rs`), answers that leave the criterion "not known" and why (timing, the
//! investigators' judgement), what the study team checks and why a patient cannot know it, or,
//! for an allowance or an exception ("gender not limited"), why it rules no one out.
//! These tests fail when a clause of the registry text has no entry, when an entry quotes words
//! that are not the registry's, and when an entry says what the rule does not do. `docs/criteria.md`
//! shows the clauses of each criterion: the page a clinician signs.
#![cfg(not(target_arch = "wasm32"))]

mod common {
    pub mod answers;
    pub mod registry;
    pub mod trials;
}

use common::answers::{combinations, questions_read};
use common::registry::{contains, item, plain};
use serde_json::json;
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::Verdict;
use trial_self_check::domain::engine::evaluate;
use trial_self_check::domain::model::{Criterion, Trial};

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("the shipped trial loads")
}

/// What may be left of a criterion's registry text once every clause's words are taken out of it:
/// words that join clauses but never carry a criterion themselves. Anything else left is a clause
/// with no entry. Matched as whole words, ignoring case, in this order (a longer phrase before any
/// word it starts with). Add a word only with the reason it can never carry a criterion.
const CONNECTIVES: &[&str] = &[
    // Opens E13's list and says it is open; the open rest is the list's head ("Severe
    // cardiovascular disease history"), a clause of its own. "not" is allowed only inside this
    // phrase: alone, it would turn a clause around.
    "including but not limited to",
    // Join two clauses or two "or" branches; each side is a clause with its own entry.
    "and",
    "or",
];

/// Punctuation between clauses. Marks that say something (≥, <, /, -) are not here: left over,
/// they fail, since they belong to a clause.
const PUNCTUATION: &[char] = &[',', ';', ':', '(', ')', '[', ']', '.'];

/// Whether `fragment` (registry text no clause covers) holds only connectives and punctuation.
fn only_connectives(fragment: &str) -> bool {
    let words: Vec<String> = fragment
        .split(|c: char| c.is_whitespace() || PUNCTUATION.contains(&c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut rest = &words[..];
    'next: while !rest.is_empty() {
        for phrase in CONNECTIVES {
            let phrase: Vec<&str> = phrase.split(' ').collect();
            if rest.len() >= phrase.len() && rest.iter().zip(&phrase).all(|(w, p)| w == p) {
                rest = &rest[phrase.len()..];
                continue 'next;
            }
        }
        return false;
    }
    true
}

/// A plain sentence: it ends with a full stop and has at least 8 words.
fn sentence(s: &str) -> bool {
    s.trim().ends_with('.') && s.split_whitespace().count() >= 8
}

/// The clause, as problems name it.
fn named(c: &Criterion, i: usize) -> String {
    format!("{}: clause {} {:?}", c.id, i + 1, c.clauses[i].text)
}

/// (a, b) The criterion is split into clauses, and each clause's words are its registry text's.
fn quoted(_: &Trial, c: &Criterion) -> Vec<String> {
    let mut problems = Vec::new();
    if c.clauses.is_empty() {
        problems.push(format!(
            "{}: no `clauses`: split its registry text into its clauses (each listed item, each \"or\" branch) and say how each is covered",
            c.id
        ));
    }
    for (i, clause) in c.clauses.iter().enumerate() {
        if !contains(&c.registry, &clause.text) {
            problems.push(format!(
                "{} is not in the criterion's `registry` text: copy its words from there",
                named(c, i)
            ));
        }
    }
    problems
}

/// (c) Every clause of the registry text has an entry: once every clause's words are taken out of
/// the text (every place they occur), only connectives and punctuation are left. Each stretch of
/// text that holds anything else is named.
fn covered(_: &Trial, c: &Criterion) -> Vec<String> {
    let text = plain(&c.registry);
    let mut taken = vec![false; text.len()];
    for clause in &c.clauses {
        let words = item(&clause.text);
        if words.is_empty() {
            continue;
        }
        for (at, _) in text.match_indices(&words) {
            taken[at..at + words.len()].fill(true);
        }
    }
    // Stretches start and end where a clause's words do, so on character boundaries.
    let mut problems = Vec::new();
    let mut start = None;
    for at in 0..=text.len() {
        match (at < text.len() && !taken[at], start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let left = text[from..at]
                    .trim_matches(|c: char| c.is_whitespace() || PUNCTUATION.contains(&c));
                if !only_connectives(left) {
                    problems.push(format!(
                        "{}: no clause accounts for {left:?} of its registry text",
                        c.id
                    ));
                }
                start = None;
            }
            _ => {}
        }
    }
    problems
}

/// (d) Each "does not fit" link names an audit entry about this clause: one of the entry's quotes
/// holds the clause's words, or is held by them. (That the quotes are the registry's, and that
/// the entry's answers do rule a patient out, is `tests/audit.rs`'s.)
fn linked(_: &Trial, c: &Criterion) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, clause) in c.clauses.iter().enumerate() {
        let words = item(&clause.text);
        for &n in &clause.does_not_fit {
            let Some(entry) = n.checked_sub(1).and_then(|k| c.rules_out.get(k)) else {
                problems.push(format!(
                    "{} names `rules_out` entry {n}, which does not exist",
                    named(c, i)
                ));
                continue;
            };
            let shared = entry.quotes.iter().map(|q| item(q)).any(|q| {
                !q.is_empty() && !words.is_empty() && (q.contains(&words) || words.contains(&q))
            });
            if !shared {
                problems.push(format!(
                    "{} names `rules_out` entry {n}, but none of its quotes {:?} holds the clause's words or is held by them",
                    named(c, i),
                    entry.quotes
                ));
            }
        }
    }
    problems
}

/// (d') Every audit entry is named by a clause: each way a criterion can say "does not fit" traces
/// to the registry words it enforces, so the clause table is the whole audit, not a part of it.
fn every_entry_named(_: &Trial, c: &Criterion) -> Vec<String> {
    (1..=c.rules_out.len())
        .filter(|n| !c.clauses.iter().any(|k| k.does_not_fit.contains(n)))
        .map(|n| {
            format!(
                "{}: `rules_out` entry {n} is named by no clause's `does_not_fit`",
                c.id
            )
        })
        .collect()
}

/// (e) Each "not known" path is one: over every combination of answers to the questions its
/// `when`, the criterion's rule and their gates read, wherever the patient's answers fit `when`
/// the criterion never fits (a patient who reports this clause is never told it fits), and on at
/// least one of them it is not known. `when` reads the answers as given (an option that counts as
/// unknown is the very answer such a path names); the rule reads them as the engine counts them.
fn not_known(t: &Trial, c: &Criterion) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, clause) in c.clauses.iter().enumerate() {
        for (j, path) in clause.not_known.iter().enumerate() {
            let place = format!("{} `not_known` path {}", named(c, i), j + 1);
            if !sentence(&path.why) {
                problems.push(format!(
                    "{place}: `why` must be a plain sentence of at least 8 words ending with a full stop: {:?}",
                    path.why
                ));
            }
            let Some(rule) = &c.fits_when else {
                problems.push(format!(
                    "{place}: the criterion has no patient rule, so no answers make it known"
                ));
                continue;
            };
            let questions = questions_read(t, [rule, &path.when]);
            let (mut fits, mut unknown) = (None, false);
            for (given, counted) in combinations(t, &questions) {
                if evaluate(&path.when, &given) != Verdict::Fits {
                    continue;
                }
                match evaluate(rule, &counted) {
                    Verdict::Fits => {
                        fits.get_or_insert(given);
                    }
                    Verdict::Unknown => unknown = true,
                    Verdict::DoesNotFit => {}
                }
            }
            if let Some(answers) = fits {
                problems.push(format!(
                    "{place}: a patient who gives these answers is told the criterion fits: {answers:?}"
                ));
            }
            if !unknown {
                problems.push(format!(
                    "{place}: no answers on this path leave the criterion not known"
                ));
            }
        }
    }
    problems
}

/// (f) A study-team clause is one the criterion's study-team part checks, and says why in a
/// sentence.
fn team(_: &Trial, c: &Criterion) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, clause) in c.clauses.iter().enumerate() {
        let Some(team) = &clause.team else { continue };
        if c.team_check.is_none() {
            problems.push(format!(
                "{} is left to the study team, but the criterion has no `team_check` telling the patient so",
                named(c, i)
            ));
        }
        if !sentence(team) {
            problems.push(format!(
                "{}: `team` must be a plain sentence of at least 8 words ending with a full stop: {team:?}",
                named(c, i)
            ));
        }
    }
    problems
}

/// (g) A clause that rules no one out says why in a sentence, and names no "does not fit" entry.
fn allowed(_: &Trial, c: &Criterion) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, clause) in c.clauses.iter().enumerate() {
        let Some(allows) = &clause.allows else {
            continue;
        };
        if !clause.does_not_fit.is_empty() {
            problems.push(format!(
                "{} rules no one out (`allows`), yet names `rules_out` entries {:?}",
                named(c, i),
                clause.does_not_fit
            ));
        }
        if !sentence(allows) {
            problems.push(format!(
                "{}: `allows` must be a plain sentence of at least 8 words ending with a full stop: {allows:?}",
                named(c, i)
            ));
        }
    }
    problems
}

type Check = fn(&Trial, &Criterion) -> Vec<String>;

/// Runs `check` on every criterion of `t` and fails naming the first problems found.
/// `check` on every shipped trial: each one's clauses are held to the same rules.
fn every_trial(check: Check) {
    for (t, _) in common::trials::shipped() {
        assert_holds(&t, check);
    }
}

fn assert_holds(t: &Trial, check: Check) {
    let mut problems: Vec<String> = t.criteria.iter().flat_map(|c| check(t, c)).collect();
    let total = problems.len();
    problems.truncate(30);
    assert!(
        problems.is_empty(),
        "{total} problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_criterion_is_split_into_clauses_of_its_registry_text() {
    every_trial(quoted);
}

#[test]
fn every_clause_of_the_registry_text_has_an_entry() {
    every_trial(covered);
}

#[test]
fn every_does_not_fit_link_names_an_audit_entry_on_the_clause() {
    every_trial(linked);
}

#[test]
fn every_audit_entry_is_named_by_a_clause() {
    every_trial(every_entry_named);
}

#[test]
fn every_not_known_path_leaves_its_criterion_not_known() {
    every_trial(not_known);
}

#[test]
fn every_study_team_clause_is_the_study_teams_and_says_why() {
    every_trial(team);
}

#[test]
fn every_clause_that_rules_no_one_out_says_why() {
    every_trial(allowed);
}

const CHECKS: [Check; 6] = [quoted, covered, linked, not_known, team, allowed];

/// The shipped trial with I1 and I2 built here, clauses and all, so the tests below hold whatever
/// the content's own clauses say; on this copy, every check passes for both.
fn fixture() -> Trial {
    let mut t = trial();
    let text = json!({"en": "Text.", "zh-CN": "文字。"});
    let why = "A sentence of eight words or more for the test.";
    let built = [
        json!({
            "id": "I1",
            "kind": "inclusion",
            "summary": text,
            "registry": "Age range: 18 - 75 years old (inclusive), gender not limited.",
            "fits_when": {"answer": {"question": "age", "between": [18, 75]}},
            "rules_out": [{
                "when": {"not": {"answer": {"question": "age", "between": [18, 75]}}},
                "quotes": ["Age range: 18 - 75 years old (inclusive)"],
                "why": why
            }],
            "clauses": [
                {"text": "Age range: 18 - 75 years old (inclusive)", "does_not_fit": [1]},
                {"text": "gender not limited", "allows": why}
            ]
        }),
        json!({
            "id": "I2",
            "kind": "inclusion",
            "summary": text,
            "registry": "For patients with colorectal liver metastases have been histologically or cytologically confirmed and who are assessed by multidisciplinary team (MDT) to be inoperable for radical surgical resection.",
            "fits_when": {"all": [
                {"answer": {"question": "crc_liver", "is": "yes"}},
                {"answer": {"question": "confirmed_sample", "one_of": ["yes"]}},
                {"answer": {"question": "surgery", "one_of": ["not_possible"]}}
            ]},
            "team_check": text,
            "rules_out": [
                {
                    "when": {"answer": {"question": "crc_liver", "is": "no"}},
                    "quotes": ["For patients with colorectal liver metastases"],
                    "why": why
                },
                {
                    "when": {"answer": {"question": "surgery", "one_of": ["possible"]}},
                    "quotes": ["assessed by multidisciplinary team (MDT) to be inoperable for radical surgical resection"],
                    "why": why
                }
            ],
            "clauses": [
                {"text": "For patients with colorectal liver metastases", "does_not_fit": [1]},
                {
                    "text": "have been histologically or cytologically confirmed",
                    "not_known": [{
                        "when": {"answer": {"question": "confirmed_sample", "one_of": ["not_yet"]}},
                        "why": why
                    }],
                    "team": why
                },
                {
                    "text": "who are assessed by multidisciplinary team (MDT) to be inoperable for radical surgical resection",
                    "does_not_fit": [2],
                    "team": why
                }
            ]
        }),
    ];
    for criterion in built {
        let criterion: Criterion = serde_json::from_value(criterion).expect("a criterion");
        let at = t.criteria.iter().position(|c| c.id == criterion.id);
        t.criteria[at.expect("the trial has I1 and I2")] = criterion;
    }
    for id in ["I1", "I2"] {
        let problems = problems_of(&t, id);
        assert!(problems.is_empty(), "the fixture's {id}: {problems:#?}");
    }
    t
}

fn problems_of(t: &Trial, id: &str) -> Vec<String> {
    let c = t.criterion(id).expect("the fixture has it");
    CHECKS.iter().flat_map(|check| check(t, c)).collect()
}

fn criterion<'a>(t: &'a mut Trial, id: &str) -> &'a mut Criterion {
    t.criteria.iter_mut().find(|c| c.id == id).expect("present")
}

fn assert_finds(problems: Vec<String>, needle: &str) {
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "expected a problem containing {needle:?}, got {problems:#?}"
    );
}

/// (c) A clause dropped from the content leaves its registry words unaccounted for; "not" alone
/// is never a connective.
#[test]
fn the_check_finds_a_clause_with_no_entry() {
    let mut t = fixture();
    criterion(&mut t, "I1").clauses.pop();
    assert_finds(
        problems_of(&t, "I1"),
        r#"I1: no clause accounts for "gender not limited""#,
    );

    let mut t = fixture();
    let i1 = criterion(&mut t, "I1");
    let mut gender = i1.clauses[1].clone();
    gender.text = "gender".into();
    let mut limited = gender.clone();
    limited.text = "limited".into();
    i1.clauses.splice(1.., [gender, limited]);
    assert_finds(
        problems_of(&t, "I1"),
        r#"I1: no clause accounts for "not" of its registry text"#,
    );
}

/// (b) A clause whose words are not the registry's.
#[test]
fn the_check_finds_a_clause_not_in_the_registry_text() {
    let mut t = fixture();
    let i1 = criterion(&mut t, "I1");
    let mut wrong = i1.clauses[0].clone();
    wrong.text = "Age range: 18 - 80 years old".into();
    i1.clauses.push(wrong);
    assert_finds(
        problems_of(&t, "I1"),
        r#"I1: clause 3 "Age range: 18 - 80 years old" is not in the criterion's `registry` text"#,
    );
}

/// (e) A "not known" path on which the criterion fits, and one on which it is never unknown.
#[test]
fn the_check_finds_a_not_known_path_on_which_the_criterion_fits() {
    let mut t = fixture();
    let path = &mut criterion(&mut t, "I2").clauses[1].not_known[0];
    path.when =
        serde_json::from_value(json!({"answer": {"question": "crc_liver", "is": "yes"}})).unwrap();
    assert_finds(
        problems_of(&t, "I2"),
        "`not_known` path 1: a patient who gives these answers is told the criterion fits",
    );

    let mut t = fixture();
    let path = &mut criterion(&mut t, "I2").clauses[1].not_known[0];
    path.when =
        serde_json::from_value(json!({"answer": {"question": "crc_liver", "is": "no"}})).unwrap();
    assert_finds(
        problems_of(&t, "I2"),
        "`not_known` path 1: no answers on this path leave the criterion not known",
    );
}

/// (d) A "does not fit" link to an audit entry about other words.
#[test]
fn the_check_finds_a_link_to_an_entry_about_another_clause() {
    let mut t = fixture();
    criterion(&mut t, "I2").clauses[2].does_not_fit = vec![1];
    assert_finds(
        problems_of(&t, "I2"),
        "names `rules_out` entry 1, but none of its quotes",
    );
}

/// (d') An audit entry no clause names.
#[test]
fn the_check_finds_an_audit_entry_no_clause_names() {
    let mut t = fixture();
    for clause in &mut criterion(&mut t, "I2").clauses {
        clause.does_not_fit.retain(|&n| n != 1);
    }
    assert_finds(
        every_entry_named(&t, t.criterion("I2").unwrap()),
        "`rules_out` entry 1 is named by no clause",
    );
}
