//! The trial as a FHIR R4 Questionnaire (`fhir/NCT07117435.questionnaire.json`), generated from the
//! validated content: questions with their help, glossary and skip logic, and every criterion with
//! its patient part as a FHIRPath expression over the QuestionnaireResponse. This test fails when
//! the committed file is stale; regenerate it with `UPDATE_FHIR=1 cargo test --test fhir`.
//!
//! It also writes `target/fhir/cases.json`: for every patient story and for seeded random answer
//! sets, the QuestionnaireResponse the widget would write and the verdict of every criterion from
//! our engine, so `e2e/fhir.test.mjs` can check that HL7's FHIRPath engine agrees, and
//! `tests/fhir_validate.py` can validate the responses.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Map, Value, json};
use trial_self_check::content::{NCT07117435_JSON, UI_JSON, load_trial, load_ui};
use trial_self_check::domain::fhir::{
    BASE, DATA_ABSENT_REASON, Words, YES_NO, options_system, questionnaire_url, response_json,
};
use trial_self_check::domain::import::from_json;
use trial_self_check::domain::model::{
    Condition, CriterionKind, Question, QuestionKind, Reply, Test, Text,
};
use trial_self_check::domain::{Answer, Answers, Trial, Verdict, evaluate_trial};

const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

/// The project's extension for one eligibility criterion (documented in the README).
fn criterion_url() -> String {
    format!("{BASE}/StructureDefinition/eligibility-criterion")
}

/// The project's extension on an answer option that means "not decided yet" (evaluates as unknown).
fn counts_as_unknown_url() -> String {
    format!("{BASE}/StructureDefinition/counts-as-unknown")
}

fn translation(zh: &str) -> Value {
    json!({ "extension": [{
        "url": TRANSLATION,
        "extension": [{ "url": "lang", "valueCode": "zh-CN" }, { "url": "content", "valueString": zh }],
    }] })
}

/// Puts `text` under `key` (English) and its Chinese under `_key`, as FHIR writes a translation.
fn put_text(obj: &mut Map<String, Value>, key: &str, text: &Text) {
    obj.insert(key.into(), json!(text.en));
    obj.insert(format!("_{key}"), translation(&text.zh));
}

fn coding(system: &str, code: &str, display: &Text) -> Value {
    let mut c = Map::new();
    c.insert("system".into(), json!(system));
    c.insert("code".into(), json!(code));
    put_text(&mut c, "display", display);
    Value::Object(c)
}

/// A display child of a question: help ("why we ask", "where to find", glossary) or plain text.
fn display(link_id: String, text: Text, help: bool) -> Value {
    let mut item = Map::new();
    item.insert("linkId".into(), json!(link_id));
    put_text(&mut item, "text", &text);
    item.insert("type".into(), json!("display"));
    if help {
        item.insert(
            "extension".into(),
            json!([{ "url": ITEM_CONTROL, "valueCodeableConcept": { "coding": [{
                "system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help", "display": "Help-Button",
            }] } }]),
        );
    }
    Value::Object(item)
}

/// The answer value of question `q` in the response, as FHIRPath reads it.
fn value_of(q: &str) -> String {
    format!("%resource.repeat(item).where(linkId='{q}').answer.value")
}

/// The ids of `q`'s options that count as unknown (none for other kinds).
fn unknown_options(q: &Question) -> impl Iterator<Item = &str> {
    let options = match &q.kind {
        QuestionKind::Choice { options } => options.as_slice(),
        _ => &[],
    };
    options
        .iter()
        .filter(|o| o.counts_as_unknown)
        .map(|o| o.id.as_str())
}

/// The codes that answer `q` with "not sure": `UNK`, and its options that count as unknown.
fn unsure_codes(q: &Question) -> Vec<&str> {
    std::iter::once("UNK").chain(unknown_options(q)).collect()
}

/// `'a' | 'b'` as a FHIRPath collection of strings.
fn strings<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = ids.into_iter().map(|id| format!("'{id}'")).collect();
    format!("({})", parts.join(" | "))
}

