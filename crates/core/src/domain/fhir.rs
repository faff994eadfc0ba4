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
//!
//! What a response says is read by one rule that a FHIRPath expression can also state, so each
//! criterion's published `patientPart` gives our verdict for any response (docs/fhir.md): the
//! questions are the response's top-level items, as the Questionnaire lists them; a question
//! answered more than once (two items, or two answers in one item) is not answered; the codes of
//! before 1.2.1 are read only in a response to a version before it.

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

/// `"key": "English", "_key": {zh-CN translation}`, as the Questionnaire writes its texts. The
/// widget holds only the languages it has loaded (a trial's other language is fetched when the
/// patient switches), and FHIR allows no empty string: a text without its English is written in
/// Chinese, and one without its Chinese has no translation.
fn text_pair(key: &str, text: &Text) -> String {
    if text.en.is_empty() || text.zh.is_empty() {
        let only = if text.en.is_empty() {
            &text.zh
        } else {
            &text.en
        };
        return format!("\"{key}\": {}", quote(only));
    }
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
    // Before 1.2.1 "not sure" was `UNK` (or `ASKU`) and every option was in one shared system;
    // a version that cannot be read counts as older than every change, as in `check_answers`.
    let old_codes = version_key(version).is_none_or(|v| v < OWN_CODES_SINCE);
    let given = collect_items(file, trial, old_codes);
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

/// The content version that gave each question its own code system and "not sure" its own code.
const OWN_CODES_SINCE: (u32, u32, u32) = (1, 2, 1);

/// What the response answers, as (linkId, answer; `None`: cannot be used). The questions are the
/// top-level items, since the Questionnaire lists every question at the top: a question's answer
/// is its one answered item's one answer, or "not sure" for an item with no answer and the
/// `asked-unknown` mark; items with neither were left unanswered and are skipped. A question with
/// two answered items, or two answers in its item, is not answered (`None`), whichever the
/// answers are: no answer wins over another. An answered item nested deeper is listed as not used
/// (`None`), never read. So the answer a criterion's FHIRPath reads is the one this keeps.
fn collect_items(file: &Json, trial: &Trial, old_codes: bool) -> Vec<(String, Option<Answer>)> {
    let mut out: Vec<(String, Option<Answer>)> = Vec::new();
    // Where each question's entry is in `out`: one entry per question, so a second answered item
    // is found without a search (a file of a million bytes holds tens of thousands of items).
    let mut at: Vec<Option<usize>> = vec![None; trial.questions.len()];
    for item in items(file) {
        if let Some((id, answer)) = answered(item, trial, old_codes) {
            match trial.questions.iter().position(|q| q.id == id) {
                Some(p) => match at[p] {
                    Some(first) => out[first].1 = None,
                    None => {
                        at[p] = Some(out.len());
                        out.push((id.to_string(), answer));
                    }
                },
                None => out.push((id.to_string(), answer)),
            }
        }
        nested(item, trial, &mut out, 1);
    }
    out
}

/// The `item` list of a response or an item (empty if it has none).
fn items(node: &Json) -> &[Json] {
    match node.get("item") {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// An answered item's linkId and answer: its one `answer` element read (`None` if that cannot be
/// read, or if the item has several), or "not sure" for no answer and the `asked-unknown` mark.
/// `None` for an item without either (not answered) or without a linkId.
fn answered<'j>(
    item: &'j Json,
    trial: &Trial,
    old_codes: bool,
) -> Option<(&'j str, Option<Answer>)> {
    let id = item.get("linkId").and_then(Json::as_str)?;
    let answer = match item.get("answer") {
        Some(Json::Array(answers)) => match answers.as_slice() {
            [one] => read_answer(one, &trial.id, id, old_codes),
            _ => None,
        },
        Some(_) => None,
        None => {
            let not_sure = matches!(item.get("extension"), Some(Json::Array(exts)) if exts.iter().any(|e|
                e.get("url").and_then(Json::as_str) == Some(DATA_ABSENT_REASON)
                    && e.get("valueCode").and_then(Json::as_str) == Some("asked-unknown")));
            return not_sure.then_some((id, Some(Answer::NotSure)));
        }
    };
    Some((id, answer))
}

/// Answered items below the top level, each listed as not used (`depth` bounds the recursion).
fn nested(node: &Json, trial: &Trial, out: &mut Vec<(String, Option<Answer>)>, depth: usize) {
    for item in items(node) {
        if let Some((id, _)) = answered(item, trial, false) {
            out.push((id.to_string(), None));
        }
        if depth < 8 {
            nested(item, trial, out, depth + 1);
        }
    }
}

/// One `answer` element to `question` as an [`Answer`]; which kind of question it fits is checked
/// later. With `old_codes` (a response to a version before 1.2.1), that time's codes read too:
/// `UNK` and `ASKU` as "not sure", and options in the one system all questions shared
/// (`{trial}-options`).
fn read_answer(answer: &Json, trial: &str, question: &str, old_codes: bool) -> Option<Answer> {
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
            "UNK" | "ASKU" if old_codes => Some(Answer::NotSure),
            _ => None,
        },
        NOT_SURE => (code == NOT_SURE_CODE).then_some(Answer::NotSure),
        system
            if system == answers_system(trial, question)
                || (old_codes && system == format!("{BASE}/CodeSystem/{trial}-options")) =>
        {
            Some(Answer::Choice(code.to_string()))
        }
        _ => None,
    }
}
