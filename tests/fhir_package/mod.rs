//! The FHIR package under `fhir/package/` (the FHIR NPM package layout), generated from the
//! validated content: the Questionnaire, the code systems of its answers, the value sets of its
//! items, and the definitions of the project's two extensions. `tests/fhir.rs` fails when the
//! committed files differ from these.

mod extensions;
mod questionnaire;
mod terminology;

pub use questionnaire::{fhirpath, questionnaire};
pub use terminology::value_set_url;

use serde_json::{Map, Value, json};
use trial_self_check::domain::fhir::BASE;
use trial_self_check::domain::model::{Text, Trial};

pub const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
/// Who publishes every resource of the package.
pub const PUBLISHER: &str = "trial-self-check";

/// The project's extension for one eligibility criterion.
pub fn criterion_url() -> String {
    format!("{BASE}/StructureDefinition/eligibility-criterion")
}

/// The project's extension on an answer option that means "not decided yet" (evaluates as unknown).
pub fn counts_as_unknown_url() -> String {
    format!("{BASE}/StructureDefinition/counts-as-unknown")
}

pub fn translation(zh: &str) -> Value {
    json!({ "extension": [{
        "url": TRANSLATION,
        "extension": [{ "url": "lang", "valueCode": "zh-CN" }, { "url": "content", "valueString": zh }],
    }] })
}

/// Puts `text` under `key` (English) and its Chinese under `_key`, as FHIR writes a translation;
/// a trial written in English only has none.
pub fn put_text(obj: &mut Map<String, Value>, key: &str, text: &Text) {
    obj.insert(key.into(), json!(text.en));
    if !text.zh.trim().is_empty() {
        obj.insert(format!("_{key}"), translation(&text.zh));
    }
}

pub fn coding(system: &str, code: &str, display: &Text) -> Value {
    let mut c = Map::new();
    c.insert("system".into(), json!(system));
    c.insert("code".into(), json!(code));
    put_text(&mut c, "display", display);
    Value::Object(c)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A generated narrative (FHIR's dom-6: a resource should carry a human-readable summary): a
/// heading, paragraphs, and a list.
pub fn narrative(title: &str, paragraphs: &[String], list: &[String]) -> Value {
    let mut div = format!(
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h3>{}</h3>",
        escape(title)
    );
    for p in paragraphs {
        div.push_str(&format!("<p>{}</p>", escape(p)));
    }
    if !list.is_empty() {
        div.push_str("<ul>");
        for item in list {
            div.push_str(&format!("<li>{}</li>", escape(item)));
        }
        div.push_str("</ul>");
    }
    div.push_str("</div>");
    json!({ "status": "generated", "div": div })
}

/// What names a conformance resource of the package.
pub struct Names<'a> {
    pub resource_type: &'a str,
    pub id: &'a str,
    pub url: &'a str,
    /// Computer-friendly (PascalCase).
    pub name: &'a str,
    pub title: &'a str,
}

/// The fields every conformance resource of the package opens with, in FHIR's order.
pub fn header(names: &Names, text: Value, t: &Trial, date: &str) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!(names.resource_type));
    r.insert("id".into(), json!(names.id));
    r.insert("text".into(), text);
    r.insert("url".into(), json!(names.url));
    r.insert("version".into(), json!(t.content_version));
    r.insert("name".into(), json!(names.name));
    r.insert("title".into(), json!(names.title));
    r.insert("status".into(), json!("active"));
    r.insert("experimental".into(), json!(false));
    r.insert("date".into(), json!(date));
    r.insert("publisher".into(), json!(PUBLISHER));
    r
}

/// Every file of the package, by its name under `fhir/package/`, for content `t` whose version
/// was logged on `date`.
pub fn files(t: &Trial, date: &str) -> Vec<(String, Value)> {
    let mut resources = vec![questionnaire(t, date)];
    resources.extend(terminology::code_systems(t, date));
    resources.extend(terminology::value_sets(t, date));
    resources.extend(extensions::definitions(t, date));
    let mut files: Vec<(String, Value)> = resources
        .into_iter()
        .map(|r| {
            let name = format!(
                "{}-{}.json",
                r["resourceType"].as_str().unwrap(),
                r["id"].as_str().unwrap()
            );
            (name, r)
        })
        .collect();
    let index: Vec<Value> = files
        .iter()
        .map(|(name, r)| {
            let mut entry = json!({ "filename": name, "resourceType": r["resourceType"],
                "id": r["id"], "url": r["url"], "version": r["version"] });
            if let Some(kind) = r.get("kind") {
                entry["kind"] = kind.clone();
                entry["type"] = r["type"].clone();
            }
            entry
        })
        .collect();
    files.push((
        ".index.json".into(),
        json!({ "index-version": 1, "files": index }),
    ));
    files.push((
        "package.json".into(),
        json!({
            "name": format!("org.trial-self-check.{}", t.id.to_lowercase()),
            "version": t.content_version,
            "type": "Conformance",
            "title": format!("trial-self-check: {}", t.id),
            "description": format!("The questions and eligibility rules of the trial-self-check widget for {} as FHIR R4 conformance resources: the Questionnaire, the code systems and value sets of its answers, and the definitions of its two extensions. Generated from the widget's content; see docs/fhir.md in the repository.", t.id),
            "canonical": BASE,
            "url": BASE,
            "fhirVersions": ["4.0.1"],
            "dependencies": { "hl7.fhir.r4.core": "4.0.1" },
            "author": PUBLISHER,
            "license": "MIT OR Apache-2.0",
            "date": format!("{}000000", date.replace('-', "")),
        }),
    ));
    files
}
