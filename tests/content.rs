//! The shipped content loads cleanly, and each kind of broken content is caught with a message
//! that names the culprit.
#![cfg(not(target_arch = "wasm32"))]

use trial_self_check::content::{
    NCT07117435_JSON, UI_JSON, load_trial, load_ui, shipped_trial, shipped_ui,
};
use trial_self_check::domain::model::{Answer, Answers, CriterionKind};

/// Two elements on one page share one decoded copy of the content.
#[test]
fn shipped_content_is_decoded_once() {
    let (a, b) = (shipped_trial("NCT07117435"), shipped_trial("nct07117435"));
    assert!(std::ptr::eq(a.unwrap(), b.unwrap()));
    assert!(std::ptr::eq(shipped_ui(), shipped_ui()));
}

#[test]
fn shipped_trial_loads_without_problems() {
    let trial = load_trial(NCT07117435_JSON).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(trial.id, "NCT07117435");
    assert!(shipped_trial("nct07117435").is_some());
    assert!(shipped_trial(" NCT07117435 ").is_some());
    assert!(shipped_trial("NCT00000000").is_none());
}

/// The widget embeds the content as blobs build.rs encodes; decoded, they must be exactly the
/// validated files, minus the reviewer-only fields (and decoding checks no byte is left over).
#[test]
fn the_content_the_widget_embeds_decodes_to_the_validated_files() {
    let mut full = load_trial(NCT07117435_JSON).unwrap();
    for c in &mut full.criteria {
        assert!(!c.registry.is_empty());
        c.registry.clear();
        c.rule_in_words = None;
        c.rules_out.clear();
        c.clauses.clear();
    }
    assert_eq!(*shipped_trial("NCT07117435").unwrap(), full);
    assert_eq!(*shipped_ui(), load_ui(UI_JSON).unwrap());
}

#[test]
fn shipped_interface_strings_load_without_problems() {
    load_ui(UI_JSON).unwrap_or_else(|e| panic!("{e:?}"));
}

#[test]
fn every_registry_criterion_is_traced() {
    let trial = load_trial(NCT07117435_JSON).unwrap();
    let mut want: Vec<String> = (1..=8).map(|i| format!("I{i}")).collect();
    want.extend(["I2.1", "I2.2", "I2.3"].map(String::from));
    want.extend((1..=17).map(|i| format!("E{i}")));
    for id in &want {
        let c = trial
            .criterion(id)
            .unwrap_or_else(|| panic!("criterion {id} is missing"));
        assert!(
            c.fits_when.is_some() || c.team_check.is_some(),
            "{id} is covered by nothing"
        );
        let expected = if id.starts_with('I') {
            CriterionKind::Inclusion
        } else {
            CriterionKind::Exclusion
        };
        assert_eq!(c.kind, expected, "{id}");
    }
    assert_eq!(
        trial.criteria.len(),
        want.len(),
        "unexpected extra criteria"
    );
    // E13's sub-items are all in its registry text.
    let e13 = trial.criterion("E13").unwrap();
    for item in [
        "Long QT",
        "atrioventricular",
        "arrhythmia",
        "NYHA",
        "valvular",
        "coronary",
        "hypertension",
        "LVEF",
    ] {
        assert!(e13.registry.contains(item), "E13 lacks {item}");
    }
}

#[test]
fn study_team_only_criteria_never_ask_the_patient() {
    let trial = load_trial(NCT07117435_JSON).unwrap();
    for id in ["I5", "I6", "I8", "E17", "I2.3"] {
        let c = trial.criterion(id).unwrap();
        assert!(
            c.fits_when.is_none() && c.team_check.is_some(),
            "{id} must be study-team only"
        );
    }
    for id in ["E1", "E2", "E3", "E4", "E5", "E13", "E15", "I2"] {
        let c = trial.criterion(id).unwrap();
        assert!(
            c.fits_when.is_some() && c.team_check.is_some(),
            "{id} needs both parts"
        );
    }
}

#[test]
fn skip_rules_gate_the_follow_up_questions() {
    let trial = load_trial(NCT07117435_JSON).unwrap();
    let gate = |id: &str| match &trial.question(id).unwrap().ask_when {
        Some(rule) => rule.questions().join(","),
        other => panic!("{id}: {other:?}"),
    };
    assert_eq!(gate("periop_months"), "periop_treatment");
    assert_eq!(gate("birth_control"), "could_have_children");
    assert_eq!(gate("hbv_dna"), "hep_b");
    // The follow-up that can settle the criterion is asked after "Not sure" too.
    let effective = |q: &str, a: Answer| {
        let answers = Answers::from([(q.to_string(), a)]);
        trial_self_check::domain::engine::asked_questions(&trial, &answers)
            .iter()
            .map(|q| q.id.clone())
            .collect::<Vec<_>>()
    };
    let choice = |id: &str| Answer::Choice(id.to_string());
    for (gate, follow, asked, skipped) in [
        (
            "could_have_children",
            "birth_control",
            choice("man"),
            choice("no"),
        ),
        (
            "could_have_children",
            "pregnant_now",
            choice("woman"),
            choice("man"),
        ),
        ("hep_b", "hbv_dna", Answer::Yes, Answer::No),
        ("periop_treatment", "periop_months", Answer::Yes, Answer::No),
    ] {
        assert!(
            effective(gate, asked).contains(&follow.to_string()),
            "{follow}"
        );
        assert!(
            effective(gate, Answer::NotSure).contains(&follow.to_string()),
            "{follow}"
        );
        assert!(
            !effective(gate, skipped).contains(&follow.to_string()),
            "{follow}"
        );
    }
}

