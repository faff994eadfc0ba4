//! The FHIR QuestionnaireResponse reader ("Open saved answers" given a response), fuzzed as the
//! saved-answers reader is: it never panics, refuses a file it cannot read with the reason, keeps
//! only answers its questions accept (naming every answer it drops), each from its question's one
//! answered top-level item, and reads back exactly what the widget writes. 10,000 cases per
//! property in the test command; `PROPTEST_CASES=1000000 cargo test --release --test
//! response_reader` for a release run (docs/testing.md).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::TRIAL;
use proptest::prelude::*;
use serde_json::{Value, json};
use trial_self_check::content::{UI_JSON, load_ui};
use trial_self_check::domain::engine::asked_questions;
use trial_self_check::domain::fhir::{
    DATA_ABSENT_REASON, NOT_SURE, NOT_SURE_CODE, Words, YES_NO, answers_system, questionnaire_url,
    response_json,
};
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::model::QuestionKind;
use trial_self_check::domain::saved::ImportError;
use trial_self_check::domain::{Answer, Answers};

/// The question ids, and ids no question has.
fn link_id() -> impl Strategy<Value = String> {
    let mut ids: Vec<String> = TRIAL.questions.iter().map(|q| q.id.clone()).collect();
    ids.extend(["nope", "", "age ", "AGE"].map(String::from));
    prop::sample::select(ids)
}

/// A coding that may or may not be one a question accepts: every system the reader knows (and
/// one it does not), with codes of every kind.
fn coding() -> impl Strategy<Value = Value> {
    let mut systems = vec![
        YES_NO.to_string(),
        NOT_SURE.to_string(),
        format!(
            "http://trial-self-check.org/fhir/CodeSystem/{}-options",
            TRIAL.id
        ),
        "http://example.org/other".to_string(),
    ];
    systems.extend(
        TRIAL
            .questions
            .iter()
            .map(|q| answers_system(&TRIAL.id, &q.id)),
    );
    let mut codes: Vec<String> = ["Y", "N", "UNK", "ASKU", NOT_SURE_CODE, "", "none", "yes"]
        .map(String::from)
        .to_vec();
    for q in &TRIAL.questions {
        if let QuestionKind::Choice { options } = &q.kind {
            codes.extend(options.iter().map(|o| o.id.clone()));
        }
    }
    (
        prop::sample::select(systems),
        prop::sample::select(codes),
        prop::option::of("\\PC{0,8}"),
    )
        .prop_map(|(system, code, display)| {
            let mut c = json!({ "system": system, "code": code });
            if let Some(d) = display {
                c["display"] = json!(d);
            }
            c
        })
}

/// One `answer` element: a coding, a number of any size or sign, or a value of a type no
/// question takes.
fn answer() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => coding().prop_map(|c| json!({ "valueCoding": c })),
        2 => any::<i64>().prop_map(|n| json!({ "valueInteger": n })),
        1 => (0u32..130).prop_map(|n| json!({ "valueInteger": n })),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!({ "valueDecimal": f })),
        1 => "\\PC{0,8}".prop_map(|s| json!({ "valueString": s })),
        1 => any::<bool>().prop_map(|b| json!({ "valueBoolean": b })),
        1 => (0u32..130).prop_map(|n| json!({ "valueQuantity": { "value": n, "unit": "a" } })),
        1 => Just(json!(null)),
        1 => Just(json!({ "valueCoding": "Y" })),
    ]
}

