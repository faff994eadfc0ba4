//! The build's pre-render step (a Trunk post-build hook, see `Trunk.toml`): draws the widget's
//! first screen into the built `index.html` (`$TRUNK_STAGING_DIR`, else the path given), natively.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("TRUNK_STAGING_DIR").map(|d| PathBuf::from(d).join("index.html"))
        })
        .unwrap_or_else(|| PathBuf::from("dist/index.html"));
    let done = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|page| trial_self_check::ui::prerender::prerender_page(&page))
        .and_then(|page| std::fs::write(&path, page).map_err(|e| e.to_string()));
    match done {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("prerender: {}: {why}", path.display());
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