#[test]
fn the_decisive_easy_questions_come_first() {
    let trial = load_trial(NCT07117435_JSON).unwrap();
    let ids: Vec<&str> = trial
        .questions
        .iter()
        .take(8)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "age",
            "crc_liver",
            "confirmed_sample",
            "surgery",
            "treated_since_spread",
            "periop_treatment",
            "periop_months",
            "daily_activity"
        ]
    );
}

/// Edits the shipped JSON with `edit`, loads it, and expects a problem containing `needle`.
fn broken(edit: impl FnOnce(&mut serde_json::Value), needle: &str) {
    let mut v: serde_json::Value = serde_json::from_str(NCT07117435_JSON).unwrap();
    edit(&mut v);
    let problems = load_trial(&v.to_string()).expect_err("broken content must not load");
    assert!(
        problems.iter().any(|p| p.0.contains(needle)),
        "expected a problem containing {needle:?}, got {problems:#?}"
    );
}

fn question<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["questions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["id"] == id)
        .unwrap()
}

fn criterion<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["criteria"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["id"] == id)
        .unwrap()
}

#[test]
fn unknown_question_id_is_named() {
    broken(
        |v| criterion(v, "I1")["fits_when"]["answer"]["question"] = "agee".into(),
        "criterion `I1` rule refers to unknown question `agee`",
    );
}

#[test]
fn missing_translation_is_named() {
    broken(
        |v| question(v, "hep_c")["text"]["zh-CN"] = "".into(),
        "question `hep_c`: missing zh-CN translation",
    );
    broken(
        |v| {
            question(v, "brain")["why"]
                .as_object_mut()
                .unwrap()
                .remove("en");
        },
        "question `brain` why-we-ask: missing English text",
    );
}

#[test]
fn criterion_covered_by_nothing_is_named() {
    broken(
        |v| {
            criterion(v, "I5")
                .as_object_mut()
                .unwrap()
                .remove("team_check");
        },
        "criterion `I5` is covered by nothing",
    );
}

#[test]
fn unreachable_question_is_named() {
    // Gate hbv_dna on an option no answer can give together with the gate being asked.
    broken(
        |v| question(v, "hbv_dna")["ask_when"] = serde_json::json!({"all": [{"answer": {"question": "hep_b", "is": "yes"}}, {"answer": {"question": "hep_b", "is": "no"}}]}),
        "question `hbv_dna` is unreachable",
    );
    broken(
        |v| {
            question(v, "age")["ask_when"] =
                serde_json::json!({"answer": {"question": "hep_b", "is": "yes"}})
        },
        "question `age` ask_when refers to question `hep_b`, which is not asked before it",
    );
}

#[test]
fn duplicate_option_is_named() {
    broken(
        |v| question(v, "surgery")["kind"]["choice"]["options"][1]["id"] = "not_possible".into(),
        "question `surgery` option `not_possible` is defined twice",
    );
}

#[test]
fn duplicate_question_and_unknown_glossary_and_unknown_option_are_named() {
    broken(
        |v| question(v, "lung")["id"] = "heart".into(),
        "question `heart` is defined twice",
    );
    broken(
        |v| question(v, "heart")["glossary"][0] = "nyhaa".into(),
        "unknown glossary entry `nyhaa`",
    );
    broken(
        |v| criterion(v, "I4")["fits_when"]["answer"]["one_of"][0] = "a9".into(),
        "unknown option `a9` of question `daily_activity`",
    );
    broken(
        |v| {
            criterion(v, "I1")["fits_when"]["answer"] =
                serde_json::json!({"question": "age", "is": "yes"})
        },
        "does not suit question `age`",
    );
}

#[test]
fn unused_question_is_named() {
    broken(
        |v| criterion(v, "E12")["fits_when"]["answer"]["question"] = "heart".into(),
        "question `lung` is not used by any criterion",
    );
}