/// An item: a linkId (or none, or not a string), 0 to 3 answers or an answer that is not a list,
/// maybe the "asked, not known" mark, maybe child items.
fn item() -> impl Strategy<Value = Value> {
    let leaf = (
        prop_oneof![
            6 => link_id().prop_map(Value::String),
            1 => Just(Value::Null),
            1 => any::<i32>().prop_map(Value::from),
        ],
        prop_oneof![
            5 => prop::collection::vec(answer(), 0..4).prop_map(Some),
            1 => Just(None),
            1 => answer().prop_map(|a| Some(vec![json!({ "not": "a list" }), a])),
        ],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(link, answers, unknown_mark, answer_not_list)| {
            let mut item = json!({ "linkId": link });
            match answers {
                Some(list) if answer_not_list && !list.is_empty() => {
                    item["answer"] = list[0].clone()
                }
                Some(list) => item["answer"] = json!(list),
                None => {}
            }
            if unknown_mark {
                item["extension"] =
                    json!([{ "url": DATA_ABSENT_REASON, "valueCode": "asked-unknown" }]);
            }
            item
        });
    leaf.prop_recursive(3, 48, 4, |inner| {
        (inner.clone(), prop::collection::vec(inner, 0..4)).prop_map(|(mut parent, children)| {
            parent["item"] = json!(children);
            parent
        })
    })
}

/// What a response names as its questionnaire: ours at any version, another, or nothing usable.
fn questionnaire() -> impl Strategy<Value = Value> {
    let ours = questionnaire_url(&TRIAL.id);
    prop_oneof![
        4 => (0u32..4, 0u32..4, 0u32..4).prop_map(move |(a, b, c)| json!(format!("{ours}|{a}.{b}.{c}"))),
        1 => Just(json!(questionnaire_url(&TRIAL.id))),
        1 => "\\PC{0,20}".prop_map(|s| json!(format!("http://example.org/Questionnaire/{s}|1.0.0"))),
        1 => Just(json!(null)),
        1 => any::<i64>().prop_map(Value::from),
    ]
}

fn response() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            8 => Just(json!("QuestionnaireResponse")),
            1 => Just(json!("Patient")),
            1 => Just(json!(7)),
        ],
        questionnaire(),
        prop::collection::vec(item(), 0..12),
        prop::option::of("\\PC{0,16}"),
    )
        .prop_map(|(kind, questionnaire, items, authored)| {
            let mut r = json!({ "resourceType": kind, "questionnaire": questionnaire,
                "status": "completed", "item": items });
            if let Some(a) = authored {
                r["authored"] = json!(a);
            }
            r
        })
}

/// Whether an item carries the `asked-unknown` mark ("not sure" to a number).
fn unsure_mark(item: &Value) -> bool {
    item["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|e| e["url"] == DATA_ABSENT_REASON && e["valueCode"] == "asked-unknown")
}

/// Every linkId in the response, at any depth.
fn link_ids(v: &Value, out: &mut Vec<String>) {
    for item in v["item"].as_array().into_iter().flatten() {
        if let Some(id) = item["linkId"].as_str() {
            out.push(id.to_string());
        }
        link_ids(item, out);
    }
}

/// Any answers to any questions: every kind of answer, valid or not for the question.
fn any_answers() -> impl Strategy<Value = Answers> {
    let one = prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::NotSure),
        (0u32..200).prop_map(Answer::Number),
        prop::sample::select(
            TRIAL
                .questions
                .iter()
                .flat_map(|q| match &q.kind {
                    QuestionKind::Choice { options } =>
                        options.iter().map(|o| o.id.clone()).collect(),
                    _ => Vec::new(),
                })
                .collect::<Vec<_>>()
        )
        .prop_map(Answer::Choice),
    ];
    let ids: Vec<String> = TRIAL.questions.iter().map(|q| q.id.clone()).collect();
    prop::collection::btree_map(prop::sample::select(ids), one, 0..40)
        .prop_map(|m| m.into_iter().collect())
}

