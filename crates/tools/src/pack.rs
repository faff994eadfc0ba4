//! A trial's files for the widget: `<ID>/<lang>.tsc`, one per language the trial is written in
//! (`tsc_core::content::encode` describes the bytes), with each file's SRI digest.
//!
//! The build writes every shipped trial's (`content/<ID>/trial.json`) into `trials/` beside the
//! wasm and seals their digests into the loaders; `prerender pack <folder> <out>` (the authoring
//! kit, docs/authoring.md) writes a hospital's own trial the same way, after its check passes,
//! with the element to paste.

use crate::seal::sri;
use std::path::{Path, PathBuf};
use trial_self_check::content::{add_trial_file, encode::trial_file, load_trial};
use trial_self_check::domain::{Lang, Trial};

/// The shipped trials' folder (`content/`), found from this crate's place in the workspace, so
/// the post-build hook works from any working directory.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// Every shipped trial (each `content/<ID>/trial.json`), validated, in id order.
pub fn shipped_trials() -> Result<Vec<Trial>, String> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(content_dir())
        .map_err(|e| format!("content/: {e}"))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("trial.json").is_file())
        .collect();
    folders.sort();
    folders.iter().map(|dir| read_trial(dir)).collect()
}

/// The trial in `dir/trial.json`, validated (every problem named).
pub fn read_trial(dir: &Path) -> Result<Trial, String> {
    let path = dir.join("trial.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_trial(&text).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| format!("  {}", p.0)).collect();
        format!("{}:\n{}", path.display(), list.join("\n"))
    })
}

/// One written file: its path under the output folder (`<ID>/<lang>.tsc`) and its SRI digest.
pub struct Written {
    pub name: String,
    pub lang: Lang,
    pub integrity: String,
}

/// Writes `trial`'s files under `out` and makes the trial known to this process (for the
/// prerendered screens), returning what was written.
pub fn write_trial(trial: &Trial, out: &Path) -> Result<Vec<Written>, String> {
    let dir = out.join(&trial.id);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for &lang in &trial.languages {
        let bytes = trial_file(trial, lang);
        let name = format!("{}/{}.tsc", trial.id, lang.tag());
        std::fs::write(out.join(&name), &bytes).map_err(|e| format!("{name}: {e}"))?;
        written.push(Written {
            name,
            lang,
            integrity: sri(&bytes),
        });
        add_trial_file(&trial.id, bytes).map_err(|e| format!("{}: {e}", trial.id))?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use trial_self_check::content::{decode, loaded_trial};

    /// What the widget decodes from the written files is the validated trial, less the
    /// reviewer-only fields, in every language.
    #[test]
    fn the_files_decode_to_the_trial_without_its_reviewer_fields() {
        let out = std::env::temp_dir().join(format!("tsc-pack-{}", std::process::id()));
        for trial in shipped_trials().unwrap() {
            let written = write_trial(&trial, &out).unwrap();
            assert_eq!(written.len(), trial.languages.len());
            let bytes: Vec<Vec<u8>> = written
                .iter()
                .map(|w| std::fs::read(out.join(&w.name)).unwrap())
                .collect();
            let files: Vec<_> = bytes
                .iter()
                .map(|b| decode::trial_file(b).unwrap())
                .collect();
            let mut expected = trial.clone();
            for c in &mut expected.criteria {
                c.registry.clear();
                c.rule_in_words = None;
                c.rules_out.clear();
                c.clauses.clear();
            }
            assert_eq!(decode::trial(&files).unwrap(), expected);
            assert_eq!(*loaded_trial(&trial.id).unwrap(), expected);
        }
        let _ = std::fs::remove_dir_all(out);
    }
}
