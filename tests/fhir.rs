//! The trial as a FHIR package (`fhir/package/`, the FHIR NPM package layout), generated from the
//! validated content by `fhir_package`: the Questionnaire (questions with their help, glossary and
//! skip logic, and every criterion with its patient part as a FHIRPath expression over the
//! QuestionnaireResponse), the code systems and value sets of its answers, and the definitions of
//! its two extensions. This test fails when a committed file is stale or left over; regenerate
//! them with `UPDATE_FHIR=1 cargo test --test fhir`.
//!
//! It also writes `target/fhir/cases.json`: for every patient story, seeded random answer sets,
//! responses with wrongly typed answers, and responses that answer hidden questions or a question
//! twice (`fhir_cases`), the QuestionnaireResponse with the verdict of every criterion and the
//! outcome from our engine, so `e2e/fhir.test.mjs` can check that HL7's FHIRPath engine agrees
//! and the validators can check the responses; and `target/fhir/example.json`, the same for a
//! small example trial with gates of gates.
#![cfg(not(target_arch = "wasm32"))]

// Only `every_answer` is used here; the rest serves the audit and the clause checks.
#[allow(dead_code)]
mod common {
    pub mod answers;
    pub mod trials;
}
mod fhir_cases;
mod fhir_package;

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use trial_self_check::content::{NCT07117435_JSON, UI_JSON, load_trial, load_ui};
use trial_self_check::domain::fhir::{
    BASE, DATA_ABSENT_REASON, NOT_SURE, NOT_SURE_CODE, Words, YES_NO, answers_system,
    questionnaire_url, response_json,
};
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::model::QuestionKind;
use trial_self_check::domain::{Answer, Answers, Outcome, Report, Trial, Verdict, evaluate_trial};

fn path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The date the content version was logged, from its heading in the trial's change log
/// (`## 1.2.1 (2026-12-02)`): the package's resources carry it as their `date`.
fn content_date(t: &Trial) -> String {
    let name = common::trials::change_log(&t.id);
    let log = std::fs::read_to_string(path(&name)).unwrap();
    let heading = format!("## {} (", t.content_version);
    let at = log.find(&heading).unwrap_or_else(|| {
        panic!("{name} has no entry `{heading}yyyy-mm-dd)` for this content version")
    });
    log[at + heading.len()..].chars().take(10).collect()
}

#[test]
fn the_packages_are_current() {
    // `fhir/package` for the first trial, `fhir/<ID>/package` for the others.
    for (t, _) in common::trials::shipped() {
        let dir = common::trials::per_trial(&t.id, "fhir/package", "fhir/{id}/package");
        package_is_current(&t, &path(&dir));
    }
}

fn package_is_current(t: &Trial, dir: &std::path::Path) {
    let files = fhir_package::files(t, &content_date(t));
    if std::env::var_os("UPDATE_FHIR").is_some() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
        for (name, value) in &files {
            let text = serde_json::to_string_pretty(value).unwrap() + "\n";
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, value) in &files {
        let fresh = serde_json::to_string_pretty(value).unwrap() + "\n";
        if std::fs::read_to_string(dir.join(name)).ok().as_ref() != Some(&fresh) {
            stale.push(name.clone());
        }
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !files.iter().any(|(n, _)| *n == name) {
            stale.push(format!("{name} (left over)"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} is stale ({stale:?}): run `UPDATE_FHIR=1 cargo test --test fhir`",
        dir.display()
    );
}

/// Every coding in the package, by system and code, with the displays it is given.
fn displays(v: &Value, out: &mut BTreeMap<(String, String), Vec<String>>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(system)), Some(Value::String(code))) =
                (m.get("system"), m.get("code"))
                && let Some(Value::String(display)) = m.get("display")
            {
                out.entry((system.clone(), code.clone()))
                    .or_default()
                    .push(display.clone());
            }
            m.values().for_each(|x| displays(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| displays(x, out)),
        _ => {}
    }
}

