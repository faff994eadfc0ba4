//! FHIR R4 for a patient's answers: the QuestionnaireResponse the widget writes for the study team
//! ("Download for the study team") and reads back ("Open saved answers"). It points at the
//! Questionnaire that `tests/fhir.rs` generates from the same content, with the same URLs and codes
//! (defined here, once).
//!
//! How answers are coded, one meaning per code: yes and no as HL7 table 0532 (`Y`, `N`); a choice
//! as its option id in that question's own code system (`answers_system`); "not sure" as
//! `not-sure` in the project's `NOT_SURE` system, whose display is the patient's "Not sure" (HL7's
//! `UNK` displays "unknown"); a number as `valueInteger`, and "not sure" to a number as the item
//! with no answer and a `data-absent-reason` of `asked-unknown`. Responses written before content
//! 1.2.1 (`UNK`, one shared options system) are still read. Only questions that were asked and
//! answered are written: no name, no identifier, no answer to a question that skip logic hides
//! (FHIR's own rule for disabled items).

use super::engine::asked_questions;
use super::imported::{ImportError, Imported, check_answers};
use super::json::{Json, quote};
use super::model::{Answer, Answers, QuestionKind, Text, Trial, version_key};

/// The project's canonical base: URLs under it name the project's FHIR artefacts (they identify,
/// and need not resolve).
pub const BASE: &str = "http://trial-self-check.org/fhir";
/// HL7 v2 table 0532, "expanded yes/no indicator".
pub const YES_NO: &str = "http://terminology.hl7.org/CodeSystem/v2-0532";
/// Marks a number answered "not sure" (no value, for a known reason).
pub const DATA_ABSENT_REASON: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

/// The Questionnaire's canonical URL; a response names it as `url|version`.
pub fn questionnaire_url(trial: &str) -> String {
    format!("{BASE}/Questionnaire/{trial}")
}

/// "Not sure": asked, and the person does not know (HL7 v2-0532 `UNK` means the same, but its
/// display, "unknown", is not what the patient chose).
pub const NOT_SURE: &str = "http://trial-self-check.org/fhir/CodeSystem/not-sure";
/// The one code of [`NOT_SURE`].
pub const NOT_SURE_CODE: &str = "not-sure";

/// The code system of one choice question's options: each question has its own, so a code has
/// one meaning (`none` is "None" for one question and "No" for another). FHIR ids allow no `_`.
pub fn answers_system(trial: &str, question: &str) -> String {
    format!("{BASE}/CodeSystem/{trial}-{}", question.replace('_', "-"))
}

/// The interface's words for yes, no and not sure.
pub struct Words<'a> {
    pub yes: &'a Text,
    pub no: &'a Text,
    pub not_sure: &'a Text,
}

/// `"key": "English", "_key": {zh-CN translation}`, as the Questionnaire writes its texts.
fn text_pair(key: &str, text: &Text) -> String {
    format!(
        "\"{key}\": {}, \"_{key}\": {{\"extension\": [{{\"url\": \"http://hl7.org/fhir/StructureDefinition/translation\", \"extension\": [{{\"url\": \"lang\", \"valueCode\": \"zh-CN\"}}, {{\"url\": \"content\", \"valueString\": {}}}]}}]}}",
        quote(&text.en),
        quote(&text.zh)
    )
}

/// The QuestionnaireResponse for `answers`, dated `authored` (yyyy-mm-dd). Question texts and
/// answer displays are the Questionnaire's own, English with the Chinese as a translation,
/// whichever language the patient used: tools match answers to the Questionnaire's options, and a
/// reader gets both. `completed` when every question asked has an answer, else `in-progress`.
pub fn response_json(trial: &Trial, answers: &Answers, authored: &str, words: &Words) -> String {
    let asked = asked_questions(trial, answers);
    // Items written one after another (no `join`: see docs/size.md, rule 7).
    let mut items = String::new();
    for q in &asked {
        let Some(a) = answers.get(&q.id).filter(|a| q.accepts(a)) else {
            continue;
        };
        let coding = |system: &str, code: &str, display: &Text| {
            format!(
                "{{\"valueCoding\": {{\"system\": {}, \"code\": {}, {}}}}}",
                quote(system),
                quote(code),
                text_pair("display", display)
            )
        };
        let answer = match (&q.kind, a) {
            (QuestionKind::Number { .. }, Answer::NotSure) => None,
            (_, Answer::NotSure) => Some(coding(NOT_SURE, NOT_SURE_CODE, words.not_sure)),
            (QuestionKind::Number { .. }, Answer::Number(n)) => {
                Some(format!("{{\"valueInteger\": {n}}}"))
            }
            (QuestionKind::Choice { options }, Answer::Choice(id)) => {
                // `accepts` has checked the option exists.
                let Some(option) = options.iter().find(|o| &o.id == id) else {
                    continue;
                };
                Some(coding(&answers_system(&trial.id, &q.id), id, &option.label))
            }
            (_, Answer::Yes) => Some(coding(YES_NO, "Y", words.yes)),
            _ => Some(coding(YES_NO, "N", words.no)),
        };
        let body = match answer {
            Some(answer) => format!("\"answer\": [{answer}]"),
            None => format!(
                "\"extension\": [{{\"url\": {}, \"valueCode\": \"asked-unknown\"}}]",
                quote(DATA_ABSENT_REASON)
            ),
        };
        if !items.is_empty() {
            items.push_str(",\n");
        }
        items.push_str(&format!(
            "    {{\"linkId\": {}, {}, {body}}}",
            quote(&q.id),
            text_pair("text", &q.text)
        ));
    }
    let complete = asked
        .iter()
        .all(|q| answers.get(&q.id).is_some_and(|a| q.accepts(a)));
    format!(
        "{{\n  \"resourceType\": \"QuestionnaireResponse\",\n  \"language\": \"en\",\n  \"questionnaire\": {},\n  \"status\": {},\n  \"authored\": {},\n  \"item\": [\n{}\n  ]\n}}\n",
        quote(&format!(
            "{}|{}",
            questionnaire_url(&trial.id),
            trial.content_version
        )),
        quote(if complete { "completed" } else { "in-progress" }),
        quote(authored),
        items
    )
}

