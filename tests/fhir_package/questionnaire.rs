//! The Questionnaire: every question with its options, help, glossary and skip logic, and every
//! criterion with its patient part as a FHIRPath expression over the QuestionnaireResponse.

use super::{coding, counts_as_unknown_url, criterion_url, narrative, put_text, translation};
use serde_json::{Map, Value, json};
use trial_self_check::content::{UI_JSON, load_ui};
use trial_self_check::domain::fhir::{
    DATA_ABSENT_REASON, NOT_SURE, NOT_SURE_CODE, YES_NO, answers_system, questionnaire_url,
};
use trial_self_check::domain::model::{
    Condition, CriterionKind, Question, QuestionKind, Reply, Test, Text, Trial,
};

const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

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

/// What question `q`'s top-level items say, one element per answer, as the widget's reader
/// counts them (`domain::fhir`): each `answer` of an item, or for an item without one its
/// `data-absent-reason` `asked-unknown` mark ("not sure" to a number). Items with neither were
/// left unanswered and give nothing. Top-level only, as the Questionnaire lists every question
/// there: `repeat(item)` would merge identical items (FHIRPath's `repeat` drops repeats), and
/// two identical items are an answer given twice.
fn said(q: &str) -> String {
    format!(
        "%resource.item.where(linkId = '{q}').select(iif(answer.exists(), answer, extension.where(url = '{DATA_ABSENT_REASON}' and value.ofType(code) = 'asked-unknown').first()))"
    )
}

/// Question `q`'s answer that counts, as our engine's `effective_answers` keeps it: empty unless
/// the question is asked (its `ask_when` fits on the answers that count to earlier questions, so
/// a gate's own gate is read too) and it was answered exactly once. An answer to a question skip
/// logic hides is ignored, as is a question answered twice (two items, or two answers in one):
/// neither may decide, and no expression then meets more than one answer.
fn counted(q: &Question, t: &Trial) -> String {
    let said = said(&q.id);
    match &q.ask_when {
        None => format!("iif({said}.count() = 1, {said}, {{}})"),
        Some(rule) => format!(
            "iif(({}) and {said}.count() = 1, {said}, {{}})",
            fhirpath(rule, t)
        ),
    }
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

/// `('a' | 'b')` as a FHIRPath collection of strings; `{}` (the empty collection) for none.
fn strings<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = ids.into_iter().map(|id| format!("'{id}'")).collect();
    if parts.is_empty() {
        return "{}".into();
    }
    format!("({})", parts.join(" | "))
}

/// On one counted answer (`$this`): whether it is an answer that decides something, of the
/// question's kind (`Y` or `N`; an option that does not count as unknown; a number in range).
fn decides(q: &Question, t: &Trial) -> String {
    match &q.kind {
        QuestionKind::YesNo => {
            format!(
                "value.ofType(Coding).where(system = '{YES_NO}' and code in ('Y' | 'N')).exists()"
            )
        }
        QuestionKind::Choice { options } => {
            let deciding = options
                .iter()
                .filter(|o| !o.counts_as_unknown)
                .map(|o| o.id.as_str());
            format!(
                "value.ofType(Coding).where(system = '{}' and code in {}).exists()",
                answers_system(&t.id, &q.id),
                strings(deciding)
            )
        }
        QuestionKind::Number { min, max, .. } => {
            format!("value.ofType(integer).where($this >= {min} and $this <= {max}).exists()")
        }
    }
}

/// On one counted answer (`$this`): whether it says "not sure": the `not-sure` code, an option
/// that counts as unknown, or the `asked-unknown` mark.
fn unsure(q: &Question, t: &Trial) -> String {
    let mut codes = format!("(system = '{NOT_SURE}' and code = '{NOT_SURE_CODE}')");
    if unknown_options(q).next().is_some() {
        codes.push_str(&format!(
            " or (system = '{}' and code in {})",
            answers_system(&t.id, &q.id),
            strings(unknown_options(q))
        ));
    }
    format!(
        "value.ofType(code).where($this = 'asked-unknown').exists() or value.ofType(Coding).where({codes}).exists()"
    )
}