/// One meaning per code: wherever a (system, code) appears in the package, it has one display;
/// a code system of ours defines it with that display; HL7's codes carry HL7's displays; and each
/// question's answer options are exactly the codes of its value set.
#[test]
fn every_code_has_one_meaning_and_each_item_its_value_set() {
    let t = load_trial(NCT07117435_JSON).unwrap();
    let files = fhir_package::files(&t, "2026-01-01");
    let mut seen = BTreeMap::new();
    files.iter().for_each(|(_, v)| displays(v, &mut seen));
    let defined: BTreeMap<(String, String), String> = files
        .iter()
        .filter(|(_, r)| r["resourceType"] == "CodeSystem")
        .flat_map(|(_, r)| {
            r["concept"].as_array().unwrap().iter().map(|c| {
                let key = (
                    r["url"].as_str().unwrap().to_string(),
                    c["code"].as_str().unwrap().to_string(),
                );
                (key, c["display"].as_str().unwrap().to_string())
            })
        })
        .collect();
    let hl7 = |system: &str, code: &str| match (system, code) {
        ("http://terminology.hl7.org/CodeSystem/v2-0532", "Y") => Some("Yes"),
        ("http://terminology.hl7.org/CodeSystem/v2-0532", "N") => Some("No"),
        ("http://loinc.org", "30525-0") => Some("Age"),
        ("http://loinc.org", "89247-1") => Some("ECOG Performance Status score"),
        ("http://hl7.org/fhir/questionnaire-item-control", "help") => Some("Help-Button"),
        _ => None,
    };
    for ((system, code), shown) in &seen {
        let want = defined
            .get(&(system.clone(), code.clone()))
            .map(String::as_str)
            .or_else(|| hl7(system, code))
            .or((system == "http://unitsofmeasure.org").then_some(shown[0].as_str()))
            .unwrap_or_else(|| panic!("{system}#{code} is defined nowhere we know"));
        assert!(
            shown.iter().all(|d| d == want),
            "{system}#{code}: displays {shown:?}, defined as {want:?}"
        );
    }
    // The yes/no answers are not in a system of ours any more; "not sure" is.
    assert!(seen.contains_key(&(NOT_SURE.to_string(), NOT_SURE_CODE.to_string())));
    assert!(!seen.keys().any(|(_, code)| code == "UNK"));
    // Each coded item's options are its value set's codes, in order.
    let questionnaire = &files[0].1;
    for item in questionnaire["item"].as_array().unwrap() {
        let Some(options) = item["answerOption"].as_array() else {
            continue;
        };
        let id = item["linkId"].as_str().unwrap();
        let vs = files
            .iter()
            .find(|(_, r)| r["url"] == fhir_package::value_set_url(&t, id).as_str())
            .unwrap_or_else(|| panic!("no value set for {id}"));
        let listed: Vec<(String, String)> = vs.1["compose"]["include"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|inc| {
                inc["concept"].as_array().unwrap().iter().map(move |c| {
                    (
                        inc["system"].as_str().unwrap().to_string(),
                        c["code"].as_str().unwrap().to_string(),
                    )
                })
            })
            .collect();
        let offered: Vec<(String, String)> = options
            .iter()
            .map(|o| {
                let c = &o["valueCoding"];
                (
                    c["system"].as_str().unwrap().to_string(),
                    c["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(offered, listed, "{id}");
        if let Some(q) = t.question(id)
            && let QuestionKind::Choice { .. } = q.kind
        {
            assert!(
                offered[0].0 == answers_system(&t.id, id),
                "{id}: its own code system"
            );
        }
    }
}

/// Every story's answers (the `like` chain resolved), as the saved file reads them.
fn stories(t: &Trial) -> Vec<(String, Answers)> {
    let file: Value =
        serde_json::from_str(include_str!("../content/NCT07117435/stories.json")).unwrap();
    let mut resolved: Vec<(String, Map<String, Value>)> = Vec::new();
    for s in file["stories"].as_array().unwrap() {
        let mut answers = match s["like"].as_str() {
            Some(like) => resolved
                .iter()
                .find(|(id, _)| id == like)
                .unwrap()
                .1
                .clone(),
            None => Map::new(),
        };
        for (q, a) in s["answers"].as_object().unwrap() {
            match a {
                Value::Null => answers.remove(q),
                _ => answers.insert(q.clone(), a.clone()),
            };
        }
        resolved.push((s["id"].as_str().unwrap().to_string(), answers));
    }
    resolved
        .into_iter()
        .map(|(id, answers)| {
            let text = json!({ "format": "trial-self-check/answers", "schema": 1, "trial": t.id,
                "content_version": t.content_version, "saved": "2026-11-27", "answers": answers });
            let read = from_json(&text.to_string(), t).unwrap();
            (id, read.answers)
        })
        .collect()
}

/// Seeded answer sets that try every option, "not sure", skipped questions and numbers at and
/// beyond the boundaries (a small xorshift generator: the same sets every run).
fn random_answer_sets(t: &Trial, count: usize) -> Vec<(String, Answers)> {
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    (0..count)
        .map(|i| {
            let mut answers = Answers::new();
            for q in &t.questions {
                if next(6) == 0 {
                    continue; // left unanswered
                }
                let a = match &q.kind {
                    _ if next(5) == 0 => Answer::NotSure,
                    QuestionKind::YesNo => [Answer::Yes, Answer::No][next(2)].clone(),
                    QuestionKind::Choice { options } => {
                        Answer::Choice(options[next(options.len())].id.clone())
                    }
                    QuestionKind::Number { .. } => {
                        Answer::Number([0, 5, 6, 17, 18, 64, 75, 76, 120][next(9)])
                    }
                };
                answers.insert(q.id.clone(), a);
            }
            (format!("random-{i}"), answers)
        })
        .collect()
}

/// A small seeded generator: `next(n)` draws from `0..n`, the same draws every run.
fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

fn verdict_word(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Fits) => "fits",
        Some(Verdict::DoesNotFit) => "does-not-fit",
        Some(Verdict::Unknown) => "unknown",
        None => "team-only",
    }
}

/// The outcome as the cases file gives it, for the reader's rule in docs/fhir.md.
fn outcome_word(report: &Report) -> &'static str {
    match report.outcome {
        Outcome::LikelyFit => "likely-fit",
        Outcome::Possibly => "possibly",
        Outcome::NotAFit => "not-a-fit",
    }
}

/// Each criterion's verdict by id, as the cases file gives it (criteria only the team checks left out).
fn verdicts(report: &Report) -> Map<String, Value> {
    report
        .criteria
        .iter()
        .filter(|r| r.verdict.is_some())
        .map(|r| (r.criterion.id.clone(), json!(verdict_word(r.verdict))))
        .collect()
}

/// What the widget writes for every story and random set reads back as the answers that count,
/// and the cases for the FHIRPath check are written for the end-to-end suite.
#[test]
fn responses_round_trip_and_cases_are_written() {
    let t = load_trial(NCT07117435_JSON).unwrap();
    let ui = load_ui(UI_JSON).unwrap();
    let mut cases = Vec::new();
    let mut sets = stories(&t);
    sets.extend(random_answer_sets(&t, 300));
    let words = Words {
        yes: ui.yes(),
        no: ui.no(),
        not_sure: ui.not_sure(),
    };
    for (id, answers) in &sets {
        let text = response_json(&t, answers, "2026-11-27", &words);
        let response: Value = serde_json::from_str(&text).expect("the response is JSON");
        // Read back: exactly the answers that were asked and valid, nothing dropped.
        let back = from_json(&text, &t).expect("the widget reads its own response");
        assert!(back.dropped.is_empty(), "{id}: {:?}", back.dropped);
        let asked = trial_self_check::domain::engine::asked_questions(&t, answers);
        let given: Answers = asked
            .iter()
            .filter_map(|q| {
                let a = answers.get(&q.id).filter(|a| q.accepts(a))?;
                Some((q.id.clone(), a.clone()))
            })
            .collect();
        assert_eq!(back.answers, given, "{id}");
        let report = evaluate_trial(&t, answers);
        assert_eq!(
            evaluate_trial(&t, &back.answers),
            report,
            "{id}: the response decides the same"
        );
        let verdicts = verdicts(&report);
        let asked: Vec<&str> = asked.iter().map(|q| q.id.as_str()).collect();
        cases.push(
            json!({ "id": id, "response": response, "verdicts": verdicts,
            "outcome": outcome_word(&report), "asked": asked }),
        );
    }
    // Wrongly typed answers (as another tool might write them): a number as a string or a
    // Quantity, a coded answer as a string or a boolean. Our reader drops each such answer, so the
    // criteria it decides are not known; FHIRPath must say the same, not stop with an error.
    let wrong: [(&str, Value); 4] = [
        ("age-as-string", json!({ "valueString": "64" })),
        (
            "age-as-quantity",
            json!({ "valueQuantity": { "value": 64, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a" } }),
        ),
        ("coded-as-string", json!({ "valueString": "Y" })),
        ("coded-as-boolean", json!({ "valueBoolean": true })),
    ];
    let typical = &sets.iter().find(|(id, _)| id == "fit-typical").unwrap().1;
    for (name, value) in wrong {
        let text = response_json(&t, typical, "2026-11-27", &words);
        let mut response: Value = serde_json::from_str(&text).unwrap();
        for item in response["item"].as_array_mut().unwrap() {
            let is_age = item["linkId"] == "age";
            if is_age == name.starts_with("age") {
                item["answer"] = json!([value.clone()]);
            }
        }
        let back = from_json(&response.to_string(), &t).expect("read, with answers dropped");
        assert!(
            !back.dropped.is_empty(),
            "{name}: the wrongly typed answers are dropped"
        );
        let report = evaluate_trial(&t, &back.answers);
        let verdicts = verdicts(&report);
        assert!(
            verdicts.values().any(|v| v == "unknown"),
            "{name}: some criterion is not known"
        );
        cases.push(
            json!({ "id": name, "response": response, "verdicts": verdicts,
            "outcome": outcome_word(&report), "wrongly_typed": true }),
        );
    }
    // Responses no conformant writer sends: answers to hidden questions, and questions answered
    // twice, built on the answer sets our engine finds a likely fit (every criterion a patient
    // answers fits, so an answer read wrongly shows in a verdict) and on two seeded sets.
    let mut bases: Vec<&Answers> = sets
        .iter()
        .map(|(_, a)| a)
        .filter(|a| evaluate_trial(&t, a).outcome == Outcome::LikelyFit)
        .take(2)
        .collect();
    bases.extend(
        sets.iter()
            .filter(|(id, _)| id.starts_with("random-"))
            .map(|(_, a)| a)
            .take(2),
    );
    cases.extend(fhir_cases::hidden_answer_cases(&t, &bases, &words));
    // Every question twice on one likely fit and one seeded set (each question gives seven).
    let twice_bases = [bases[0], bases[bases.len() - 1]];
    cases.extend(fhir_cases::answered_twice_cases(&t, &twice_bases, &words));
    let out = path("target/fhir/cases.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&out, serde_json::to_string(&json!(cases)).unwrap()).unwrap();
}

#[test]
fn responses_for_other_questionnaires_or_newer_versions_are_refused() {
    use trial_self_check::domain::saved::ImportError;
    let t = load_trial(NCT07117435_JSON).unwrap();
    let response = |questionnaire: &str| {
        json!({ "resourceType": "QuestionnaireResponse", "questionnaire": questionnaire, "status": "completed",
            "authored": "2026-11-27", "item": [{ "linkId": "age", "answer": [{ "valueInteger": 64 }] }] })
        .to_string()
    };
    let url = questionnaire_url(&t.id);
    let ok = from_json(&response(&format!("{url}|1.0.0")), &t).unwrap();
    assert_eq!(ok.answers.get("age"), Some(&Answer::Number(64)));
    assert_eq!(ok.saved, "2026-11-27");
    assert!(matches!(
        from_json(
            &response("http://example.org/Questionnaire/other|1.0.0"),
            &t
        ),
        Err(ImportError::OtherTrial { .. })
    ));
    assert_eq!(
        from_json(&response(&format!("{url}|2.0.0")), &t),
        Err(ImportError::NewerSchema { found: 2 })
    );
    assert_eq!(
        from_json(r#"{"resourceType": "Patient"}"#, &t),
        Err(ImportError::NotAnswersFile)
    );
    // A number answered "not sure" is an item without a value and with a data-absent-reason.
    let unsure = json!({ "resourceType": "QuestionnaireResponse", "questionnaire": url, "status": "in-progress",
        "item": [{ "linkId": "age", "extension": [{ "url": DATA_ABSENT_REASON, "valueCode": "asked-unknown" }] },
                 { "linkId": "crc_liver" }] });
    let read = from_json(&unsure.to_string(), &t).unwrap();
    assert_eq!(read.answers.get("age"), Some(&Answer::NotSure));
    assert_eq!(
        read.answers.get("crc_liver"),
        None,
        "an item without an answer was not answered"
    );
}

/// A response downloaded before content 1.2.1 still opens: "not sure" as HL7's `UNK` (or `ASKU`),
/// and options in the one system every question then shared. The codes of 1.2.1 read the same;
/// an option in another question's system is not this question's answer.
#[test]
fn responses_written_before_1_2_1_open_with_the_same_answers() {
    let t = load_trial(NCT07117435_JSON).unwrap();
    let v2 = "http://terminology.hl7.org/CodeSystem/v2-0532";
    let old_options = format!(
        "http://trial-self-check.org/fhir/CodeSystem/{}-options",
        t.id
    );
    let coded = |link: &str, system: &str, code: &str| json!({ "linkId": link, "answer": [{ "valueCoding": { "system": system, "code": code } }] });
    let response = |items: Vec<Value>| {
        json!({ "resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": format!("{}|1.2.0", questionnaire_url(&t.id)), "item": items })
        .to_string()
    };
    let old = from_json(
        &response(vec![
            coded("crc_liver", v2, "UNK"),
            coded("hep_b", v2, "ASKU"),
            coded("surgery", &old_options, "not_possible"),
            coded("side_effects", &old_options, "none"),
        ]),
        &t,
    )
    .unwrap();
    let new = from_json(
        &response(vec![
            coded("crc_liver", NOT_SURE, NOT_SURE_CODE),
            coded("hep_b", NOT_SURE, NOT_SURE_CODE),
            coded("surgery", &answers_system(&t.id, "surgery"), "not_possible"),
            coded(
                "side_effects",
                &answers_system(&t.id, "side_effects"),
                "none",
            ),
        ]),
        &t,
    )
    .unwrap();
    assert!(old.dropped.is_empty() && new.dropped.is_empty());
    assert_eq!(old.answers, new.answers);
    assert_eq!(new.answers.get("crc_liver"), Some(&Answer::NotSure));
    assert_eq!(
        new.answers.get("side_effects"),
        Some(&Answer::Choice("none".into()))
    );
    let elsewhere = from_json(
        &response(vec![coded(
            "side_effects",
            &answers_system(&t.id, "hep_c"),
            "none",
        )]),
        &t,
    )
    .unwrap();
    assert_eq!(elsewhere.answers.get("side_effects"), None);
    assert_eq!(
        elsewhere.dropped.len(),
        1,
        "another question's code is dropped"
    );
}

/// The example's cases for `e2e/fhir.test.mjs` (`target/fhir/example.json`): its criteria's
/// FHIRPath, generated as the package's is, and responses (seeded sets with every answer given,
/// hidden or not, answers hidden by gates of gates, questions answered twice) with our engine's
/// verdicts, so fhirpath.js is checked on what the shipped content does not have yet.
#[test]
fn the_example_with_gates_of_gates_is_written() {
    let t = fhir_cases::example();
    let ui = load_ui(UI_JSON).unwrap();
    let words = Words {
        yes: ui.yes(),
        no: ui.no(),
        not_sure: ui.not_sure(),
    };
    let criteria: Vec<Value> = t
        .criteria
        .iter()
        .filter_map(|c| {
            let rule = c.fits_when.as_ref()?;
            Some(json!({ "id": c.id, "expression": fhir_package::fhirpath(rule, &t) }))
        })
        .collect();
    let open = fhir_cases::without_skip_logic(&t);
    let sets = random_answer_sets(&t, 300);
    let mut cases = Vec::new();
    for (id, answers) in &sets {
        let text = response_json(&open, answers, "2026-11-27", &words);
        let back = from_json(&text, &t).expect("read");
        assert!(back.dropped.is_empty(), "{id}: {:?}", back.dropped);
        let report = evaluate_trial(&t, &back.answers);
        assert_eq!(report, evaluate_trial(&t, answers), "{id}");
        let response: Value = serde_json::from_str(&text).unwrap();
        cases.push(
            json!({ "id": id, "response": response, "verdicts": verdicts(&report),
            "outcome": outcome_word(&report) }),
        );
    }
    // Its criteria read follow-ups of different branches, so no set fits them all: seeded sets
    // are the bases.
    let bases: Vec<&Answers> = sets.iter().map(|(_, a)| a).take(4).collect();
    cases.extend(fhir_cases::hidden_answer_cases(&t, &bases, &words));
    cases.extend(fhir_cases::answered_twice_cases(&t, &bases, &words));
    let out = path("target/fhir/example.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let file = json!({ "criteria": criteria, "cases": cases });
    std::fs::write(&out, serde_json::to_string(&file).unwrap()).unwrap();
}

/// How the reader reads a question answered more than once, or in a nested item, on the example
/// trial: not at all, listed as not a valid answer; the same answer given once is read. Codes of
/// before 1.2.1 (`UNK`, the shared options system) are read in a response to an older version
/// only: in a newer one they are not this questionnaire's codes.
#[test]
fn a_question_answered_twice_or_in_a_nested_item_is_not_read() {
    use trial_self_check::domain::saved::DropReason;
    let t = fhir_cases::example();
    let url = questionnaire_url(&t.id);
    let read = |version: &str, items: Value| {
        let r = json!({ "resourceType": "QuestionnaireResponse", "questionnaire": format!("{url}|{version}"),
            "status": "completed", "item": items });
        from_json(&r.to_string(), &t).unwrap()
    };
    let yes = json!({ "valueCoding": { "system": YES_NO, "code": "Y" } });
    let no = json!({ "valueCoding": { "system": YES_NO, "code": "N" } });
    let unsure_mark = json!([{ "url": DATA_ABSENT_REASON, "valueCode": "asked-unknown" }]);
    let invalid = |q: &str| trial_self_check::domain::saved::Dropped {
        question: q.into(),
        reason: DropReason::Invalid,
    };
    // Once: read.
    let once = read("2.0.0", json!([{ "linkId": "smokes", "answer": [yes] }]));
    assert_eq!(once.answers.get("smokes"), Some(&Answer::Yes));
    // Twice, whichever way and whatever the answers: not read, listed once.
    for items in [
        json!([{ "linkId": "smokes", "answer": [yes, no] }]),
        json!([{ "linkId": "smokes", "answer": [yes, yes] }]),
        json!([{ "linkId": "smokes", "answer": [yes] }, { "linkId": "smokes", "answer": [no] }]),
        json!([{ "linkId": "smokes", "answer": [yes] }, { "linkId": "smokes", "answer": [yes] }]),
        json!([{ "linkId": "smokes", "answer": [yes] }, { "linkId": "smokes", "extension": unsure_mark }]),
        json!([{ "linkId": "age", "answer": [{ "valueInteger": 40 }] }, { "linkId": "age", "answer": [{ "valueInteger": 40 }] },
               { "linkId": "age", "answer": [{ "valueInteger": 50 }] }]),
    ] {
        let twice = read("2.0.0", items.clone());
        assert!(twice.answers.is_empty(), "{items}");
        assert_eq!(twice.dropped.len(), 1, "{items}");
        assert!(
            matches!(twice.dropped[0].reason, DropReason::Invalid),
            "{items}"
        );
    }
    // An item without an answer or the mark was not answered, so it is no second answer.
    let with_blank = read(
        "2.0.0",
        json!([{ "linkId": "smokes", "answer": [yes] }, { "linkId": "smokes" }]),
    );
    assert_eq!(with_blank.answers.get("smokes"), Some(&Answer::Yes));
    assert!(with_blank.dropped.is_empty());
    // Nested below another item: listed, never read, and no second answer to the top-level one.
    let nested = read(
        "2.0.0",
        json!([{ "linkId": "smokes", "answer": [yes],
        "item": [{ "linkId": "age", "answer": [{ "valueInteger": 40 }] }, { "linkId": "smokes", "answer": [no] }] }]),
    );
    assert_eq!(nested.answers.get("smokes"), Some(&Answer::Yes));
    assert_eq!(nested.answers.get("age"), None);
    assert_eq!(nested.dropped, vec![invalid("age"), invalid("smokes")]);
    // Old codes: read for a version before 1.2.1, not after.
    let old = |version: &str| {
        read(
            version,
            json!([
                { "linkId": "smokes", "answer": [{ "valueCoding": { "system": YES_NO, "code": "UNK" } }] },
                { "linkId": "packs", "answer": [{ "valueCoding": { "system": format!("{BASE}/CodeSystem/{}-options", t.id), "code": "few" } }] },
            ]),
        )
    };
    let before = old("1.2.0");
    assert_eq!(before.answers.get("smokes"), Some(&Answer::NotSure));
    assert_eq!(
        before.answers.get("packs"),
        Some(&Answer::Choice("few".into()))
    );
    let since = old("1.2.1");
    assert!(since.answers.is_empty());
    assert_eq!(since.dropped, vec![invalid("smokes"), invalid("packs")]);
}
