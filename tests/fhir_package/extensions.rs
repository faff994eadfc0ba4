//! The definitions (StructureDefinitions) of the project's two extensions, with their contexts
//! and meanings, so a validator and an integrator need not read our docs to know what they say:
//! `eligibility-criterion` on the Questionnaire (one per criterion) and `counts-as-unknown` on an
//! answer option. Each carries a differential (what we say) and a snapshot (the whole element
//! list, which validators read).

use super::{Names, counts_as_unknown_url, criterion_url, header, narrative};
use serde_json::{Value, json};
use trial_self_check::domain::model::Trial;

const EXTENSION: &str = "http://hl7.org/fhir/StructureDefinition/Extension";

/// One sub-extension of `eligibility-criterion`: its url, value type, cardinality and meaning.
struct Part {
    url: &'static str,
    value: &'static str,
    required: bool,
    meaning: &'static str,
}

const PARTS: [Part; 8] = [
    Part {
        url: "id",
        value: "string",
        required: true,
        meaning: "The criterion's id as the registry numbers it: I1 to I8 for inclusion, E1 to E17 for exclusion (I2.1: a part of I2).",
    },
    Part {
        url: "kind",
        value: "code",
        required: true,
        meaning: "`inclusion` (the patient must meet it) or `exclusion` (the patient must not).",
    },
    Part {
        url: "registryText",
        value: "string",
        required: true,
        meaning: "The criterion's words in the trial registry, copied exactly.",
    },
    Part {
        url: "summary",
        value: "string",
        required: true,
        meaning: "The criterion in plain words for the patient; the Chinese is a translation extension on the value.",
    },
    Part {
        url: "patientPart",
        value: "Expression",
        required: false,
        meaning: "A text/fhirpath expression over the QuestionnaireResponse (%resource) for the part of the criterion a patient can answer. It gives true, false or an empty collection, and its polarity is always 'the patient fits': true means the answers fit this criterion, which for an inclusion means it is met and for an EXCLUSION means the exclusion does NOT apply; false means they do not fit (an inclusion not met, an exclusion that applies); empty means not known (not sure, not answered, or an answer that leaves it open). It reads the response's top-level items, and ignores an answer to an item whose enableWhen does not hold and any question answered more than once (two items, or two answers in one), so it never raises an error. Absent when only the study team can check the criterion.",
    },
    Part {
        url: "ruleInWords",
        value: "string",
        required: false,
        meaning: "The patient part's rule in words, for a reviewer.",
    },
    Part {
        url: "askDoctor",
        value: "string",
        required: false,
        meaning: "What the patient can ask a doctor when the answers leave this criterion not known (Chinese as a translation).",
    },
    Part {
        url: "teamCheck",
        value: "string",
        required: false,
        meaning: "What the study team checks that the patient cannot answer (Chinese as a translation).",
    },
];

/// An element of an extension's definition: path, id, cardinality, base, and the rest.
fn element(
    id: &str,
    path: &str,
    min: u32,
    max: &str,
    base: (&str, u32, &str),
    more: Value,
) -> Value {
    let mut e = json!({
        "id": id, "path": path, "min": min, "max": max,
        "base": { "path": base.0, "min": base.1, "max": base.2 },
    });
    for (k, v) in more.as_object().into_iter().flatten() {
        e[k] = v.clone();
    }
    e
}

/// What one extension (or one part of a complex one) is: its url, value type (`None`: complex,
/// its parts are sub-extensions), cardinality and meaning.
struct Ext<'a> {
    url: &'a str,
    value: Option<&'a str>,
    card: (u32, &'a str),
    short: &'a str,
    definition: &'a str,
}

