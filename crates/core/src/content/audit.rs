//! The "does not fit" audit, for any trial: a patient may be told "probably not a fit" only by an
//! answer that, in the registry's own words, rules them out for certain. Every such answer path
//! carries in the content (`rules_out`) the registry words that make it certain and one sentence
//! on why no patient who fits would give it. [`paths`] holds the entries to the rules they audit
//! (trying every answer a test could tell apart), [`quotes`] holds their words to the registry
//! text. Shared by the test suite (`tests/audit.rs`, `tests/clauses.rs`) and the authoring check
//! (`tsc-tools check`); the widget does not use it, so the wasm does not carry it.

use super::error::Problem;
use crate::domain::Verdict;
use crate::domain::engine::{effective_answers, evaluate};
use crate::domain::model::{
    Answer, Answers, Condition, Criterion, Question, QuestionKind, Test, Trial,
};
use std::collections::BTreeSet;

/// The questions a criterion's audit varies: those its rule and its `rules_out` entries read,
/// then their gates (which decide whether they are asked at all), and the gates' own gates.
pub fn audited<'a>(t: &'a Trial, c: &'a Criterion) -> Vec<&'a str> {
    questions_read(
        t,
        c.fits_when
            .iter()
            .chain(c.rules_out.iter().map(|r| &r.when)),
    )
}

/// Every answer path that makes a criterion "does not fit" has a `rules_out` entry, and every
/// entry covers only such paths (and at least one of them). Messages start with the criterion's
/// id; each problem is placed at the criterion's rule, or at the entry.
pub fn paths(t: &Trial) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (ci, c) in t.criteria.iter().enumerate() {
        let Some(rule) = &c.fits_when else { continue };
        let questions = audited(t, c);
        let mut reached = vec![false; c.rules_out.len()];
        for answers in combinations(t, &questions)
            .into_iter()
            .map(|(_, counted)| counted)
        {
            let verdict = evaluate(rule, &answers);
            let covering: Vec<usize> = (0..c.rules_out.len())
                .filter(|&i| evaluate(&c.rules_out[i].when, &answers) == Verdict::Fits)
                .collect();
            if verdict == Verdict::DoesNotFit && covering.is_empty() {
                problems.push(problem(format!("/criteria/{ci}/fits_when"), format!(
                    "{}: these answers give \"does not fit\" with no `rules_out` entry saying why it is certain: {answers:?}",
                    c.id
                )));
            }
            for &i in &covering {
                reached[i] = true;
                if verdict != Verdict::DoesNotFit {
                    problems.push(problem(format!("/criteria/{ci}/rules_out/{i}"), format!(
                        "{}: `rules_out` entry {} claims these answers rule a patient out, but the rule says {verdict:?}: {answers:?}",
                        c.id,
                        i + 1
                    )));
                }
            }
        }
        for (i, hit) in reached.iter().enumerate() {
            if !hit {
                problems.push(problem(
                    format!("/criteria/{ci}/rules_out/{i}"),
                    format!("{}: `rules_out` entry {} matches no answers", c.id, i + 1),
                ));
            }
        }
    }
    problems
}

/// Every `rules_out` entry quotes the registry (`registry`: the registry text the content was
/// written from, as in `registry.md`) and says why in a plain sentence; only a criterion with a
/// patient rule has entries.
pub fn quotes(t: &Trial, registry: &str) -> Vec<Problem> {
    let registry = plain(registry);
    let mut problems = Vec::new();
    for (ci, c) in t.criteria.iter().enumerate() {
        for (ri, r) in c.rules_out.iter().enumerate() {
            let here = format!("/criteria/{ci}/rules_out/{ri}");
            if r.quotes.is_empty() {
                problems.push(problem(
                    format!("{here}/quotes"),
                    format!(
                        "{}: `rules_out` entry {} has no quote of the registry",
                        c.id,
                        ri + 1
                    ),
                ));
            }
            for (qi, q) in r.quotes.iter().enumerate() {
                if !registry.contains(&plain(q)) {
                    problems.push(problem(
                        format!("{here}/quotes/{qi}"),
                        format!(
                            "{}: the quote {q:?} is not in the registry text (registry.md)",
                            c.id
                        ),
                    ));
                }
            }
            if !(r.why.trim().ends_with('.') && r.why.split_whitespace().count() >= 8) {
                problems.push(problem(format!("{here}/why"), format!(
                    "{}: `why` must be a plain sentence of at least 8 words, ending with a full stop: {:?}",
                    c.id, r.why
                )));
            }
        }
        if c.fits_when.is_none() && !c.rules_out.is_empty() {
            problems.push(problem(
                format!("/criteria/{ci}/rules_out"),
                format!(
                    "{}: a `rules_out` audit on a criterion without a patient rule",
                    c.id
                ),
            ));
        }
    }
    problems
}