/// A condition as FHIRPath over the QuestionnaireResponse: `true` (fits), `false` (does not fit)
/// or empty (unknown). An answer is read only when it is one that decides something: "not sure",
/// an option that counts as unknown, or a number out of the question's range is filtered out, so
/// it reads as empty, exactly as our engine ignores it. FHIRPath's `and`, `or` and `not()` treat
/// empty as our Kleene logic treats unknown.
fn fhirpath(c: &Condition, t: &Trial) -> String {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            let op = if matches!(c, Condition::All(_)) {
                " and "
            } else {
                " or "
            };
            let parts: Vec<String> = cs.iter().map(|c| format!("({})", fhirpath(c, t))).collect();
            parts.join(op)
        }
        Condition::Not(c) => format!("({}).not()", fhirpath(c, t)),
        Condition::Answer(at) => {
            let q = t.question(&at.question).expect("validated");
            let v = value_of(&q.id);
            match (&q.kind, &at.test) {
                (_, Test::Is(Reply::NotSure)) => {
                    // Fits for "not sure" (or an option that counts as unknown), does not fit for
                    // any other answer, unknown (empty) when there is none.
                    format!(
                        "iif({v}.exists(), {v}.where(code in {}).exists(), {{}})",
                        strings(unsure_codes(q))
                    )
                }
                (QuestionKind::YesNo, Test::Is(want)) => {
                    let code = if *want == Reply::Yes { "Y" } else { "N" };
                    format!(
                        "{v}.where(system = '{YES_NO}' and code in ('Y' | 'N')).code = '{code}'"
                    )
                }
                (QuestionKind::Choice { options }, Test::OneOf(ids)) => {
                    let deciding = options
                        .iter()
                        .filter(|o| !o.counts_as_unknown)
                        .map(|o| o.id.as_str());
                    format!(
                        "{v}.where(system = '{}' and code in {}).code in {}",
                        options_system(&t.id),
                        strings(deciding),
                        strings(ids.iter().map(String::as_str))
                    )
                }
                (QuestionKind::Number { min, max, .. }, test) => {
                    let n = format!("{v}.where($this >= {min} and $this <= {max})");
                    match test {
                        Test::AtLeast(lo) => format!("{n} >= {lo}"),
                        Test::AtMost(hi) => format!("{n} <= {hi}"),
                        Test::Between(lo, hi) => format!("({n} >= {lo}) and ({n} <= {hi})"),
                        _ => panic!("validated: a number test"),
                    }
                }
                _ => panic!("validated: the test suits the question"),
            }
        }
    }
}

/// `enableWhen` items for a skip rule they can say exactly: one answer test, or an `all` / `any`
/// of them, on yes/no and choice answers that decide something. `None`: use an expression.
fn enable_when(c: &Condition, t: &Trial) -> Option<(Vec<Value>, &'static str)> {
    let one = |c: &Condition| -> Option<Vec<Value>> {
        let Condition::Answer(at) = c else {
            return None;
        };
        let q = t.question(&at.question)?;
        match (&q.kind, &at.test) {
            (_, Test::Is(Reply::NotSure)) => Some(
                std::iter::once(json!({ "question": q.id, "operator": "=",
                    "answerCoding": { "system": YES_NO, "code": "UNK" } }))
                .chain(unknown_options(q).map(|id| {
                    json!({ "question": q.id, "operator": "=",
                        "answerCoding": { "system": options_system(&t.id), "code": id } })
                }))
                .collect(),
            ),
            (QuestionKind::YesNo, Test::Is(want)) => {
                let code = if *want == Reply::Yes { "Y" } else { "N" };
                Some(vec![json!({ "question": q.id, "operator": "=",
                    "answerCoding": { "system": YES_NO, "code": code } })])
            }
            (QuestionKind::Choice { options }, Test::OneOf(ids)) => ids
                .iter()
                .map(|id| {
                    let o = options.iter().find(|o| &o.id == id)?;
                    (!o.counts_as_unknown).then(|| {
                        json!({ "question": q.id, "operator": "=",
                            "answerCoding": { "system": options_system(&t.id), "code": id } })
                    })
                })
                .collect(),
            _ => None,
        }
    };
    match c {
        Condition::Answer(_) => {
            let items = one(c)?;
            let behaviour = if items.len() > 1 { "any" } else { "all" };
            Some((items, behaviour))
        }
        Condition::All(cs) => {
            let parts: Option<Vec<Vec<Value>>> = cs.iter().map(one).collect();
            let parts = parts?;
            // `all` over one test each; a one-of with several options inside an `all` cannot be said.
            parts
                .iter()
                .all(|p| p.len() == 1)
                .then(|| (parts.into_iter().flatten().collect(), "all"))
        }
        Condition::Any(cs) => {
            let parts: Option<Vec<Vec<Value>>> = cs.iter().map(one).collect();
            Some((parts?.into_iter().flatten().collect(), "any"))
        }
        Condition::Not(_) => None,
    }
}

