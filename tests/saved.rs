//! The saved-answers format: round trip, each kind of bad input with its reason, partial files
//! keeping what is valid, and a property test that no input makes the reader panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::TRIAL;
use proptest::prelude::*;
use trial_self_check::domain::import::{MAX_BYTES, from_json};
use trial_self_check::domain::json::Json;
use trial_self_check::domain::saved::{DropReason, ImportError, Imported, changes, to_json};
use trial_self_check::domain::{Answer, Answers};

/// Arbitrary JSON values a few levels deep.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Answers from (question, answer) pairs.
fn answers_of<const N: usize>(pairs: [(&str, Answer); N]) -> Answers {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn sample() -> Answers {
    answers_of([
        ("age", Answer::Number(64)),
        ("crc_liver", Answer::Yes),
        ("surgery", Answer::Choice("not_possible".into())),
        ("hep_b", Answer::NotSure),
    ])
}

/// A saved file of the current content version.
fn file(answers: &str) -> String {
    file_of(&TRIAL.content_version, answers)
}

/// A saved file written with content `version`.
fn file_of(version: &str, answers: &str) -> String {
    format!(
        r#"{{"format":"trial-self-check/answers","schema":1,"trial":"NCT07117435","content_version":"{version}","saved":"2026-11-25","answers":{answers}}}"#
    )
}

#[test]
fn round_trip_keeps_every_answer() {
    let json = to_json(&TRIAL, &sample(), "2026-11-25");
    let back = from_json(&json, &TRIAL).unwrap();
    assert_eq!(back.answers, sample());
    assert!(back.dropped.is_empty());
    assert_eq!(
        (back.content_version.as_str(), back.saved.as_str()),
        (TRIAL.content_version.as_str(), "2026-11-25")
    );
    assert!(
        json.contains(r#""age": {"#) && json.contains(r#""number": 64"#),
        "{json}"
    );
}

#[test]
fn the_written_file_is_standard_json_with_one_answer_per_line() {
    let json = to_json(&TRIAL, &sample(), "2026-11-25");
    let v: serde_json::Value = serde_json::from_str(&json).expect("standard JSON");
    assert_eq!(v["answers"]["surgery"]["choice"], "not_possible");
    assert_eq!(v["answers"]["hep_b"], "not_sure");
    assert_eq!(v["schema"], 1);
    assert!(json.contains("\n    \"crc_liver\": \"yes\""), "{json}");
    let empty = to_json(&TRIAL, &Answers::new(), "2026-11-25");
    assert!(from_json(&empty, &TRIAL).unwrap().answers.is_empty());
}

#[test]
fn numbers_beyond_f64_range_read_as_some_other_number() {
    assert_eq!(Json::parse("1e400"), Some(Json::Number(None)));
    assert!(serde_json::from_str::<serde_json::Value>("1e400").is_err());
    let got = from_json(&file(r#"{"age":{"number":1e400}}"#), &TRIAL).unwrap();
    assert_eq!(got.dropped.len(), 1);
}

#[test]
fn deeply_nested_input_is_refused_or_dropped_without_overflowing_the_stack() {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    refused(&deep, ImportError::NotJson);
    refused(&"{\"a\":".repeat(200_000), ImportError::NotJson);
    let nested = "[".repeat(100) + &"]".repeat(100);
    let got = from_json(&file(&format!(r#"{{"age":{nested}}}"#)), &TRIAL).unwrap();
    assert_eq!(got.dropped.len(), 1);
}

/// The one helper for refused inputs.
fn refused(text: &str, want: ImportError) {
    assert_eq!(from_json(text, &TRIAL).unwrap_err(), want, "{text:.80}");
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    refused("{ this is not json", ImportError::NotJson);
    refused("", ImportError::NotJson);
    refused("[1, 2, 3]", ImportError::NotAnswersFile);
    refused(
        r#"{"format":"something-else","schema":1}"#,
        ImportError::NotAnswersFile,
    );
    refused(&file("[]"), ImportError::NotAnswersFile);
    refused(
        &file("{}").replace("NCT07117435", "NCT01234567"),
        ImportError::OtherTrial {
            found: "NCT01234567".into(),
        },
    );
    refused(
        &file("{}").replace(r#""schema":1"#, r#""schema":2"#),
        ImportError::NewerSchema { found: 2 },
    );
    let huge = file(&format!(
        r#"{{"age":{{"number":64}}, "pad":"{}"}}"#,
        "x".repeat(MAX_BYTES)
    ));
    refused(&huge, ImportError::TooLarge { bytes: huge.len() });
}

/// What a file dropped, by question, in id order.
fn dropped(got: &Imported) -> Vec<(&str, &DropReason)> {
    let mut out: Vec<_> = got
        .dropped
        .iter()
        .map(|d| (d.question.as_str(), &d.reason))
        .collect();
    out.sort_by_key(|(q, _)| *q);
    out
}

#[test]
fn partly_valid_files_keep_the_valid_answers_and_list_the_rest() {
    let text = file(
        r#"{"age":{"number":64},"crc_liver":"yes","shoe_size":"yes","daily_activity":{"choice":"a9"},"periop_months":{"number":9999},"hep_b":{"number":3},"heart":"maybe"}"#,
    );
    let got = from_json(&text, &TRIAL).unwrap();
    assert_eq!(got.answers.len(), 2);
    assert_eq!(
        dropped(&got),
        [
            ("daily_activity", &DropReason::Invalid),
            ("heart", &DropReason::Invalid),
            ("hep_b", &DropReason::Invalid),
            ("periop_months", &DropReason::Invalid),
            ("shoe_size", &DropReason::UnknownQuestion),
        ]
    );
}

/// A file (or kept record) saved with content 1.0.0, before the questions of content 1.1.0
/// changed: answers with the same meaning are carried over, the others dropped as changed.
#[test]
fn answers_saved_with_1_0_0_are_mapped_where_the_meaning_is_the_same() {
    let text = file_of(
        "1.0.0",
        r#"{"age":{"number":64},"side_effects":"no","immunotherapy_advised":"yes","anti_egfr_advised":"no",
            "strong_interacting_medicines":"yes","immune":"yes","surgery":{"choice":"not_possible"},"hep_b":"yes","hbv_dna":{"choice":"below"},
            "syphilis":"not_sure","bleeding":"no","periop_treatment":"yes","heart":"no","msi":{"choice":"found"}}"#,
    );
    let got = from_json(&text, &TRIAL).unwrap();
    let choice = |id: &str| Answer::Choice(id.into());
    let want = answers_of([
        ("age", Answer::Number(64)),
        ("surgery", choice("not_possible")),
        ("side_effects", choice("none")),
        ("immunotherapy_advised", choice("suits")),
        ("hbv_dna", choice("below")),
        ("syphilis", Answer::NotSure),
        ("msi", choice("found")),
    ]);
    assert_eq!(got.answers, want);
    assert_eq!(
        dropped(&got),
        [
            ("anti_egfr_advised", &DropReason::Changed),
            // Split into three questions in 1.2.0.
            ("bleeding", &DropReason::UnknownQuestion),
            // A "no" was given before 1.3.0 listed an LVEF below 50 %.
            ("heart", &DropReason::Changed),
            ("hep_b", &DropReason::Changed),
            // A 1.0.0 "yes" was given before 1.1.0 said low blood counts after chemotherapy
            // ("免疫力差") do not count.
            ("immune", &DropReason::Changed),
            // 1.3.0 counts medicine before a planned operation that did not happen, and not
            // chemoradiation given after the spread.
            ("periop_treatment", &DropReason::Changed),
            ("strong_interacting_medicines", &DropReason::Changed),
        ]
    );
    // The same answers saved with 1.1.0 are read as they are: "no" is not a side-effects option.
    let now = from_json(&text.replace("1.0.0", "1.1.0"), &TRIAL).unwrap();
    assert!(
        now.dropped
            .iter()
            .any(|d| d.question == "side_effects" && d.reason == DropReason::Invalid)
    );
    // Read through every change: 1.0.0 → 1.1.0 → 1.2.0 → 1.3.0, each in its own version's words.
    assert_eq!(got.answers.get("side_effects"), Some(&choice("none")));
    // A version nobody can read counts as older than every change.
    let odd = from_json(&text.replace("1.0.0", "one"), &TRIAL).unwrap();
    assert_eq!(odd.answers, got.answers);
}

/// A file saved with content 1.1.0: answers whose question kept its meaning come through 1.2.0's
/// changes (a yes/no that became a choice included); the others are asked again.
#[test]
fn answers_saved_with_1_1_0_are_mapped_where_the_meaning_is_the_same() {
    let text = file_of(
        "1.1.0",
        r#"{"confirmed_sample":"no","treated_since_spread":"no","surgery":{"choice":"not_decided"},
            "daily_activity":{"choice":"a2"},"infection":"yes","blood_clot":"no","nerve_damage":"yes",
            "immune":"no","heart":"yes","bleeding":"no","hep_c":{"choice":"none"}}"#,
    );
    let got = from_json(&text, &TRIAL).unwrap();
    let choice = |id: &str| Answer::Choice(id.into());
    let want = answers_of([
        ("treated_since_spread", choice("none")),
        ("surgery", Answer::NotSure),
        ("infection", choice("yes")),
        ("hep_c", choice("none")),
    ]);
    assert_eq!(got.answers, want);
    assert_eq!(
        dropped(&got),
        [
            ("bleeding", &DropReason::UnknownQuestion),
            // 1.3.0 counts a mini-stroke (TIA).
            ("blood_clot", &DropReason::Changed),
            // "No" meant "not tested yet" to some; now "not yet" and "not from the bowel" differ.
            ("confirmed_sample", &DropReason::Changed),
            // "can't work" read as "no job" to a retired patient.
            ("daily_activity", &DropReason::Changed),
            // A block with a working pacemaker moved to the next question.
            ("heart", &DropReason::Changed),
            // 1.3.0 named more illnesses of the immune system.
            ("immune", &DropReason::Changed),
            // Joint pain no longer counts.
            ("nerve_damage", &DropReason::Changed),
        ]
    );
}

/// A file saved with content 1.2.1: what 1.3.0 asks in other words (a yes that now needs a
/// "when", a list that grew, an option that was split) is asked again; the rest reads as it was.
#[test]
fn answers_saved_with_1_2_1_are_mapped_where_the_meaning_is_the_same() {
    let text = file_of(
        "1.2.1",
        r#"{"could_have_children":"no","blood_clot":{"choice":"yes"},"bleeding_recent":{"choice":"no"},
            "heart":"no","heart_other":{"choice":"no"},"brain":{"choice":"yes_symptoms"},
            "bleeding_severe":{"choice":"yes"},"confirmed_sample":{"choice":"not_yet"},
            "nerve_damage":"no","immune":"yes","strong_interacting_medicines":{"choice":"must_keep"},
            "hep_c":{"choice":"none"}}"#,
    );
    let got = from_json(&text, &TRIAL).unwrap();
    let choice = |id: &str| Answer::Choice(id.into());
    let want = answers_of([
        // A yes/no that became a choice: "no" is still "no".
        ("could_have_children", choice("no")),
        ("heart_other", choice("no")),
        // Same words, same meaning.
        ("hep_c", choice("none")),
    ]);
    assert_eq!(got.answers, want);
    assert_eq!(
        dropped(&got),
        [
            // A bleed in the brain in the last 3 months moved here; "yes" now says when.
            ("bleeding_recent", &DropReason::Changed),
            // Now only bleeding that put a life in danger.
            ("bleeding_severe", &DropReason::Changed),
            // "Yes" now says when.
            ("blood_clot", &DropReason::Changed),
            // Meningeal spread became an option of its own.
            ("brain", &DropReason::Changed),
            // "Not yet, or I don't know": "I don't know" is now "Not sure".
            ("confirmed_sample", &DropReason::Changed),
            // The list now names an LVEF below 50 %.
            ("heart", &DropReason::Changed),
            // The list named fewer illnesses, and a transplant moved to its own question.
            ("immune", &DropReason::Changed),
            // Nerve pain is now named.
            ("nerve_damage", &DropReason::Changed),
            // "Must keep" was picked by patients only told not to stop a medicine; it now needs
            // a doctor to have said nothing can replace it.
            ("strong_interacting_medicines", &DropReason::Changed),
        ]
    );
}

#[test]
fn changes_list_what_an_import_would_change_in_question_order() {
    let mut incoming = sample();
    incoming.insert("age".into(), Answer::Number(65));
    incoming.remove("hep_b");
    incoming.insert("lung".into(), Answer::No);
    let c = changes(&TRIAL, &sample(), &incoming);
    let ids: Vec<&str> = c.iter().map(|c| c.question.as_str()).collect();
    assert_eq!(ids, ["age", "hep_b", "lung"]);
    assert_eq!(c[0].before, Some(Answer::Number(64)));
    assert_eq!(c[1].after, None);
}

/// Text that is often almost JSON: JSON's own characters, digits, letters of its words, escapes.
fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"",
                "\\",
                " ",
                "\n",
                "-",
                "+",
                ".",
                "e",
                "E",
                "0",
                "1",
                "9",
                "true",
                "false",
                "null",
                "\\u",
                "d83d",
                "de00",
                "00e9",
                "a",
                "é",
                "\u{1}",
                "\"k\":",
                "\"number\"",
                "18446744073709551616",
            ])
            .prop_map(str::to_string),
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// The same document, as serde_json reads it, in the reader's terms.
fn from_serde(v: &serde_json::Value) -> Json {
    match v {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Number(
            n.as_u64()
                .filter(|_| !n.to_string().contains(['.', 'e', 'E', '-'])),
        ),
        serde_json::Value::String(s) => Json::String(s.clone()),
        serde_json::Value::Array(a) => Json::Array(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(o) => {
            Json::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
        }
    }
}

proptest! {
    #![proptest_config(common::config(50_000))]

    /// The hand-written reader accepts exactly what serde_json accepts, and reads the same values,
    /// with one difference: a number beyond f64's range (`1e400`) is valid JSON that serde_json
    /// refuses; the reader reads it as "some other number", which no answer accepts (tested below).
    #[test]
    fn the_json_reader_agrees_with_serde_json(text in jsonish()) {
        let ours = Json::parse(&text);
        match serde_json::from_str::<serde_json::Value>(&text) {
            // serde_json stops at such a number; what follows it is not compared.
            Err(e) if e.to_string().starts_with("number out of range") => {}
            theirs => prop_assert_eq!(ours, theirs.ok().as_ref().map(from_serde), "{:?}", text),
        }
    }

    /// Every value serde_json writes, the reader reads back the same.
    #[test]
    fn the_json_reader_reads_what_serde_json_writes(v in json_value()) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        prop_assert_eq!(Json::parse(&text), Some(from_serde(&v)));
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = from_json(&text, &TRIAL);
    }

    #[test]
    fn arbitrary_answer_maps_never_panic_and_keep_only_valid_answers(
        entries in prop::collection::vec((
            prop::sample::select(vec!["age", "crc_liver", "surgery", "periop_months", "nope", "hep_b", "daily_activity"]),
            prop_oneof![
                Just("\"yes\"".to_string()), Just("\"not_sure\"".to_string()), Just("null".to_string()),
                any::<i64>().prop_map(|n| format!("{{\"number\":{n}}}")),
                "[a-z_0-9]{0,12}".prop_map(|s| format!("{{\"choice\":\"{s}\"}}")),
                any::<f64>().prop_map(|f| format!("{{\"number\":{f}}}")),
                "\\PC{0,20}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            ],
        ), 0..12)
    ) {
        let body = entries.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",");
        if let Ok(got) = from_json(&file(&format!("{{{body}}}")), &TRIAL) {
            for (id, a) in &got.answers {
                prop_assert!(TRIAL.question(id).unwrap().accepts(a));
            }
        }
    }
}
