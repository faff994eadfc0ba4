//! Every shipped trial (each folder of `content/` with a `trial.json`), and where each one's
//! generated files go: shared by the tests that hold every trial to the same rules
//! (`tests/clauses.rs`, `tests/criteria_map.rs`, `tests/fhir.rs`).

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use trial_self_check::content::load_trial;
use trial_self_check::domain::Trial;

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every shipped trial with its folder, loaded and validated, in id order.
pub fn shipped() -> Vec<(Trial, PathBuf)> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root().join("content"))
        .expect("content/ can be read")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.join("trial.json").is_file())
        .collect();
    folders.sort();
    folders
        .into_iter()
        .map(|dir| {
            let file = dir.join("trial.json");
            let text = std::fs::read_to_string(&file).expect("a trial file can be read");
            let trial = load_trial(&text).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
            (trial, dir)
        })
        .collect()
}

/// A trial's own file: the first trial (NCT07117435) keeps the name it had before there were
/// others (`first`); every other trial's is `other` with `{id}` replaced by its id.
pub fn per_trial(id: &str, first: &str, other: &str) -> String {
    match id {
        "NCT07117435" => first.to_string(),
        id => other.replace("{id}", id),
    }
}

/// A trial's content change log.
pub fn change_log(id: &str) -> String {
    per_trial(
        id,
        "docs/content-changes.md",
        "docs/content-changes-{id}.md",
    )
}