fn unit_code(unit: &Text) -> &'static str {
    match unit.en.as_str() {
        "years" => "a",
        "months" => "mo",
        other => panic!("no UCUM code for the unit {other}"),
    }
}

fn question_item(q: &Question, t: &Trial, words: &[Text; 3]) -> Value {
    let [yes, no, not_sure] = words;
    let mut item = Map::new();
    item.insert("linkId".into(), json!(q.id));
    put_text(&mut item, "text", &q.text);
    let not_sure_option = json!({ "valueCoding": coding(YES_NO, "UNK", not_sure) });
    match &q.kind {
        QuestionKind::YesNo => {
            item.insert("type".into(), json!("choice"));
            item.insert(
                "answerOption".into(),
                json!([
                    { "valueCoding": coding(YES_NO, "Y", yes) },
                    { "valueCoding": coding(YES_NO, "N", no) },
                    not_sure_option,
                ]),
            );
        }
        QuestionKind::Choice { options } => {
            item.insert("type".into(), json!("choice"));
            let mut list: Vec<Value> = options
                .iter()
                .map(|o| {
                    let mut option =
                        json!({ "valueCoding": coding(&options_system(&t.id), &o.id, &o.label) });
                    if o.counts_as_unknown {
                        option["extension"] =
                            json!([{ "url": counts_as_unknown_url(), "valueBoolean": true }]);
                    }
                    option
                })
                .collect();
            list.push(not_sure_option);
            item.insert("answerOption".into(), json!(list));
        }
        QuestionKind::Number { min, max, unit } => {
            item.insert("type".into(), json!("integer"));
            let mut unit_coding =
                json!({ "system": "http://unitsofmeasure.org", "code": unit_code(unit) });
            unit_coding["display"] = json!(unit.en);
            unit_coding["_display"] = translation(&unit.zh);
            item.insert(
                "extension".into(),
                json!([
                    { "url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": min },
                    { "url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": max },
                    { "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unit", "valueCoding": unit_coding },
                ]),
            );
        }
    }
    if let Some(rule) = &q.ask_when {
        match enable_when(rule, t) {
            Some((items, behaviour)) => {
                if items.len() > 1 {
                    item.insert("enableBehavior".into(), json!(behaviour));
                }
                item.insert("enableWhen".into(), json!(items));
            }
            None => {
                let mut ext = item
                    .remove("extension")
                    .and_then(|v| v.as_array().cloned())
                    .unwrap_or_default();
                ext.push(json!({ "url": ENABLE_WHEN_EXPRESSION, "valueExpression": {
                    "language": "text/fhirpath",
                    "expression": format!("iif({}, true, false)", fhirpath(rule, t)),
                } }));
                item.insert("extension".into(), json!(ext));
            }
        }
    }
    // Help: the hint (with its list) as text under the question; "why we ask", "where to find"
    // and the glossary as help.
    let mut children = Vec::new();
    if q.hint.is_some() || !q.list.is_empty() {
        let mut text = q.hint.clone().unwrap_or_default();
        for item in &q.list {
            for (into, line) in [(&mut text.en, &item.en), (&mut text.zh, &item.zh)] {
                if !into.is_empty() {
                    into.push('\n');
                }
                into.push_str(&format!("• {line}"));
            }
        }
        children.push(display(format!("{}.hint", q.id), text, false));
    }
    children.push(display(format!("{}.why", q.id), q.why.clone(), true));
    children.push(display(
        format!("{}.where", q.id),
        q.where_to_find.clone(),
        true,
    ));
    for g in q.glossary.iter().filter_map(|g| t.glossary_entry(g)) {
        let text = Text {
            en: format!("{}: {}", g.term.en, g.definition.en),
            zh: format!("{}：{}", g.term.zh, g.definition.zh),
        };
        children.push(display(format!("{}.glossary.{}", q.id, g.id), text, true));
    }
    item.insert("item".into(), json!(children));
    Value::Object(item)
}

