//! Responses no conformant writer sends, for the FHIRPath check (`e2e/fhir.test.mjs`): answers to
//! questions that skip logic hides, and questions answered twice. Each is generated from the
//! content (every skip rule, every question, every answer), carries our engine's verdicts for
//! what the widget's reader keeps, and is checked here to have teeth: an expression that read a
//! hidden answer, or took the first or the last of two answers, would disagree on some case.

use super::common::answers::every_answer;
use super::{outcome_word, verdicts, xorshift};
use serde_json::{Map, Value, json};
use trial_self_check::domain::engine::asked_questions;
use trial_self_check::domain::fhir::{DATA_ABSENT_REASON, Words, response_json};
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::model::Question;
use trial_self_check::domain::saved::DropReason;
use trial_self_check::domain::{Answer, Answers, Trial, evaluate_trial};

/// The trial without skip logic: what the widget writes for it holds every answer given, hidden
/// or not, in the very words and codes of a real response.
pub fn without_skip_logic(t: &Trial) -> Trial {
    let mut open = t.clone();
    open.questions.iter_mut().for_each(|q| q.ask_when = None);
    open
}

/// The questions whose answers decide whether `q` is asked: those its skip rule reads, the ones
/// their skip rules read, and so on (gates of gates).
pub fn gates<'t>(t: &'t Trial, q: &Question) -> Vec<&'t Question> {
    let mut out: Vec<&Question> = Vec::new();
    let mut todo: Vec<&str> = q.ask_when.iter().flat_map(|c| c.questions()).collect();
    while let Some(id) = todo.pop() {
        let g = t
            .question(id)
            .expect("validated: a skip rule reads a question");
        if !out.iter().any(|x| x.id == g.id) {
            out.push(g);
            todo.extend(g.ask_when.iter().flat_map(|c| c.questions()));
        }
    }
    out
}

/// What the widget writes for `answers` on `open` (the trial without skip logic), as JSON.
fn written(open: &Trial, answers: &Answers, words: &Words) -> Value {
    serde_json::from_str(&response_json(open, answers, "2026-11-27", words)).unwrap()
}

/// The widget's reading of a response, and our engine's verdicts and outcome on it.
struct Read {
    answers: Answers,
    verdicts: Map<String, Value>,
    outcome: &'static str,
    dropped: Vec<(String, DropReason)>,
}

fn read(t: &Trial, response: &Value) -> Read {
    let back = from_json(&response.to_string(), t).expect("a response to this questionnaire");
    let report = evaluate_trial(t, &back.answers);
    Read {
        verdicts: verdicts(&report),
        outcome: outcome_word(&report),
        answers: back.answers,
        dropped: back
            .dropped
            .into_iter()
            .map(|d| (d.question, d.reason))
            .collect(),
    }
}

/// For every question with a skip rule, in responses built on each of `bases`: every way its
/// gates (and their gates) can leave it hidden, with every answer it can be given. Our engine
/// ignores the hidden answer; the cases are checked to catch an expression that does not: some
/// case's verdicts change when the skip rules are dropped. (Not necessarily for each question:
/// a follow-up may matter only where its gate already decides, and then no response tells.)
pub fn hidden_answer_cases(t: &Trial, bases: &[&Answers], words: &Words) -> Vec<Value> {
    let open = without_skip_logic(t);
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let mut caught = 0;
    let mut cases = Vec::new();
    for q in &t.questions {
        if q.ask_when.is_none() {
            continue;
        }
        let gates = gates(t, q);
        // Each gate answered any way or not at all: every combination, or 64 drawn when there
        // are more (a long chain of gates).
        let domains: Vec<Vec<Option<Answer>>> = gates
            .iter()
            .map(|g| {
                let mut d: Vec<Option<Answer>> = every_answer(g).into_iter().map(Some).collect();
                d.push(None);
                d
            })
            .collect();
        let total: usize = domains.iter().map(Vec::len).product();
        let picks: Vec<usize> = if total <= 64 {
            (0..total).collect()
        } else {
            (0..64).map(|_| next(total)).collect()
        };
        for (b, base) in bases.iter().enumerate() {
            for &pick in &picks {
                let mut answers = (*base).clone();
                let mut rest = pick;
                for (g, domain) in gates.iter().zip(&domains) {
                    match &domain[rest % domain.len()] {
                        Some(a) => answers.insert(g.id.clone(), a.clone()),
                        None => answers.remove(&g.id),
                    };
                    rest /= domain.len();
                }
                if asked_questions(t, &answers).iter().any(|x| x.id == q.id) {
                    continue; // asked: not a hidden answer
                }
                for a in every_answer(q) {
                    answers.insert(q.id.clone(), a);
                    let response = written(&open, &answers, words);
                    let Read {
                        answers: back,
                        verdicts,
                        outcome,
                        dropped,
                    } = read(t, &response);
                    assert!(dropped.is_empty(), "{}: {dropped:?}", q.id);
                    assert!(
                        back.contains_key(&q.id),
                        "{}: the hidden answer is read",
                        q.id
                    );
                    assert_eq!(
                        verdicts,
                        super::verdicts(&evaluate_trial(t, &answers)),
                        "{}: the response decides as its answers do",
                        q.id
                    );
                    if super::verdicts(&evaluate_trial(&open, &back)) != verdicts {
                        caught += 1;
                    }
                    let id = format!("hidden-{}-{}-{b}-{pick}", q.id, answers[&q.id].word());
                    cases.push(
                        json!({ "id": id, "response": response, "verdicts": verdicts,
                        "outcome": outcome, "hidden_answers": true }),
                    );
                }
            }
        }
    }
    assert!(
        caught > 0,
        "no hidden-answer case would catch an expression that reads an answer whose skip rule \
         does not hold"
    );
    cases
}

