//! The build's post-build step (a Trunk hook, see `Trunk.toml`), natively: shortens the names the
//! wasm and its JS glue share ([`short_names`]) and updates their integrity in the page, seals the
//! page's loader and `embed.js` with the digests of what they load ([`seal`]), draws the widget's
//! first screen into the built `index.html`, and writes the host pages' optional snippets
//! `snippet.en.html` and `snippet.zh-CN.html` beside it (in `$TRUNK_STAGING_DIR`, else the folder
//! given), with [`prerender`].
//!
//! `prerender check <trial folder>` is the authoring check instead ([`check`]): every problem in a
//! trial file, with its line, and the folder's stories walked (docs/authoring.md).
//!
//! A tool, not part of the widget: no file of the UI crate imports it. It builds natively only;
//! for the wasm target the binary is empty.

#[cfg(not(target_arch = "wasm32"))]
mod check;
#[cfg(not(target_arch = "wasm32"))]
mod json_at;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
#[cfg(not(target_arch = "wasm32"))]
mod seal;
#[cfg(not(target_arch = "wasm32"))]
mod short_names;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use prerender::{prerender_page, snippet, trial_of};
    use std::path::PathBuf;
    use trial_self_check::content::DEFAULT_TRIAL;
    use trial_self_check::domain::Lang;
    if std::env::args_os().nth(1).is_some_and(|a| a == "check") {
        return run_check(std::env::args_os().nth(2).map(PathBuf::from));
    }
    let dir = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
    let page = dir.join("index.html");
    let done = std::fs::read_to_string(&page)
        .map_err(|e| format!("{}: {e}", page.display()))
        .and_then(|html| {
            let html = shorten_and_seal(&dir, &html)?;
            let trial = trial_of(&html).unwrap_or(DEFAULT_TRIAL).to_string();
            std::fs::write(&page, prerender_page(&html)?).map_err(|e| e.to_string())?;
            Ok(trial)
        })
        .and_then(|trial| {
            // The stylesheet's address as seen from a host page next to the files; a host that
            // serves them elsewhere sets it to its own path (README, "On a host page").
            [Lang::En, Lang::Zh].into_iter().try_for_each(|lang| {
                let file = dir.join(format!("snippet.{}.html", lang.tag()));
                let text = snippet(&trial, lang, "app.css")?;
                std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))
            })
        });
    match done {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("prerender: {why}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The authoring check of one trial folder: its findings on standard output, then one line that
/// sums them up; fails when there is any.
#[cfg(not(target_arch = "wasm32"))]
fn run_check(dir: Option<std::path::PathBuf>) -> std::process::ExitCode {
    use std::process::ExitCode;
    let Some(dir) = dir else {
        eprintln!(
            "usage: cargo run -p tsc-tools -- check <trial folder>   (the folder holds trial.json, and stories.json if any)"
        );
        return ExitCode::from(2);
    };
    match check::check(&dir) {
        Err(why) => {
            eprintln!("{why}");
            ExitCode::FAILURE
        }
        Ok(found) => {
            for line in &found.lines {
                println!("{line}");
            }
            let problems = match found.lines.len() {
                0 => "no problems".to_string(),
                1 => "1 problem".to_string(),
                n => format!("{n} problems"),
            };
            let stories = if found.stories == 0 {
                "no stories.json beside it".to_string()
            } else {
                format!(
                    "{} of {} stories walk to their expected outcome",
                    found.stories_passed, found.stories
                )
            };
            println!("{}: {problems}; {stories}", dir.display());
            if found.lines.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Shortens the names shared by the wasm and the glue the page's loader names (`data-trunk-wasm`,
/// `data-trunk-js`), rewrites both files, and returns the page with their new integrity, sealed
/// (the wasm's digest on the loader), after sealing `embed.js` with the final files' digests.
#[cfg(not(target_arch = "wasm32"))]
fn shorten_and_seal(dir: &std::path::Path, page: &str) -> Result<String, String> {
    use short_names::{shorten, with_integrity};
    let (wasm_href, glue_href) = prerender::loader_files(page)
        .ok_or("the page has no loader naming the wasm and its glue")?;
    let file = |href: &str| dir.join(href.trim_start_matches("./"));
    let read = |href: &str| std::fs::read(file(href)).map_err(|e| format!("{href}: {e}"));
    let glue = String::from_utf8(read(glue_href)?).map_err(|_| "the glue is not UTF-8")?;
    let (wasm, glue) = shorten(&read(wasm_href)?, &glue)?;
    let write = |href: &str, bytes: &[u8]| {
        std::fs::write(file(href), bytes).map_err(|e| format!("{href}: {e}"))
    };
    write(wasm_href, &wasm)?;
    write(glue_href, glue.as_bytes())?;
    let embed = String::from_utf8(read("embed.js")?).map_err(|_| "embed.js is not UTF-8")?;
    let css = read("app.css")?;
    write(
        "embed.js",
        seal::seal_embed(&embed, &wasm, glue.as_bytes(), &css)?.as_bytes(),
    )?;
    let page = with_integrity(
        &with_integrity(page, wasm_href, &wasm)?,
        glue_href,
        glue.as_bytes(),
    )?;
    seal::seal_page(&page, wasm_href, &wasm)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