/// Reads a QuestionnaireResponse for this trial's Questionnaire, any version with the same major
/// number or an older one (answers of older versions are mapped as a saved file's are). A response
/// to another questionnaire is refused, naming it; one to a newer major version is refused too.
pub fn read_response(file: &Json, trial: &Trial) -> Result<Imported, ImportError> {
    if file.get("resourceType").and_then(Json::as_str) != Some("QuestionnaireResponse") {
        return Err(ImportError::NotAnswersFile);
    }
    let canonical = file
        .get("questionnaire")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let (url, version) = canonical.split_once('|').unwrap_or((canonical, ""));
    if url != questionnaire_url(&trial.id) {
        return Err(ImportError::OtherTrial {
            found: url.chars().take(80).collect(),
        });
    }
    let major = |v: &str| version_key(v).map(|(major, ..)| major);
    if let (Some(found), Some(ours)) = (major(version), major(&trial.content_version))
        && found > ours
    {
        return Err(ImportError::NewerSchema {
            found: u64::from(found),
        });
    }
    let mut given = Vec::new();
    collect_items(file, trial, &mut given, 0);
    let (answers, dropped) = check_answers(given, trial, version);
    let authored = file
        .get("authored")
        .and_then(Json::as_str)
        .unwrap_or_default();
    Ok(Imported {
        answers,
        dropped,
        content_version: version.chars().take(40).collect(),
        saved: authored.chars().take(10).collect(),
    })
}

/// Every answered item, at any depth (as FHIRPath's `repeat(item)` finds them): its linkId and
/// its answer (`None` if it cannot be read as one). Items with neither answer nor "not sure" mark
/// are questions left unanswered, and are skipped.
fn collect_items(
    node: &Json,
    trial: &Trial,
    out: &mut Vec<(String, Option<Answer>)>,
    depth: usize,
) {
    let Some(Json::Array(items)) = node.get("item") else {
        return;
    };
    for item in items {
        if depth < 8 {
            collect_items(item, trial, out, depth + 1);
        }
        let Some(id) = item.get("linkId").and_then(Json::as_str) else {
            continue;
        };
        let not_sure = matches!(item.get("extension"), Some(Json::Array(exts)) if exts.iter().any(|e|
            e.get("url").and_then(Json::as_str) == Some(DATA_ABSENT_REASON)
                && e.get("valueCode").and_then(Json::as_str) == Some("asked-unknown")));
        let answer = match item.get("answer") {
            Some(Json::Array(answers)) => match answers.as_slice() {
                [one] => Some(read_answer(one, &trial.id, id)),
                _ => Some(None),
            },
            Some(_) => Some(None),
            None => not_sure.then_some(Some(Answer::NotSure)),
        };
        if let Some(answer) = answer {
            out.push((id.to_string(), answer));
        }
    }
}

/// One `answer` element to `question` as an [`Answer`]; which kind of question it fits is checked
/// later. Codes of responses written before 1.2.1 read too: `UNK`, and options in the one system
/// all questions shared (`{trial}-options`).
fn read_answer(answer: &Json, trial: &str, question: &str) -> Option<Answer> {
    if let Some(n) = answer.get("valueInteger").and_then(Json::as_u64) {
        return u32::try_from(n).ok().map(Answer::Number);
    }
    let coding = answer.get("valueCoding")?;
    let text = |k: &str| coding.get(k).and_then(Json::as_str);
    let code = text("code")?;
    match text("system")? {
        YES_NO => match code {
            "Y" => Some(Answer::Yes),
            "N" => Some(Answer::No),
            "UNK" | "ASKU" => Some(Answer::NotSure),
            _ => None,
        },
        NOT_SURE => (code == NOT_SURE_CODE).then_some(Answer::NotSure),
        system
            if system == answers_system(trial, question)
                || system == format!("{BASE}/CodeSystem/{trial}-options") =>
        {
            Some(Answer::Choice(code.to_string()))
        }
        _ => None,
    }
}