proptest! {
    #![proptest_config(common::config(10_000))]

    /// Whatever the response holds, reading never panics. A response refused whole says why, and
    /// the reason is the right one; a response read keeps only answers its questions accept, and
    /// every answer it drops is one the file gave.
    #[test]
    fn any_response_is_read_or_refused_with_its_reason(r in response()) {
        let text = r.to_string();
        let ours = questionnaire_url(&TRIAL.id);
        let named = r["questionnaire"].as_str().unwrap_or_default();
        let (url, version) = named.split_once('|').unwrap_or((named, ""));
        match from_json(&text, &TRIAL) {
            Err(ImportError::NotAnswersFile) => prop_assert!(r["resourceType"] != "QuestionnaireResponse"),
            Err(ImportError::OtherTrial { found }) => {
                prop_assert!(r["resourceType"] == "QuestionnaireResponse" && url != ours);
                prop_assert!(url.starts_with(&found));
            }
            Err(ImportError::NewerSchema { found }) => {
                prop_assert_eq!(url, ours.as_str());
                prop_assert!(found > 1);
                prop_assert!(version.starts_with(&found.to_string()));
            }
            Err(other) => prop_assert!(false, "refused as {:?}", other),
            Ok(read) => {
                prop_assert_eq!(url, ours.as_str());
                for (id, a) in &read.answers {
                    prop_assert!(TRIAL.question(id).is_some_and(|q| q.accepts(a)), "{} {:?}", id, a);
                    // Read from its one answered top-level item, with one answer or none and the
                    // "not sure" mark: a question answered twice is not answered (docs/fhir.md).
                    let answered: Vec<&Value> = r["item"].as_array().into_iter().flatten()
                        .filter(|i| i["linkId"] == id.as_str() && (i.get("answer").is_some() || unsure_mark(i)))
                        .collect();
                    prop_assert_eq!(answered.len(), 1, "{}", id);
                    prop_assert!(answered[0].get("answer").is_none_or(|a| a.as_array().is_some_and(|a| a.len() == 1)), "{}", id);
                }
                let mut ids = Vec::new();
                link_ids(&r, &mut ids);
                for d in &read.dropped {
                    prop_assert!(ids.contains(&d.question), "dropped {:?}", d);
                }
            }
        }
    }

    /// A response the widget wrote, cut short or with a stretch of it replaced, never panics.
    #[test]
    fn damaged_responses_never_panic(
        answers in any_answers(),
        cut in any::<prop::sample::Index>(),
        len in 0usize..40,
        junk in "\\PC{0,12}",
    ) {
        let words = words();
        let text = response_json(&TRIAL, &answers, "2026-12-02", &words.as_words());
        let at = cut.index(text.len());
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let end = (at + len..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        let _ = from_json(&text[..at], &TRIAL);
        let _ = from_json(&format!("{}{junk}{}", &text[..at], &text[end..]), &TRIAL);
    }

    /// What the widget writes, it reads back: exactly the answers that were asked and valid.
    #[test]
    fn the_reader_reads_back_what_the_widget_writes(answers in any_answers()) {
        let words = words();
        let text = response_json(&TRIAL, &answers, "2026-12-02", &words.as_words());
        let read = from_json(&text, &TRIAL).expect("read");
        prop_assert!(read.dropped.is_empty(), "{:?}", read.dropped);
        let asked: Answers = asked_questions(&TRIAL, &answers)
            .iter()
            .filter_map(|q| Some((q.id.clone(), answers.get(&q.id).filter(|a| q.accepts(a))?.clone())))
            .collect();
        prop_assert_eq!(read.answers, asked);
        prop_assert_eq!(read.saved, "2026-12-02");
    }
}

/// The interface's words for yes, no and not sure, owned.
struct OwnedWords(trial_self_check::content::UiText);

impl OwnedWords {
    fn as_words(&self) -> Words<'_> {
        Words {
            yes: self.0.yes(),
            no: self.0.no(),
            not_sure: self.0.not_sure(),
        }
    }
}

fn words() -> &'static OwnedWords {
    static WORDS: std::sync::LazyLock<OwnedWords> =
        std::sync::LazyLock::new(|| OwnedWords(load_ui(UI_JSON).unwrap()));
    &WORDS
}