#[test]
fn a_clause_that_covers_nothing_or_names_a_missing_audit_entry_is_named() {
    let clauses = |v: &mut serde_json::Value, id: &str, clauses: serde_json::Value| {
        criterion(v, id)["clauses"] = clauses
    };
    broken(
        |v| clauses(v, "I1", serde_json::json!([{"text": "gender not limited"}])),
        "criterion `I1` clause 1 (\"gender not limited\") says nothing of how it is covered",
    );
    for n in [0, 99] {
        broken(
            |v| {
                clauses(
                    v,
                    "I1",
                    serde_json::json!([{"text": "Age range", "does_not_fit": [n]}]),
                )
            },
            &format!(
                "criterion `I1` clause 1 (\"Age range\"): `does_not_fit` names `rules_out` entry {n}"
            ),
        );
    }
    broken(
        |v| clauses(v, "I1", serde_json::json!([{"text": " ", "team": ""}])),
        "criterion `I1` clause 1 (\"\"): empty `text`",
    );
    broken(
        |v| {
            clauses(
                v,
                "I1",
                serde_json::json!([{"text": "gender not limited", "team": " "}]),
            )
        },
        "criterion `I1` clause 1 (\"gender not limited\"): empty `team`",
    );
    broken(
        |v| {
            clauses(
                v,
                "I1",
                serde_json::json!([{"text": "gender not limited", "allows": ""}]),
            )
        },
        "criterion `I1` clause 1 (\"gender not limited\"): empty `allows`",
    );
    // A misspelt way of covering a clause is refused, not dropped.
    broken(
        |v| {
            clauses(
                v,
                "I1",
                serde_json::json!([{"text": "gender not limited", "alows": "x"}]),
            )
        },
        "unknown field `alows`",
    );
    broken(
        |v| {
            let long = "Age range: 18 - 75 years old (inclusive), gender not limited.";
            clauses(v, "I1", serde_json::json!([{"text": long}]))
        },
        "criterion `I1` clause 1 (\"Age range: 18 - 75 years…\") says nothing",
    );
}

#[test]
fn a_not_known_path_is_checked_like_a_rule() {
    let path = |v: &mut serde_json::Value, id: &str, when: serde_json::Value, why: &str| {
        criterion(v, id)["clauses"] =
            serde_json::json!([{"text": "words", "not_known": [{"when": when, "why": why}]}])
    };
    let why = "The investigators decide this, not the patient's answer.";
    broken(
        |v| {
            path(
                v,
                "I1",
                serde_json::json!({"answer": {"question": "agee", "at_least": 18}}),
                why,
            )
        },
        "criterion `I1` clause 1 (\"words\") not_known path 1 refers to unknown question `agee`",
    );
    broken(
        |v| {
            path(
                v,
                "I2",
                serde_json::json!({"answer": {"question": "surgery", "one_of": ["maybe"]}}),
                why,
            )
        },
        "criterion `I2` clause 1 (\"words\") not_known path 1 refers to unknown option `maybe` of question `surgery`",
    );
    broken(
        |v| {
            path(
                v,
                "I1",
                serde_json::json!({"answer": {"question": "age", "is": "yes"}}),
                why,
            )
        },
        "criterion `I1` clause 1 (\"words\") not_known path 1: the test Is(Yes) does not suit question `age`",
    );
    broken(
        |v| {
            path(
                v,
                "I1",
                serde_json::json!({"answer": {"question": "age", "is": "not_sure"}}),
                why,
            )
        },
        "criterion `I1` clause 1 (\"words\") not_known path 1: `is: not_sure` is for skip logic only",
    );
    broken(
        |v| {
            path(
                v,
                "I1",
                serde_json::json!({"answer": {"question": "age", "at_least": 76}}),
                "",
            )
        },
        "criterion `I1` clause 1 (\"words\") not_known path 1: empty `why`",
    );
    broken(
        |v| {
            path(
                v,
                "I5",
                serde_json::json!({"answer": {"question": "age", "at_least": 76}}),
                why,
            )
        },
        "criterion `I5` clause 1 (\"words\") not_known path 1: a criterion without a patient rule is never known from answers",
    );
}

#[test]
fn malformed_json_is_reported_not_panicked() {
    let problems = load_trial("{ not json").unwrap_err();
    assert!(
        problems[0].0.starts_with("trial file is not valid"),
        "{problems:?}"
    );
    let problems = load_ui(r#"{"start": {"en": "Start"}, "strat": {"en": "x"}}"#).unwrap_err();
    let all = format!("{problems:?}");
    assert!(
        all.contains("interface string `app_title` is missing"),
        "{all}"
    );
    assert!(
        all.contains("interface string `strat` is not used"),
        "{all}"
    );
}

#[test]
fn the_widget_never_says_eligible() {
    // It reports what answers suggest; only the study team decides eligibility.
    for (name, text) in [("trial.json", NCT07117435_JSON), ("ui.json", UI_JSON)] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut shown = Vec::new();
        collect_patient_strings(&v, &mut shown, false);
        for s in shown {
            let lower = s.to_lowercase();
            assert!(
                !lower.contains("eligible") && !s.contains("符合入组条件"),
                "{name}: {s}"
            );
        }
    }
}

/// Every string a patient can see: all strings except the verbatim registry text and the
/// reviewer-only rule descriptions (the audit, the clauses).
fn collect_patient_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>, skip: bool) {
    match v {
        serde_json::Value::String(s) if !skip => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_patient_strings(x, out, skip)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                // Everything under a reviewer-only field is skipped, not only its first level.
                collect_patient_strings(
                    x,
                    out,
                    skip || k == "registry"
                        || k == "rule_in_words"
                        || k == "registry_url"
                        || k == "rules_out"
                        || k == "clauses",
                );
            }
        }
        _ => {}
    }
}
