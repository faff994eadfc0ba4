//! Every answer a patient could give to the questions a criterion reads, as the engine counts
//! them: shared by `tests/audit.rs` (every "does not fit" path has an entry) and
//! `tests/clauses.rs` (every "not known" path leaves its criterion not known); `every_answer` also
//! by `tests/changelog.rs` (answers a file could hold) and `tests/fhir.rs` (response cases).

use std::collections::BTreeSet;
use trial_self_check::domain::engine::effective_answers;
use trial_self_check::domain::model::{
    Answer, Answers, Condition, Question, QuestionKind, Test, Trial,
};

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
