//! The authoring check (`prerender check <folder>`) as a coordinator runs it: the shipped trial
//! passes with every story; copies with a coordinator's typical mistakes fail, each mistake named
//! at its own line; a file that is not JSON fails at the fault's line and column.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/NCT07117435");

/// Runs the check on `dir`: exit success, and standard output's lines.
fn check(dir: &Path) -> (bool, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .arg("check")
        .arg(dir)
        .output()
        .expect("the check runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    (
        out.status.success(),
        stdout.lines().map(str::to_string).collect(),
    )
}

/// A fresh folder for one test's copy of a trial.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tsc-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn read(name: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(SHIPPED).join(name)).expect("shipped file");
    serde_json::from_str(&text).expect("shipped JSON")
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is in the written file"))
        + 1
}

/// Every shipped trial (each folder of `content/` with a `trial.json`) passes the check: no
/// problem, the "does not fit" audit against its `registry.md`, and every one of its stories.
#[test]
fn every_shipped_trial_has_no_problems_and_every_story_walks() {
    let content = Path::new(SHIPPED).parent().expect("content/");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(content)
        .expect("content/ can be read")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.join("trial.json").is_file())
        .collect();
    folders.sort();
    assert!(folders.len() >= 2, "{folders:?}");
    for dir in folders {
        let (ok, lines) = check(&dir);
        let last = lines.last().cloned().unwrap_or_default();
        assert!(ok, "{}: {lines:#?}", dir.display());
        assert_eq!(lines.len(), 1, "only the summary: {lines:#?}");
        let text = std::fs::read_to_string(dir.join("stories.json")).expect("its stories");
        let file: Value = serde_json::from_str(&text).expect("stories JSON");
        let stories = file["stories"].as_array().unwrap().len();
        assert!(
            last.ends_with(&format!(
                ": no problems; {stories} of {stories} stories walk to their expected outcome"
            )),
            "{last}"
        );
    }
}

#[test]
fn a_coordinators_mistakes_are_each_named_at_their_line() {
    let mut trial = read("trial.json");
    // Where the schema is, for an editor: allowed, not a mistake.
    trial["$schema"] = json!("../trial.schema.json");
    // A misspelt key: serde alone would skip it without a word.
    trial["questions"][0]["hnt"] = json!("Use your age on your last birthday.");
    // A missing translation.
    trial["questions"][1]["why"]["zh-CN"] = json!("");
    // A rule naming an option that counts as "not sure": it can never match.
    let sample = &mut trial["criteria"][1]["fits_when"]["all"][1]["answer"];
    assert_eq!(sample["question"], "confirmed_sample", "the fixture's rule");
    sample["one_of"] = json!(["yes", "not_yet"]);
    // A rule naming a question that does not exist.
    trial["criteria"][0]["fits_when"] = json!({ "answer": { "question": "agee", "at_least": 18 } });
    // An audit quote that is not the registry's words.
    let audited = trial["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| {
            c["id"] != "I1"
                && c["id"] != "I2"
                && c["rules_out"].as_array().is_some_and(|r| !r.is_empty())
        })
        .unwrap();
    trial["criteria"][audited]["rules_out"][0]["quotes"][0] =
        json!("words the registry never says");
    let mut stories = read("stories.json");
    // A story expecting the wrong outcome.
    let first = stories["stories"][0]["id"].as_str().unwrap().to_string();
    stories["stories"][0]["expect"]["outcome"] = json!("not-a-fit");

    let dir = scratch("mistakes");
    let trial_text = serde_json::to_string_pretty(&trial).unwrap();
    let stories_text = serde_json::to_string_pretty(&stories).unwrap();
    std::fs::write(dir.join("trial.json"), &trial_text).unwrap();
    std::fs::write(dir.join("stories.json"), &stories_text).unwrap();
    std::fs::copy(
        Path::new(SHIPPED).join("registry.md"),
        dir.join("registry.md"),
    )
    .unwrap();
    let (ok, lines) = check(&dir);
    assert!(!ok, "a folder with problems fails");
    let file = dir.join("trial.json").display().to_string();
    let has = |line: usize, pointer: &str, words: &str| {
        let want = format!("{file}:{line}:");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&want) && l.contains(pointer) && l.contains(words)),
            "expected a line starting {want} naming {pointer} and saying {words:?}, got {lines:#?}"
        );
    };
    has(
        line_of(&trial_text, "\"hnt\""),
        "/questions/0/hnt",
        "the widget would ignore it",
    );
    let zh = trial_text
        .lines()
        .enumerate()
        .skip(line_of(&trial_text, "\"id\": \"crc_liver\""))
        .find(|(_, l)| l.contains("\"zh-CN\": \"\""))
        .map(|(i, _)| i + 1)
        .unwrap();
    has(zh, "/questions/1/why/zh-CN", "missing zh-CN translation");
    // The rule's list is ["yes", "not_yet"]; a clause's "not known" list names `not_yet` alone.
    let lines_of: Vec<&str> = trial_text.lines().map(str::trim).collect();
    has(
        lines_of
            .windows(2)
            .position(|w| w == ["\"yes\",", "\"not_yet\""])
            .unwrap()
            + 2,
        "/criteria/1/fits_when/all/1/answer/one_of/1",
        "counts as \"not sure\"",
    );
    has(
        line_of(&trial_text, "\"agee\""),
        "/criteria/0/fits_when/answer/question",
        "unknown question `agee`",
    );
    has(
        line_of(&trial_text, "words the registry never says"),
        &format!("/criteria/{audited}/rules_out/0/quotes/0"),
        "is not in the registry text",
    );
    assert!(
        !lines.iter().any(|l| l.contains("registry.md is missing")),
        "{lines:#?}"
    );
    let stories_file = dir.join("stories.json").display().to_string();
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "{stories_file}:{}:",
            // The first story's `{` comes on the line after the list's opening.
            line_of(&stories_text, "\"stories\": [") + 1
        )) && l
            .contains(&format!("story {first}: outcome: expected not-a-fit"))),
        "the story's failure at its line: {lines:#?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains("$schema")),
        "the schema's address is allowed: {lines:#?}"
    );
    let summary = lines.last().unwrap();
    assert!(summary.contains(" problems; "), "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_without_its_registry_text_is_told_the_audit_cannot_be_checked() {
    let dir = scratch("no-registry");
    for file in ["trial.json", "stories.json"] {
        std::fs::copy(Path::new(SHIPPED).join(file), dir.join(file)).unwrap();
    }
    let (ok, lines) = check(&dir);
    assert!(!ok);
    assert!(
        lines[0].ends_with(": /: registry.md is missing beside trial.json: without the registry text the audit's quotes and the criteria's registry texts cannot be checked"),
        "{lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_is_not_json_fails_at_the_fault() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("trial.json"),
        "{\n  \"id\": \"NCT0\",\n  \"questions\": [\n    {\"id\": \"a\",, }\n  ]\n}\n",
    )
    .unwrap();
    let (ok, lines) = check(&dir);
    assert!(!ok);
    let file = dir.join("trial.json").display().to_string();
    assert!(
        lines[0].starts_with(&format!("{file}:4:")),
        "the fault's line: {lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_folder_or_file_is_a_plain_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .args(["check", "/nonexistent/trial-folder"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/trial-folder/trial.json: cannot be read"),
        "{err}"
    );
}