fn criterion_extension(c: &trial_self_check::domain::model::Criterion, t: &Trial) -> Value {
    let text = |url: &str, text: &Text| json!({ "url": url, "valueString": text.en, "_valueString": translation(&text.zh) });
    let mut parts = vec![
        json!({ "url": "id", "valueString": c.id }),
        json!({ "url": "kind", "valueCode": match c.kind {
            CriterionKind::Inclusion => "inclusion",
            CriterionKind::Exclusion => "exclusion",
        } }),
        json!({ "url": "registryText", "valueString": c.registry }),
        text("summary", &c.summary),
    ];
    if let Some(rule) = &c.fits_when {
        parts.push(json!({ "url": "patientPart", "valueExpression": {
            "language": "text/fhirpath", "expression": fhirpath(rule, t),
        } }));
        if let Some(words) = &c.rule_in_words {
            parts.push(json!({ "url": "ruleInWords", "valueString": words }));
        }
    }
    if let Some(ask) = &c.ask_doctor {
        parts.push(text("askDoctor", ask));
    }
    if let Some(team) = &c.team_check {
        parts.push(text("teamCheck", team));
    }
    json!({ "url": criterion_url(), "extension": parts })
}

fn questionnaire(t: &Trial) -> Value {
    let ui = load_ui(UI_JSON).expect("interface strings load");
    let words = [ui.yes().clone(), ui.no().clone(), ui.not_sure().clone()];
    let mut q = Map::new();
    q.insert("resourceType".into(), json!("Questionnaire"));
    q.insert("id".into(), json!(t.id));
    q.insert(
        "extension".into(),
        json!(
            t.criteria
                .iter()
                .map(|c| criterion_extension(c, t))
                .collect::<Vec<_>>()
        ),
    );
    q.insert("language".into(), json!("en"));
    q.insert("url".into(), json!(questionnaire_url(&t.id)));
    q.insert("version".into(), json!(t.content_version));
    q.insert(
        "name".into(),
        json!(format!("TrialSelfCheck{}", t.id.replace('-', ""))),
    );
    put_text(&mut q, "title", &t.title);
    q.insert("status".into(), json!("active"));
    q.insert("subjectType".into(), json!(["Patient"]));
    q.insert("publisher".into(), json!("trial-self-check"));
    let about = Text {
        en: t
            .about
            .iter()
            .map(|p| p.en.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        zh: t
            .about
            .iter()
            .map(|p| p.zh.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    put_text(&mut q, "description", &about);
    q.insert(
        "item".into(),
        json!(
            t.questions
                .iter()
                .map(|x| question_item(x, t, &words))
                .collect::<Vec<_>>()
        ),
    );
    Value::Object(q)
}

fn path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn questionnaire_is_current() {
    let t = load_trial(NCT07117435_JSON).unwrap();
    let fresh = serde_json::to_string_pretty(&questionnaire(&t)).unwrap() + "\n";
    let file = path("fhir/NCT07117435.questionnaire.json");
    if std::env::var_os("UPDATE_FHIR").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == fresh,
        "fhir/NCT07117435.questionnaire.json is stale: run `UPDATE_FHIR=1 cargo test --test fhir`"
    );
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
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
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

fn verdict_word(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Fits) => "fits",
        Some(Verdict::DoesNotFit) => "does-not-fit",
        Some(Verdict::Unknown) => "unknown",
        None => "team-only",
    }
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
        let verdicts: Map<String, Value> = report
            .criteria
            .iter()
            .filter(|r| r.verdict.is_some())
            .map(|r| (r.criterion.id.clone(), json!(verdict_word(r.verdict))))
            .collect();
        let asked: Vec<&str> = asked.iter().map(|q| q.id.as_str()).collect();
        cases.push(json!({ "id": id, "response": response, "verdicts": verdicts, "asked": asked }));
    }
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
