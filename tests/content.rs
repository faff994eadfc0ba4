//! The shipped content loads cleanly, and each kind of broken content is caught with a message
//! that names the culprit.
#![cfg(not(target_arch = "wasm32"))]

use trial_self_check::content::decode::TrialFileError;
use trial_self_check::content::encode::{TRIAL_FORMAT, trial_file};
use trial_self_check::content::{
    LoadError, NCT07117435_JSON, UI_JSON, add_trial_file, add_trial_json, has_language, load_trial,
    load_ui, loaded_trial, shipped_ui,
};
use trial_self_check::domain::Lang;
use trial_self_check::domain::model::{Answer, Answers, CriterionKind};

/// Two elements on one page share one decoded copy of the content.
#[test]
fn loaded_content_is_decoded_once() {
    add_trial_json(NCT07117435_JSON).unwrap();
    let (a, b) = (loaded_trial("NCT07117435"), loaded_trial("nct07117435"));
    assert!(std::ptr::eq(a.unwrap(), b.unwrap()));
    assert!(std::ptr::eq(shipped_ui(), shipped_ui()));
}

#[test]
fn shipped_trial_loads_without_problems() {
    let trial = load_trial(NCT07117435_JSON).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(trial.id, "NCT07117435");
    add_trial_json(NCT07117435_JSON).unwrap();
    assert!(loaded_trial("nct07117435").is_some());
    assert!(loaded_trial(" NCT07117435 ").is_some());
    assert!(loaded_trial("NCT00000000").is_none());
}

/// The trial as the widget reads it from its files: the validated file less its reviewer-only
/// fields.
fn as_shipped() -> trial_self_check::domain::Trial {
    let mut full = load_trial(NCT07117435_JSON).unwrap();
    for c in &mut full.criteria {
        assert!(!c.registry.is_empty());
        c.registry.clear();
        c.rule_in_words = None;
        c.rules_out.clear();
        c.clauses.clear();
    }
    full
}

/// The widget reads a trial from its files, one language at a time; decoded, they must be
/// exactly the validated file, minus the reviewer-only fields (decoding checks no byte is left
/// over), and the first language's texts must be there before the second's is fetched.
#[test]
fn the_trial_files_decode_to_the_validated_file_one_language_at_a_time() {
    let full = as_shipped();
    let zh = add_trial_file("NCT07117435", trial_file(&full, Lang::Zh)).unwrap();
    assert!(has_language("NCT07117435", Lang::Zh) && !has_language("NCT07117435", Lang::En));
    assert_eq!(zh.questions[0].text.en, "");
    assert_eq!(zh.questions[0].text.zh, full.questions[0].text.zh);
    let both = add_trial_file("nct07117435", trial_file(&full, Lang::En)).unwrap();
    assert_eq!(*both, full);
    assert!(std::ptr::eq(loaded_trial("NCT07117435").unwrap(), both));
    assert_eq!(*shipped_ui(), load_ui(UI_JSON).unwrap());
}

/// Every bad trial file is refused with its reason, and nothing is loaded: another file at its
/// address, a file of another format, a file cut short or with bytes added, another trial's file.
#[test]
fn a_bad_trial_file_is_refused_with_its_reason() {
    let full = as_shipped();
    let good = trial_file(&full, Lang::En);
    let refused = |bytes: Vec<u8>| add_trial_file("NCT07117435", bytes).unwrap_err();
    assert_eq!(
        refused(b"<!doctype html><p>Not found".to_vec()),
        LoadError::File(TrialFileError::NotATrialFile)
    );
    let mut newer = good.clone();
    newer[4] = (TRIAL_FORMAT + 1) as u8;
    assert_eq!(
        refused(newer),
        LoadError::File(TrialFileError::OtherFormat(TRIAL_FORMAT + 1))
    );
    for cut in [10, good.len() / 2, good.len() - 1] {
        assert_eq!(
            refused(good[..cut].to_vec()),
            LoadError::File(TrialFileError::Damaged),
            "cut at {cut}"
        );
    }
    let mut longer = good.clone();
    longer.push(b'x');
    assert_eq!(refused(longer), LoadError::File(TrialFileError::Damaged));
    let mut other = full.clone();
    other.id = "NCT00000001".into();
    assert_eq!(
        refused(trial_file(&other, Lang::En)),
        LoadError::OtherTrial {
            found: "NCT00000001".into()
        }
    );
    // Nothing refused was loaded; the whole file is taken.
    assert!(loaded_trial("NCT07117435").is_none());
    add_trial_file("NCT07117435", good).unwrap();
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

/// Every "zh-CN" text removed from a trial file.
fn without_chinese(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("zh-CN");
            map.values_mut().for_each(without_chinese);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_chinese),
        _ => {}
    }
}

/// A trial written in English only (`languages: ["en"]`) needs no Chinese text and gets no
/// language switch; one that lists Chinese (or lists nothing: both is the default) needs every
/// text in both; English is always first.
#[test]
fn an_english_only_trial_needs_no_chinese_and_a_bilingual_one_does() {
    let mut v: serde_json::Value = serde_json::from_str(NCT07117435_JSON).unwrap();
    without_chinese(&mut v);
    let missing = load_trial(&v.to_string()).unwrap_err();
    assert!(
        missing
            .iter()
            .any(|e| e.0.contains("missing zh-CN translation")),
        "{missing:?}"
    );
    v["languages"] = serde_json::json!(["en"]);
    let english = load_trial(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(english.languages, [Lang::En]);
    assert_eq!(
        english.language(Lang::Zh),
        Lang::En,
        "shown in English when Chinese is asked for"
    );
    for wrong in [
        serde_json::json!(["zh-CN"]),
        serde_json::json!([]),
        serde_json::json!(["en", "en"]),
    ] {
        v["languages"] = wrong.clone();
        let problems = load_trial(&v.to_string()).unwrap_err();
        assert!(
            problems.iter().any(|e| e.0.contains("`languages` must be")),
            "{wrong}: {problems:?}"
        );
    }
    assert_eq!(
        load_trial(NCT07117435_JSON).unwrap().languages,
        [Lang::En, Lang::Zh]
    );
}