/// A condition as FHIRPath over the QuestionnaireResponse: `true` (fits), `false` (does not fit)
/// or empty (unknown), our engine's verdict for any response. Each question is read through
/// [`counted`] (asked, answered once), and an answer only where it decides something: "not
/// sure", an option that counts as unknown, a number out of the question's range and a code of
/// another system read as empty, as our engine ignores them. So does an answer of the wrong type
/// (a string or a Quantity where a number belongs): `ofType` keeps only the type the question
/// defines. No part meets more than one answer, so no operator raises an error. FHIRPath's `and`,
/// `or` and `not()` treat empty as our Kleene logic treats unknown.
pub fn fhirpath(c: &Condition, t: &Trial) -> String {
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
            let answer = counted(q, t);
            let coded = format!("{answer}.value.ofType(Coding)");
            match (&q.kind, &at.test) {
                // Fits for "not sure" (or an option that counts as unknown), does not fit for an
                // answer that decides something, unknown (empty) for none or any other.
                (_, Test::Is(Reply::NotSure)) => format!(
                    "{answer}.select(iif({}, true, iif({}, false, {{}})))",
                    unsure(q, t),
                    decides(q, t)
                ),
                (QuestionKind::YesNo, Test::Is(want)) => {
                    let code = if *want == Reply::Yes { "Y" } else { "N" };
                    format!(
                        "{coded}.where(system = '{YES_NO}' and code in ('Y' | 'N')).code = '{code}'"
                    )
                }
                (QuestionKind::Choice { options }, Test::OneOf(ids)) => {
                    let deciding = options
                        .iter()
                        .filter(|o| !o.counts_as_unknown)
                        .map(|o| o.id.as_str());
                    format!(
                        "{coded}.where(system = '{}' and code in {}).code in {}",
                        answers_system(&t.id, &q.id),
                        strings(deciding),
                        strings(ids.iter().map(String::as_str))
                    )
                }
                (QuestionKind::Number { min, max, .. }, test) => {
                    let n = format!(
                        "{answer}.value.ofType(integer).where($this >= {min} and $this <= {max})"
                    );
                    match test {
                        Test::AtLeast(lo) => format!("{n} >= {lo}"),
                        Test::AtMost(hi) => format!("{n} <= {hi}"),
                        Test::Between(lo, hi) => {
                            format!("{n}.select($this >= {lo} and $this <= {hi})")
                        }
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
                    "answerCoding": { "system": NOT_SURE, "code": NOT_SURE_CODE } }))
                .chain(unknown_options(q).map(|id| {
                    json!({ "question": q.id, "operator": "=",
                        "answerCoding": { "system": answers_system(&t.id, &q.id), "code": id } })
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
                            "answerCoding": { "system": answers_system(&t.id, &q.id), "code": id } })
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

/// Standard codes for the questions that ask exactly what one means, so an EHR can file the
/// answer: LOINC 30525-0 "Age", and 89247-1 "ECOG Performance Status score" (the daily-activity
/// question's five options are ECOG grades 0 to 4 in the patient's words). No other question
/// has a LOINC code that means what it asks (they ask whether a doctor said something, or about
/// a history), and none is invented.
const ITEM_CODES: [(&str, &str, &str); 2] = [
    ("age", "30525-0", "Age"),
    ("daily_activity", "89247-1", "ECOG Performance Status score"),
];

fn question_item(q: &Question, t: &Trial, words: &[Text; 3]) -> Value {
    let [yes, no, not_sure] = words;
    let mut item = Map::new();
    item.insert("linkId".into(), json!(q.id));
    if let Some((_, code, display)) = ITEM_CODES.iter().find(|(id, ..)| *id == q.id) {
        item.insert(
            "code".into(),
            json!([{ "system": "http://loinc.org", "code": code, "display": display }]),
        );
    }
    put_text(&mut item, "text", &q.text);
    let not_sure_option = json!({ "valueCoding": coding(NOT_SURE, NOT_SURE_CODE, not_sure) });
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
                        json!({ "valueCoding": coding(&answers_system(&t.id, &q.id), &o.id, &o.label) });
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
            if !unit.zh.is_empty() {
                unit_coding["_display"] = translation(&unit.zh);
            }
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
                // A trial in English only has no Chinese line to add.
                if line.is_empty() {
                    continue;
                }
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
            zh: match g.term.zh.is_empty() {
                true => String::new(),
                false => format!("{}：{}", g.term.zh, g.definition.zh),
            },
        };
        children.push(display(format!("{}.glossary.{}", q.id, g.id), text, true));
    }
    item.insert("item".into(), json!(children));
    Value::Object(item)
}

fn criterion_extension(c: &trial_self_check::domain::model::Criterion, t: &Trial) -> Value {
    let text = |url: &str, text: &Text| match text.zh.is_empty() {
        true => json!({ "url": url, "valueString": text.en }),
        false => {
            json!({ "url": url, "valueString": text.en, "_valueString": translation(&text.zh) })
        }
    };
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

/// The Questionnaire, dated `date` (the content version's entry in the change log).
pub fn questionnaire(t: &Trial, date: &str) -> Value {
    assert!(
        ITEM_CODES.iter().all(|(id, ..)| t.question(id).is_some()),
        "a coded question is missing"
    );
    let ui = load_ui(UI_JSON).expect("interface strings load");
    let words = [ui.yes().clone(), ui.no().clone(), ui.not_sure().clone()];
    let mut q = Map::new();
    q.insert("resourceType".into(), json!("Questionnaire"));
    q.insert("id".into(), json!(t.id));
    let questions: Vec<String> = t
        .questions
        .iter()
        .map(|x| format!("{} ({})", x.text.en, x.id))
        .collect();
    let about: Vec<String> = t.about.iter().map(|p| p.en.clone()).collect();
    q.insert("text".into(), narrative(&t.title.en, &about, &questions));
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
    q.insert(
        "identifier".into(),
        json!([{ "system": "https://clinicaltrials.gov", "value": t.id }]),
    );
    q.insert("version".into(), json!(t.content_version));
    q.insert(
        "name".into(),
        json!(format!("TrialSelfCheck{}", t.id.replace('-', ""))),
    );
    put_text(&mut q, "title", &t.title);
    q.insert("status".into(), json!("active"));
    q.insert("date".into(), json!(date));
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
