//! The "does not fit" audit: a patient may be told "probably not a fit" only by an answer that,
//! in the registry's own words, rules them out for certain. Every such answer path carries, in
//! the content (`rules_out`), the registry words that make it certain and one sentence on why no
//! patient who fits would give it. These tests hold that audit to the rules it audits, and hold
//! the registry text the content was reviewed against (`content/NCT07117435/registry.md`) to the
//! date and digest the content records, so an amendment leads to a review.
#![cfg(not(target_arch = "wasm32"))]

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::Verdict;
use trial_self_check::domain::engine::{effective_answers, evaluate};
use trial_self_check::domain::model::{
    Answer, Answers, Condition, Criterion, Question, QuestionKind, Test, Trial,
};

const REGISTRY: &str = include_str!("../content/NCT07117435/registry.md");
/// `<registry date> <sha256 of registry.md>`: what the content was last reviewed against.
const REVIEWED: &str = include_str!("../content/NCT07117435/registry.reviewed");

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("the shipped trial loads")
}

/// The registry text as words to search: Markdown escapes and list bullets dropped, runs of
/// space made one.
fn plain(text: &str) -> String {
    text.replace('\\', "")
        .split_whitespace()
        .filter(|w| *w != "*")
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_registry_text_is_the_one_the_content_was_reviewed_against() {
    let t = trial();
    let mut reviewed = REVIEWED.split_whitespace();
    let (date, digest) = (reviewed.next().unwrap_or(""), reviewed.next().unwrap_or(""));
    let actual: String = Sha256::digest(REGISTRY.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        actual, digest,
        "content/NCT07117435/registry.md changed since the content was reviewed against it. \
         Review every rule against the new text, then record its date in trial.json's \
         `registry_date` and `<date> <sha256>` in content/NCT07117435/registry.reviewed"
    );
    assert_eq!(
        date, t.registry_date,
        "registry.reviewed and trial.json's registry_date disagree"
    );
    assert!(
        REGISTRY.contains(&format!("Last reviewed {}", t.registry_date)),
        "the registry text does not carry the date {} the content records",
        t.registry_date
    );
    for c in &t.criteria {
        assert!(
            // The registry ends items with ":" or ";" where the content ends a sentence.
            plain(REGISTRY).contains(plain(&c.registry).trim_end_matches(['.', ';', ':'])),
            "{}: its `registry` text is not in registry.md",
            c.id
        );
    }
}

#[test]
fn every_audit_quote_is_in_the_registry_text_and_every_entry_says_why() {
    let registry = plain(REGISTRY);
    for c in &trial().criteria {
        for r in &c.rules_out {
            assert!(
                !r.quotes.is_empty(),
                "{}: a `rules_out` entry without a quote",
                c.id
            );
            for q in &r.quotes {
                assert!(
                    registry.contains(&plain(q)),
                    "{}: the quote {q:?} is not in content/NCT07117435/registry.md",
                    c.id
                );
            }
            assert!(
                r.why.trim().ends_with('.') && r.why.split_whitespace().count() >= 8,
                "{}: `why` must be a plain sentence: {:?}",
                c.id,
                r.why
            );
        }
        if c.fits_when.is_none() {
            assert!(
                c.rules_out.is_empty(),
                "{}: an audit without a patient rule",
                c.id
            );
        }
    }
}

/// Every answer a test could tell apart: none, "not sure", each option, and for numbers the
/// range's ends and each side of every threshold any rule names.
fn candidates(t: &Trial, q: &Question) -> Vec<Option<Answer>> {
    let mut out = vec![None, Some(Answer::NotSure)];
    match &q.kind {
        QuestionKind::YesNo => out.extend([Some(Answer::Yes), Some(Answer::No)]),
        QuestionKind::Choice { options } => {
            out.extend(options.iter().map(|o| Some(Answer::Choice(o.id.clone()))))
        }
        QuestionKind::Number { min, max, .. } => {
            let mut ns = BTreeSet::from([*min, *max]);
            let mut conditions: Vec<&Condition> = t
                .criteria
                .iter()
                .flat_map(|c| {
                    c.fits_when
                        .iter()
                        .chain(c.rules_out.iter().map(|r| &r.when))
                })
                .collect();
            conditions.extend(t.questions.iter().filter_map(|q| q.ask_when.as_ref()));
            for c in conditions {
                thresholds(c, &q.id, &mut ns);
            }
            out.extend(
                ns.into_iter()
                    .filter(|n| (min..=max).contains(&n))
                    .map(|n| Some(Answer::Number(n))),
            );
        }
    }
    out
}

fn thresholds(c: &Condition, question: &str, out: &mut BTreeSet<u32>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| thresholds(c, question, out))
        }
        Condition::Not(c) => thresholds(c, question, out),
        Condition::Answer(at) if at.question == question => {
            let ns: &[u32] = match &at.test {
                Test::AtLeast(n) | Test::AtMost(n) => &[*n],
                Test::Between(lo, hi) => &[*lo, *hi],
                _ => &[],
            };
            for n in ns {
                out.extend([n.saturating_sub(1), *n, n + 1]);
            }
        }
        Condition::Answer(_) => {}
    }
}