/// Every criterion's `registry` text is the registry's own (the registry ends items with ":" or
/// ";" where the content ends a sentence).
pub fn registry_texts(t: &Trial, registry: &str) -> Vec<Problem> {
    t.criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| !contains(registry, &c.registry))
        .map(|(ci, c)| {
            problem(
                format!("/criteria/{ci}/registry"),
                format!(
                    "{}: its `registry` text is not in the registry text (registry.md)",
                    c.id
                ),
            )
        })
        .collect()
}

fn problem(at: String, message: String) -> Problem {
    Problem { at, message }
}

/// Every answer `q` can be given (and saved): yes and no or each option, the ends of its number
/// range (once when they are equal), and "not sure".
pub fn every_answer(q: &Question) -> Vec<Answer> {
    let mut all = match &q.kind {
        QuestionKind::YesNo => vec![Answer::Yes, Answer::No],
        QuestionKind::Choice { options } => options
            .iter()
            .map(|o| Answer::Choice(o.id.clone()))
            .collect(),
        QuestionKind::Number { min, max, .. } => BTreeSet::from([*min, *max])
            .into_iter()
            .map(Answer::Number)
            .collect(),
    };
    all.push(Answer::NotSure);
    all
}

/// Every answer a test could tell apart: none, "not sure", each option, and for numbers the
/// range's ends and each side of every threshold any rule names.
fn candidates(t: &Trial, q: &Question) -> Vec<Option<Answer>> {
    let mut out = vec![None];
    match &q.kind {
        QuestionKind::YesNo | QuestionKind::Choice { .. } => {
            out.extend(every_answer(q).into_iter().map(Some))
        }
        QuestionKind::Number { min, max, .. } => {
            out.push(Some(Answer::NotSure));
            let mut ns = BTreeSet::from([*min, *max]);
            let mut conditions: Vec<&Condition> = t
                .criteria
                .iter()
                .flat_map(|c| {
                    c.fits_when
                        .iter()
                        .chain(c.rules_out.iter().map(|r| &r.when))
                        .chain(
                            c.clauses
                                .iter()
                                .flat_map(|k| k.not_known.iter().map(|p| &p.when)),
                        )
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

/// Every combination of candidate answers to `questions`, each twice: as the patient gave it
/// (to the questions asked), and as the engine counts it (`effective_answers`: an option that
/// counts as unknown reads "not sure").
pub fn combinations(t: &Trial, questions: &[&str]) -> Vec<(Answers, Answers)> {
    let mut all = vec![Answers::new()];
    for id in questions {
        let Some(q) = t.question(id) else { continue };
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
    all.into_iter()
        .map(|mut given| {
            let counted = effective_answers(t, &given);
            given.retain(|id, _| counted.contains_key(id));
            (given, counted)
        })
        .collect()
}

/// The questions `conditions` read, then their gates (which decide whether they are asked at
/// all), and the gates' own gates, in order, without repeats.
pub fn questions_read<'a>(
    t: &'a Trial,
    conditions: impl IntoIterator<Item = &'a Condition>,
) -> Vec<&'a str> {
    let mut questions: Vec<&str> = Vec::new();
    let add_new = |questions: &mut Vec<&'a str>, more: Vec<&'a str>| {
        for q in more {
            if !questions.contains(&q) {
                questions.push(q);
            }
        }
    };
    for c in conditions {
        add_new(&mut questions, c.questions());
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

/// The registry text as words to search: Markdown escapes and list bullets dropped, runs of
/// space made one.
pub fn plain(text: &str) -> String {
    text.replace('\\', "")
        .split_whitespace()
        .filter(|w| *w != "*")
        .collect::<Vec<_>>()
        .join(" ")
}

/// A piece of registry text as words to look for: `plain`, without its end mark (the registry
/// ends items with ":" or ";" where the content ends a sentence, and the other way round).
pub fn item(text: &str) -> String {
    plain(text).trim_end_matches(['.', ';', ':']).to_string()
}

/// Whether the words of `piece` are in `text`, both as `plain` words, the piece's end mark aside.
pub fn contains(text: &str, piece: &str) -> bool {
    plain(text).contains(&item(piece))
}
