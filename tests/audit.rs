//! The "does not fit" audit: a patient may be told "probably not a fit" only by an answer that,
//! in the registry's own words, rules them out for certain. Every such answer path carries, in
//! the content (`rules_out`), the registry words that make it certain and one sentence on why no
//! patient who fits would give it. These tests hold that audit to the rules it audits, and hold
//! the registry text the content was reviewed against (`content/NCT07117435/registry.md`) to the
//! date and digest the content records, so an amendment leads to a review.
#![cfg(not(target_arch = "wasm32"))]

use sha2::{Digest, Sha256};
use trial_self_check::content::audit::{audited, paths, quotes, registry_texts};
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::model::Trial;

const REGISTRY: &str = include_str!("../content/NCT07117435/registry.md");
/// `<registry date> <sha256 of registry.md>`: what the content was last reviewed against.
const REVIEWED: &str = include_str!("../content/NCT07117435/registry.reviewed");

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("the shipped trial loads")
}

#[test]
fn the_registry_text_is_the_one_the_content_was_reviewed_against() {
    let t = trial();
    let mut reviewed = REVIEWED.split_whitespace();
    let (date, digest) = (reviewed.next().unwrap_or(""), reviewed.next().unwrap_or(""));
    let actual: String = Sha256::digest(REGISTRY.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        actual, digest,
        "content/NCT07117435/registry.md changed since the content was reviewed against it. \
         Review every rule against the new text, then record its date in trial.json's \
         `registry_date` and `<date> <sha256>` in content/NCT07117435/registry.reviewed"
    );
    assert_eq!(
        date, t.registry_date,
        "registry.reviewed and trial.json's registry_date disagree"
    );
    assert!(
        REGISTRY.contains(&format!("Last reviewed {}", t.registry_date)),
        "the registry text does not carry the date {} the content records",
        t.registry_date
    );
    let problems = registry_texts(&t, REGISTRY);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn every_audit_quote_is_in_the_registry_text_and_every_entry_says_why() {
    let problems: Vec<String> = quotes(&trial(), REGISTRY)
        .into_iter()
        .map(|p| format!("{} ({})", p.message, p.at))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The quote check finds a quote that is not the registry's and a `why` that is not a sentence.
#[test]
fn the_quote_check_finds_words_not_in_the_registry_and_a_missing_why() {
    let mut t = trial();
    let i1 = t.criteria.iter().position(|c| c.id == "I1").unwrap();
    t.criteria[i1].rules_out[0].quotes = vec!["aged 18 to 80 years".into()];
    t.criteria[i1].rules_out[0].why = "Too old.".into();
    let problems = quotes(&t, REGISTRY);
    let at = |field: &str| {
        problems
            .iter()
            .any(|p| p.at == format!("/criteria/{i1}/rules_out/0/{field}"))
    };
    assert!(at("quotes/0") && at("why"), "{problems:?}");
}

/// Every answer path that makes a criterion "does not fit" is covered by an audit entry, and
/// every entry covers only such paths (and at least one of them).
#[test]
fn every_does_not_fit_path_is_audited_and_every_audit_entry_is_one() {
    let mut problems = audit(&trial());
    problems.truncate(20);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A gate's own gate is varied too: were `periop_treatment` asked only after `crc_liver`, the
/// criterion reading `periop_months` would be audited over all three.
#[test]
fn the_audit_follows_gates_of_gates() {
    let mut t = trial();
    let gate = t.question("confirmed_sample").unwrap().ask_when.clone();
    let periop = t
        .questions
        .iter()
        .position(|q| q.id == "periop_treatment")
        .unwrap();
    t.questions[periop].ask_when = gate;
    let c = t
        .criteria
        .iter()
        .find(|c| {
            c.fits_when
                .as_ref()
                .is_some_and(|r| r.questions().contains(&"periop_months"))
        })
        .unwrap();
    let questions = audited(&t, c);
    for q in ["periop_months", "periop_treatment", "crc_liver"] {
        assert!(questions.contains(&q), "{}: {questions:?}", c.id);
    }
}

/// The audit finds an unaudited path, and an entry that claims more than the rule does.
#[test]
fn the_audit_finds_a_missing_entry_and_an_entry_that_claims_too_much() {
    let mut t = trial();
    let i1 = t.criteria.iter().position(|c| c.id == "I1").unwrap();
    let entry = t.criteria[i1].rules_out[0].clone();
    t.criteria[i1].rules_out.clear();
    let problems = audit(&t);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("I1: these answers give")),
        "{problems:?}"
    );

    let mut too_much = entry;
    too_much.when =
        serde_json::from_str(r#"{"answer": {"question": "age", "at_least": 70}}"#).unwrap();
    t.criteria[i1].rules_out = vec![too_much];
    let problems = audit(&t);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("I1: `rules_out` entry 1 claims")),
        "{problems:?}"
    );
}

/// The path audit's problems, as messages.
fn audit(t: &Trial) -> Vec<String> {
    paths(t).into_iter().map(|p| p.message).collect()
}