/// Every combination of candidate answers to `questions`, as the engine would count them.
fn combinations(t: &Trial, questions: &[&str]) -> Vec<Answers> {
    let mut all = vec![Answers::new()];
    for id in questions {
        let q = t.question(id).expect("validated");
        let options = candidates(t, q);
        all = all
            .into_iter()
            .flat_map(|answers| {
                options.iter().map(move |a| {
                    let mut next = answers.clone();
                    if let Some(a) = a {
                        next.insert(id.to_string(), a.clone());
                    }
                    next
                })
            })
            .collect();
    }
    all.into_iter().map(|a| effective_answers(t, &a)).collect()
}

/// Every answer path that makes a criterion "does not fit" is covered by an audit entry, and
/// every entry covers only such paths (and at least one of them).
#[test]
fn every_does_not_fit_path_is_audited_and_every_audit_entry_is_one() {
    let mut problems = audit(&trial());
    problems.truncate(20);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A gate's own gate is varied too: were `periop_treatment` asked only after `crc_liver`, the
/// criterion reading `periop_months` would be audited over all three.
#[test]
fn the_audit_follows_gates_of_gates() {
    let mut t = trial();
    let gate = t.question("confirmed_sample").unwrap().ask_when.clone();
    let periop = t
        .questions
        .iter()
        .position(|q| q.id == "periop_treatment")
        .unwrap();
    t.questions[periop].ask_when = gate;
    let c = t
        .criteria
        .iter()
        .find(|c| {
            c.fits_when
                .as_ref()
                .is_some_and(|r| r.questions().contains(&"periop_months"))
        })
        .unwrap();
    let questions = questions_read(&t, c);
    for q in ["periop_months", "periop_treatment", "crc_liver"] {
        assert!(questions.contains(&q), "{}: {questions:?}", c.id);
    }
}

/// The audit finds an unaudited path, and an entry that claims more than the rule does.
#[test]
fn the_audit_finds_a_missing_entry_and_an_entry_that_claims_too_much() {
    let mut t = trial();
    let i1 = t.criteria.iter().position(|c| c.id == "I1").unwrap();
    let entry = t.criteria[i1].rules_out[0].clone();
    t.criteria[i1].rules_out.clear();
    let problems = audit(&t);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("I1: these answers give")),
        "{problems:?}"
    );

    let mut too_much = entry;
    too_much.when =
        serde_json::from_str(r#"{"answer": {"question": "age", "at_least": 70}}"#).unwrap();
    t.criteria[i1].rules_out = vec![too_much];
    let problems = audit(&t);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("I1: `rules_out` entry 1 claims")),
        "{problems:?}"
    );
}

/// Appends the ids of `more` that `questions` does not hold yet, in order.
fn add_new<'a>(questions: &mut Vec<&'a str>, more: Vec<&'a str>) {
    for q in more {
        if !questions.contains(&q) {
            questions.push(q);
        }
    }
}

/// The questions a criterion's audit varies: those its rule and its `rules_out` entries read,
/// then their gates (which decide whether they are asked at all), and the gates' own gates.
fn questions_read<'a>(t: &'a Trial, c: &'a Criterion) -> Vec<&'a str> {
    let mut questions: Vec<&str> = c
        .fits_when
        .as_ref()
        .map(|r| r.questions())
        .unwrap_or_default();
    for r in &c.rules_out {
        add_new(&mut questions, r.when.questions());
    }
    let mut next = 0;
    while let Some(&q) = questions.get(next) {
        if let Some(gate) = t.question(q).and_then(|q| q.ask_when.as_ref()) {
            add_new(&mut questions, gate.questions());
        }
        next += 1;
    }
    questions
}

fn audit(t: &Trial) -> Vec<String> {
    let mut problems = Vec::new();
    for c in &t.criteria {
        let Some(rule) = &c.fits_when else { continue };
        let questions = questions_read(t, c);
        let mut reached = vec![false; c.rules_out.len()];
        for answers in combinations(t, &questions) {
            let verdict = evaluate(rule, &answers);
            let covering: Vec<usize> = (0..c.rules_out.len())
                .filter(|&i| evaluate(&c.rules_out[i].when, &answers) == Verdict::Fits)
                .collect();
            if verdict == Verdict::DoesNotFit && covering.is_empty() {
                problems.push(format!(
                    "{}: these answers give \"does not fit\" with no `rules_out` entry saying why it is certain: {answers:?}",
                    c.id
                ));
            }
            for &i in &covering {
                reached[i] = true;
                if verdict != Verdict::DoesNotFit {
                    problems.push(format!(
                        "{}: `rules_out` entry {} claims these answers rule a patient out, but the rule says {verdict:?}: {answers:?}",
                        c.id,
                        i + 1
                    ));
                }
            }
        }
        for (i, hit) in reached.iter().enumerate() {
            if !hit {
                problems.push(format!(
                    "{}: `rules_out` entry {} matches no answers",
                    c.id,
                    i + 1
                ));
            }
        }
    }
    problems
}
