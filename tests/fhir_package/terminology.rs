//! The code systems and value sets of the answers: one code system per choice question (so a
//! code has one meaning: `none` is "None" for one question and "No" for another), one for "not
//! sure" (whose display is the patient's words; HL7's `UNK` displays "unknown"), and one value set
//! per coded question: exactly the codes its `answerOption`s list (a test checks they agree).

use super::{Names, header, narrative};
use serde_json::{Value, json};
use trial_self_check::content::{UI_JSON, load_ui};
use trial_self_check::domain::fhir::{BASE, NOT_SURE, NOT_SURE_CODE, YES_NO, answers_system};
use trial_self_check::domain::model::{QuestionKind, Text, Trial};

/// A concept: its code, the patient's words as display, the Chinese as a designation.
fn concept(code: &str, label: &Text, definition: Option<&str>) -> Value {
    let mut c = json!({ "code": code, "display": label.en });
    if let Some(d) = definition {
        c["definition"] = json!(d);
    }
    // A trial in English only has no Chinese designation.
    if !label.zh.is_empty() {
        c["designation"] = json!([{ "language": "zh-CN", "value": label.zh }]);
    }
    c
}

fn pascal(id: &str) -> String {
    id.split(['_', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The id of a question's CodeSystem and ValueSet: the last segment of the core's system URL,
/// so the URL's rule (FHIR ids allow no `_`) lives in one place.
fn fhir_id(t: &Trial, question: &str) -> String {
    let system = answers_system(&t.id, question);
    system.rsplit('/').next().unwrap_or(&system).to_owned()
}

pub fn code_systems(t: &Trial, date: &str) -> Vec<Value> {
    let ui = load_ui(UI_JSON).expect("interface strings load");
    let definition = "Asked, and the person answering does not know. The same meaning as HL7 v2 \
        table 0532 `UNK`, whose display (\"unknown\") is not the words the patient chose. A trial's \
        rules read this answer as not known: it never rules anyone in or out.";
    let names = Names {
        resource_type: "CodeSystem",
        id: "not-sure",
        url: NOT_SURE,
        name: "NotSure",
        title: "Not sure",
    };
    let text = narrative(
        "Not sure",
        &[definition.to_string()],
        &[format!("{NOT_SURE_CODE}: {}", ui.not_sure().en)],
    );
    let mut not_sure = header(&names, text, t, date);
    not_sure.insert("description".into(), json!(definition));
    not_sure.insert("caseSensitive".into(), json!(true));
    not_sure.insert("content".into(), json!("complete"));
    not_sure.insert("count".into(), json!(1));
    not_sure.insert(
        "concept".into(),
        json!([concept(NOT_SURE_CODE, ui.not_sure(), Some(definition))]),
    );
    let mut all = vec![Value::Object(not_sure)];
    for q in &t.questions {
        let QuestionKind::Choice { options } = &q.kind else {
            continue;
        };
        let title = format!("Answers to \"{}\" ({})", q.text.en, q.id);
        let description = format!(
            "The options of question `{}` of the {} questionnaire, in the patient's words (Chinese as designations). A code here means this question's answer and nothing else.",
            q.id, t.id
        );
        let list: Vec<String> = options
            .iter()
            .map(|o| format!("{}: {}", o.id, o.label.en))
            .collect();
        let names = Names {
            resource_type: "CodeSystem",
            id: &fhir_id(t, &q.id),
            url: &answers_system(&t.id, &q.id),
            name: &format!("{}{}Answers", t.id, pascal(&q.id)),
            title: &title,
        };
        let text = narrative(&title, std::slice::from_ref(&description), &list);
        let mut cs = header(&names, text, t, date);
        cs.insert("description".into(), json!(description));
        cs.insert("caseSensitive".into(), json!(true));
        cs.insert("content".into(), json!("complete"));
        cs.insert("count".into(), json!(options.len()));
        cs.insert(
            "concept".into(),
            json!(
                options
                    .iter()
                    .map(|o| concept(&o.id, &o.label, None))
                    .collect::<Vec<_>>()
            ),
        );
        all.push(Value::Object(cs));
    }
    all
}

/// The canonical URL of the value set a question's answers come from.
pub fn value_set_url(t: &Trial, question: &str) -> String {
    format!("{BASE}/ValueSet/{}", fhir_id(t, question))
}

pub fn value_sets(t: &Trial, date: &str) -> Vec<Value> {
    let ui = load_ui(UI_JSON).expect("interface strings load");
    let not_sure = json!({ "system": NOT_SURE, "concept": [{ "code": NOT_SURE_CODE, "display": ui.not_sure().en }] });
    t.questions
        .iter()
        .filter_map(|q| {
            let (include, list) = match &q.kind {
                QuestionKind::Number { .. } => return None,
                QuestionKind::YesNo => (
                    json!([
                        { "system": YES_NO, "concept": [
                            { "code": "Y", "display": "Yes" }, { "code": "N", "display": "No" },
                        ] },
                        not_sure,
                    ]),
                    vec![
                        format!("{YES_NO}#Y: Yes"),
                        format!("{YES_NO}#N: No"),
                        format!("{NOT_SURE}#{NOT_SURE_CODE}: {}", ui.not_sure().en),
                    ],
                ),
                QuestionKind::Choice { options } => {
                    let system = answers_system(&t.id, &q.id);
                    let mut list: Vec<String> = options
                        .iter()
                        .map(|o| format!("{system}#{}: {}", o.id, o.label.en))
                        .collect();
                    list.push(format!("{NOT_SURE}#{NOT_SURE_CODE}: {}", ui.not_sure().en));
                    (
                        json!([
                            { "system": system, "concept": options.iter()
                                .map(|o| json!({ "code": o.id, "display": o.label.en }))
                                .collect::<Vec<_>>() },
                            not_sure,
                        ]),
                        list,
                    )
                }
            };
            let title = format!("Answers to {} of {}", q.id, t.id);
            let description = format!(
                "Every answer question `{}` (\"{}\") accepts: the codes its answerOptions list.",
                q.id, q.text.en
            );
            let names = Names {
                resource_type: "ValueSet",
                id: &fhir_id(t, &q.id),
                url: &value_set_url(t, &q.id),
                name: &format!("{}{}", t.id, pascal(&q.id)),
                title: &title,
            };
            let text = narrative(&title, std::slice::from_ref(&description), &list);
            let mut vs = header(&names, text, t, date);
            vs.insert("description".into(), json!(description));
            vs.insert("immutable".into(), json!(true));
            vs.insert("compose".into(), json!({ "include": include }));
            Some(Value::Object(vs))
        })
        .collect()
}