/// The five elements of one extension (or a slice of one, `slice`): itself, id, extension, url
/// and value[x]; `parts`, the elements of its sub-extensions, go after its `extension`.
fn extension_elements(
    prefix: &str,
    slice: Option<&str>,
    ext: &Ext,
    parts: Vec<Value>,
) -> Vec<Value> {
    let id = match slice {
        Some(s) => format!("{prefix}:{s}"),
        None => prefix.to_string(),
    };
    let path = prefix;
    let (min, max) = ext.card;
    let mut head = json!({ "short": ext.short, "definition": ext.definition });
    if let Some(s) = slice {
        head["sliceName"] = json!(s);
    }
    let mut all = vec![element(
        &id,
        path,
        min,
        max,
        (path_base(path), 0, "*"),
        head,
    )];
    all.push(element(
        &format!("{id}.id"),
        &format!("{path}.id"),
        0,
        "1",
        ("Element.id", 0, "1"),
        json!({ "short": "Unique id for inter-element referencing", "definition": "Unique id for the element within a resource (for internal references).",
                "type": [{ "code": "http://hl7.org/fhirpath/System.String", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type", "valueUrl": "string" }] }] }),
    ));
    let mut sub = json!({ "short": "Additional content defined by implementations",
        "definition": "May be used to represent additional information that is not part of the basic definition of the element.",
        "type": [{ "code": "Extension" }] });
    if !parts.is_empty() {
        sub["slicing"] = json!({ "discriminator": [{ "type": "value", "path": "url" }], "ordered": false, "rules": "open" });
    }
    let sub_max = if ext.value.is_some() { "0" } else { "*" };
    all.push(element(
        &format!("{id}.extension"),
        &format!("{path}.extension"),
        0,
        sub_max,
        ("Element.extension", 0, "*"),
        sub,
    ));
    all.extend(parts);
    all.push(element(
        &format!("{id}.url"),
        &format!("{path}.url"),
        1,
        "1",
        ("Extension.url", 1, "1"),
        json!({ "short": "identifies the meaning of the extension", "definition": "Source of the definition for the extension code - a logical name or a URL.",
                "type": [{ "code": "http://hl7.org/fhirpath/System.String", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type", "valueUrl": "uri" }] }],
                "fixedUri": ext.url }),
    ));
    let value_element = match ext.value {
        Some(v) => {
            json!({ "short": ext.short, "definition": ext.definition, "type": [{ "code": v }] })
        }
        None => {
            json!({ "short": "Value of extension", "definition": "Not used: the parts are sub-extensions.",
                        "type": [{ "code": "string" }] })
        }
    };
    all.push(element(
        &format!("{id}.value[x]"),
        &format!("{path}.value[x]"),
        u32::from(ext.value.is_some()),
        if ext.value.is_some() { "1" } else { "0" },
        ("Extension.value[x]", 0, "1"),
        value_element,
    ));
    all
}

fn path_base(path: &str) -> &'static str {
    if path == "Extension" {
        "Extension"
    } else {
        "Element.extension"
    }
}

/// A StructureDefinition of the extension `ext`, used on `context`, with its `elements`. The
/// differential repeats the snapshot: small, and explicit about every element.
fn definition(
    names: &Names,
    ext: &Ext,
    context: &str,
    elements: Vec<Value>,
    (t, date): (&Trial, &str),
) -> Value {
    let list: Vec<String> = if ext.value.is_some() {
        Vec::new()
    } else {
        PARTS
            .iter()
            .map(|p| {
                let card = if p.required { "1..1" } else { "0..1" };
                format!("{} ({}, {card}): {}", p.url, p.value, p.meaning)
            })
            .collect()
    };
    let text = narrative(
        names.title,
        &[ext.definition.to_string(), format!("Used on: {context}.")],
        &list,
    );
    let mut sd = header(names, text, t, date);
    sd.insert("description".into(), json!(ext.definition));
    sd.insert("fhirVersion".into(), json!("4.0.1"));
    sd.insert("kind".into(), json!("complex-type"));
    sd.insert("abstract".into(), json!(false));
    sd.insert(
        "context".into(),
        json!([{ "type": "element", "expression": context }]),
    );
    sd.insert("type".into(), json!("Extension"));
    sd.insert("baseDefinition".into(), json!(EXTENSION));
    sd.insert("derivation".into(), json!("constraint"));
    sd.insert("snapshot".into(), json!({ "element": elements }));
    sd.insert("differential".into(), json!({ "element": elements }));
    Value::Object(sd)
}

pub fn definitions(t: &Trial, date: &str) -> Vec<Value> {
    let criterion_description = "One eligibility criterion of the trial, on the Questionnaire (one extension per criterion): its registry number and text, its kind, the plain-words summary, and, where a patient can answer part of it, that part as a FHIRPath expression over the QuestionnaireResponse. POLARITY: the expression says whether the patient FITS the criterion, so for an exclusion `true` means the exclusion does not apply. What the study team checks is in `teamCheck`; a criterion without `patientPart` is checked by the study team alone.";
    let mut parts = Vec::new();
    for p in &PARTS {
        let part = Ext {
            url: p.url,
            value: Some(p.value),
            card: (u32::from(p.required), "1"),
            short: p.url,
            definition: p.meaning,
        };
        parts.extend(extension_elements(
            "Extension.extension",
            Some(p.url),
            &part,
            Vec::new(),
        ));
    }
    let criterion_url = criterion_url();
    let criterion = Ext {
        url: &criterion_url,
        value: None,
        card: (0, "*"),
        short: "An eligibility criterion of the trial",
        definition: criterion_description,
    };
    let unknown_url = counts_as_unknown_url();
    let unknown = Ext {
        url: &unknown_url,
        value: Some("boolean"),
        card: (0, "1"),
        short: "This option counts as not known",
        definition: "On an answer option: this option means \"not decided yet\" or \"not known\" (for example \"We have not talked about it yet\"), so the trial's rules read it as not known, exactly as \"Not sure\": it never rules anyone in or out. Absent or false: the option is an answer like any other.",
    };
    vec![
        definition(
            &Names {
                resource_type: "StructureDefinition",
                id: "eligibility-criterion",
                url: &criterion_url,
                name: "EligibilityCriterion",
                title: "Eligibility criterion",
            },
            &criterion,
            "Questionnaire",
            extension_elements("Extension", None, &criterion, parts),
            (t, date),
        ),
        definition(
            &Names {
                resource_type: "StructureDefinition",
                id: "counts-as-unknown",
                url: &unknown_url,
                name: "CountsAsUnknown",
                title: "Counts as not known",
            },
            &unknown,
            "Questionnaire.item.answerOption",
            extension_elements("Extension", None, &unknown, Vec::new()),
            (t, date),
        ),
    ]
}
