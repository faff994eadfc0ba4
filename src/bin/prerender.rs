//! The build's pre-render step (a Trunk post-build hook, see `Trunk.toml`), natively: draws the
//! widget's first screen into the built `index.html`, and writes the host pages' optional
//! snippets `snippet.en.html` and `snippet.zh-CN.html` beside it (in `$TRUNK_STAGING_DIR`, else
//! the folder given).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use trial_self_check::domain::Lang;
    use trial_self_check::ui::prerender::{prerender_page, snippet, trial_of};
    let dir = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
    let page = dir.join("index.html");
    let done = std::fs::read_to_string(&page)
        .map_err(|e| format!("{}: {e}", page.display()))
        .and_then(|html| {
            let trial = trial_of(&html).unwrap_or("NCT07117435").to_string();
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

#[cfg(target_arch = "wasm32")]
fn main() {}