/// The item the widget writes for `q` answered `a`.
fn item(open: &Trial, q: &Question, a: &Answer, words: &Words) -> Value {
    let one = Answers::from([(q.id.clone(), a.clone())]);
    written(open, &one, words)["item"][0].clone()
}

/// Every question answered twice, in responses built on each of `bases`: two answers in its one
/// item, two items, the same answer twice either way, and an answer beside an item marked "not
/// sure". The widget's reader keeps no answer to such a question (it lists it as not a valid
/// answer), so our engine's verdicts are those without it. The cases are checked to catch an
/// expression that took the first answer, or the last.
pub fn answered_twice_cases(t: &Trial, bases: &[&Answers], words: &Words) -> Vec<Value> {
    let open = without_skip_logic(t);
    let unsure_item = |q: &Question| json!({ "linkId": q.id, "extension": [{ "url": DATA_ABSENT_REASON, "valueCode": "asked-unknown" }] });
    let not_sure = Answer::NotSure;
    let (mut first_caught, mut last_caught) = (0, 0);
    let mut cases = Vec::new();
    for (b, base) in bases.iter().enumerate() {
        for q in &t.questions {
            // Two different answers that each travel as an `answer` element ("not sure" to a
            // number is an item without one): the base's answer where it has one of those.
            let given: Vec<Answer> = every_answer(q)
                .into_iter()
                .filter(|a| item(&open, q, a, words).get("answer").is_some())
                .collect();
            let first = base
                .get(&q.id)
                .filter(|a| given.contains(a))
                .unwrap_or(&given[0])
                .clone();
            let Some(second) = given.iter().find(|a| **a != first).cloned() else {
                continue;
            };
            let (one, other) = (
                item(&open, q, &first, words),
                item(&open, q, &second, words),
            );
            let both = |x: &Value, y: &Value| {
                let mut i = x.clone();
                i["answer"] = json!([x["answer"][0].clone(), y["answer"][0].clone()]);
                i
            };
            // Each: its name, q's items, and the answers a reader that took the first or the
            // last would read.
            let variants: Vec<(&str, Vec<Value>, [&Answer; 2])> = vec![
                ("one-item", vec![both(&one, &other)], [&first, &second]),
                (
                    "one-item-reversed",
                    vec![both(&other, &one)],
                    [&second, &first],
                ),
                ("one-item-same", vec![both(&one, &one)], [&first, &first]),
                (
                    "two-items",
                    vec![one.clone(), other.clone()],
                    [&first, &second],
                ),
                (
                    "two-items-reversed",
                    vec![other.clone(), one.clone()],
                    [&second, &first],
                ),
                (
                    "two-items-same",
                    vec![one.clone(), one.clone()],
                    [&first, &first],
                ),
                (
                    "with-unsure-mark",
                    vec![one.clone(), unsure_item(q)],
                    [&first, &not_sure],
                ),
            ];
            let mut without = (*base).clone();
            without.remove(&q.id);
            let written_without = written(&open, &without, words);
            for (name, items, taken) in variants {
                let mut response = written_without.clone();
                let all = response["item"].as_array_mut().unwrap();
                all.extend(items);
                let Read {
                    answers: back,
                    verdicts,
                    outcome,
                    dropped,
                } = read(t, &response);
                assert!(!back.contains_key(&q.id), "{}: {name}: not answered", q.id);
                assert!(
                    dropped.contains(&(q.id.clone(), DropReason::Invalid)),
                    "{}: {name}: listed as not a valid answer",
                    q.id
                );
                assert_eq!(verdicts, super::verdicts(&evaluate_trial(t, &without)));
                let decides = |a: &Answer| {
                    let mut with = without.clone();
                    with.insert(q.id.clone(), a.clone());
                    super::verdicts(&evaluate_trial(t, &with)) != verdicts
                };
                first_caught += usize::from(decides(taken[0]));
                last_caught += usize::from(decides(taken[1]));
                let id = format!("twice-{}-{name}-{b}", q.id);
                cases.push(
                    json!({ "id": id, "response": response, "verdicts": verdicts,
                    "outcome": outcome, "answered_twice": true }),
                );
            }
        }
    }
    assert!(
        first_caught > 0 && last_caught > 0,
        "the cases would not catch an expression that took the first answer ({first_caught} \
         cases) or the last ({last_caught})"
    );
    cases
}

