//! The build's post-build step (a Trunk hook, see `Trunk.toml`), natively: writes every shipped
//! trial's files into `trials/` ([`pack`]), shortens the names the wasm and its JS glue share
//! ([`short_names`]) and updates their integrity in the page, seals the page's loader and
//! `embed.js` with the digests of what they load ([`seal`]), draws the widget's first screen into
//! the built `index.html` (and a page per other shipped trial), and writes the host pages'
//! optional snippets (in `$TRUNK_STAGING_DIR`, else the folder given), with [`prerender`].
//!
//! `prerender pack <trial folder> <out>` writes a hospital's own trial's files after its check
//! passes ([`pack`]).
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
mod pack;
#[cfg(not(target_arch = "wasm32"))]
mod prerender;
#[cfg(not(target_arch = "wasm32"))]
mod seal;
#[cfg(not(target_arch = "wasm32"))]
mod short_names;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    let arg = |n| std::env::args_os().nth(n);
    match arg(1) {
        Some(a) if a == "check" => return run_check(arg(2).map(PathBuf::from)),
        Some(a) if a == "pack" => {
            return run_pack(arg(2).map(PathBuf::from), arg(3).map(PathBuf::from));
        }
        _ => {}
    }
    let dir = arg(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
    match post_build(&dir) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("prerender: {why}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Trunk's post-build step on the built folder `dir`: every shipped trial's files into
/// `trials/` (with each language's start screen, `start.<lang>.txt`, which `embed.js` draws for
/// a bare tag while the wasm loads) and host snippets, the shared names shortened and every
/// loader sealed, then the page's start screen and a page of its own for each other shipped
/// trial (`<ID>.html`).
#[cfg(not(target_arch = "wasm32"))]
fn post_build(dir: &std::path::Path) -> Result<(), String> {
    use prerender::{prerender_page, snippet_around, trial_of};
    use trial_self_check::content::DEFAULT_TRIAL;
    let page = dir.join("index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let mut digests = Vec::new();
    for trial in pack::shipped_trials()? {
        let written = pack::write_trial(&trial, &dir.join("trials"))?;
        digests.push((trial, written));
    }
    let sealed: Vec<_> = digests
        .iter()
        .map(|(t, w)| {
            (
                t.id.clone(),
                w.iter()
                    .map(|w| (w.lang.tag(), w.integrity.clone()))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    // Each trial's first screen, drawn once per language: a bare tag's start file (drawn by
    // embed.js while the wasm loads, sealed with the files) and the host snippets around it
    // (`snippet.<lang>.html` for the page's trial, as before; `trials/<ID>/snippet.<lang>.html`).
    // The stylesheet's address in a snippet is as seen from a host page next to the files; a host
    // that serves them elsewhere sets it to its own path (README, "On a host page").
    let own = trial_of(&html).unwrap_or(DEFAULT_TRIAL).to_string();
    let mut with_starts = sealed.clone();
    for ((trial, written), (_, files)) in digests.iter().zip(&mut with_starts) {
        for w in written {
            let start = prerender::first_screen(&trial.id, w.lang)?;
            let tag = w.lang.tag();
            let name = format!("trials/{}/start.{tag}.txt", trial.id);
            std::fs::write(dir.join(&name), &start).map_err(|e| format!("{name}: {e}"))?;
            let text = snippet_around(&start, &trial.id, w.lang, "app.css", "");
            let mut snippets = vec![format!("trials/{}/snippet.{tag}.html", trial.id)];
            if trial.id == own {
                snippets.push(format!("snippet.{tag}.html"));
            }
            for name in snippets {
                std::fs::write(dir.join(&name), &text).map_err(|e| format!("{name}: {e}"))?;
            }
            let key = match w.lang {
                trial_self_check::domain::Lang::En => "start:en",
                trial_self_check::domain::Lang::Zh => "start:zh-CN",
            };
            files.push((key, seal::sri(start.as_bytes())));
        }
    }
    let html = shorten_and_seal(dir, &html, &with_starts)?;
    for (id, files) in &sealed {
        let file = if *id == own {
            page.clone()
        } else {
            dir.join(format!("{id}.html"))
        };
        let text = prerender_page(&seal::seal_trial(&page_for(&html, &own, id), files)?)?;
        std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

/// The built page made over for trial `id` (the page names `own`): its root, title and plain
/// messages name `id` instead. Every mention of the id is of the trial, so a plain replace is
/// exact.
#[cfg(not(target_arch = "wasm32"))]
fn page_for(html: &str, own: &str, id: &str) -> String {
    if id == own {
        html.to_string()
    } else {
        html.replace(own, id)
    }
}

/// `prerender pack <trial folder> <out folder>`: the authoring kit's last step. When the check
/// finds nothing, writes the trial's files to `<out>/<ID>/<lang>.tsc` and its snippets beside
/// them, and prints the element a host page pastes (with the files' digests).
#[cfg(not(target_arch = "wasm32"))]
fn run_pack(
    dir: Option<std::path::PathBuf>,
    out: Option<std::path::PathBuf>,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let (Some(dir), Some(out)) = (dir, out) else {
        eprintln!(
            "usage: cargo run -p tsc-tools -- pack <trial folder> <out folder>   (writes <out>/<ID>/<lang>.tsc)"
        );
        return ExitCode::from(2);
    };
    match check::check(&dir) {
        Err(why) => {
            eprintln!("{why}");
            return ExitCode::FAILURE;
        }
        Ok(found) if !found.lines.is_empty() => {
            for line in &found.lines {
                eprintln!("{line}");
            }
            eprintln!(
                "{}: not packed: fix the problems above first (the check command lists them too)",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
        Ok(_) => {}
    }
    let packed = pack::read_trial(&dir).and_then(|trial| {
        let written = pack::write_trial(&trial, &out)?;
        let integrity: Vec<&str> = written.iter().map(|w| w.integrity.as_str()).collect();
        // Where the examples serve the folder; the host changes it to its own (docs/authoring.md).
        let files = format!(
            " src=\"/trials/{}/\" integrity=\"{}\"",
            trial.id,
            integrity.join(" ")
        );
        for w in &written {
            let file = out.join(format!("{}/snippet.{}.html", trial.id, w.lang.tag()));
            let text = prerender::snippet(&trial.id, w.lang, "app.css", &files)?;
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        Ok((trial, written, files))
    });
    match packed {
        Ok((trial, written, files)) => {
            for w in &written {
                println!("{}: {}", out.join(&w.name).display(), w.integrity);
            }
            println!(
                "On the host page (with {out}/{id}/ served at /trials/{id}/ on the site that serves embed.js; the snippets beside the files show the start screen at once):\n  <trial-self-check trial=\"{id}\"{files}></trial-self-check>",
                out = out.display(),
                id = trial.id
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("{why}");
            ExitCode::FAILURE
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
            let stories = if !found.has_stories {
                "no stories.json beside it".to_string()
            } else if found.stories == 0 {
                "no story could be read from stories.json".to_string()
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
fn shorten_and_seal(
    dir: &std::path::Path,
    page: &str,
    trials: &seal::TrialDigests,
) -> Result<String, String> {
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
        seal::seal_embed(&embed, &wasm, glue.as_bytes(), &css, trials)?.as_bytes(),
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