/// A small trial of its own, with what the shipped content may lack: a gate of a gate of a gate
/// (`packs` → `quit` → `years_since`), a follow-up asked after "not sure" to a number (which a
/// response says with the `asked-unknown` mark) and after an option that counts as unknown, and
/// a `not`. Its criteria's FHIRPath is generated by the package's own code.
pub fn example() -> Trial {
    let text = |en: &str| json!({ "en": en, "zh-CN": en });
    let question = |id: &str, kind: Value, ask_when: Value| {
        json!({ "id": id, "kind": kind, "text": text(id), "why": text("why"),
            "where_to_find": text("where"), "ask_when": ask_when })
    };
    let options = |ids: &[&str]| {
        let list: Vec<Value> = ids
            .iter()
            .map(|id| json!({ "id": id, "label": text(id), "counts_as_unknown": *id == "later" }))
            .collect();
        json!({ "choice": { "options": list } })
    };
    let number =
        |min: u32, max: u32| json!({ "number": { "min": min, "max": max, "unit": text("years") } });
    let is = |q: &str, reply: &str| json!({ "answer": { "question": q, "is": reply } });
    let criterion = |id: &str, fits_when: Value| json!({ "id": id, "kind": "inclusion", "summary": text(id), "fits_when": fits_when });
    let trial = json!({
        "id": "EXAMPLE-1", "content_version": "2.0.0", "registry_date": "2026-01-01",
        "registry_url": "https://example.org", "title": text("Example"), "about": [], "site": text("site"),
        "glossary": [],
        "questions": [
            question("smokes", json!("yes_no"), Value::Null),
            question("packs", options(&["few", "many", "later"]),
                json!({ "any": [is("smokes", "yes"), is("smokes", "not_sure")] })),
            question("quit", json!("yes_no"), json!({ "answer": { "question": "packs", "one_of": ["many"] } })),
            question("years_since", number(0, 50), is("quit", "yes")),
            question("age", number(18, 99), Value::Null),
            question("id_seen", json!("yes_no"), is("age", "not_sure")),
            question("asked_doctor", json!("yes_no"), is("packs", "not_sure")),
        ],
        "criteria": [
            criterion("A1", json!({ "any": [is("smokes", "no"), { "answer": { "question": "packs", "one_of": ["few"] } }] })),
            criterion("A2", json!({ "any": [is("quit", "yes"), { "answer": { "question": "packs", "one_of": ["few"] } }] })),
            criterion("A3", json!({ "answer": { "question": "years_since", "at_least": 5 } })),
            criterion("A4", json!({ "answer": { "question": "age", "between": [18, 75] } })),
            criterion("A5", is("id_seen", "yes")),
            criterion("A6", json!({ "not": is("asked_doctor", "no") })),
            { "id": "A7", "kind": "exclusion", "summary": text("A7"), "team_check": text("team") },
        ],
    });
    serde_json::from_value(trial).expect("the example is a trial")
}
