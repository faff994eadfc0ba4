//! The first screen at build time (natively, never in the wasm): Yew's server renderer draws the
//! same `App` the browser will mount, and [`prerender_page`] puts it into the built page in place
//! of the loading line, so a patient reads the start screen while the wasm downloads.
//!
//! The server renderer, not a template: the markup comes from the very components the widget
//! renders, so the two cannot drift apart and the takeover at mount shows no jump. Until the
//! widget is ready every control in the static copy is `disabled` (a click would do nothing);
//! `boot.js` arms Start and the language switch as soon as it runs and passes a press on to the
//! widget through the root's `data-pending-*` attributes.

use trial_self_check::content::DEFAULT_TRIAL;
use trial_self_check::domain::Lang;
use trial_self_check::ui::{App, AppProps, STATIC_MARK};

/// Renders the widget's first screen for the root `<div id="trial-self-check">` in `page` (its
/// `data-trial`, and the page's `lang`) and returns the page with the screen in place of the
/// loading line (`id="tsc-loading"`). Attribute quotes are optional (the release page is minified).
pub fn prerender_page(page: &str) -> Result<String, String> {
    let root = tag_with_id(page, "div", "trial-self-check")
        .ok_or("the page has no <div id=\"trial-self-check\">")?;
    let loading =
        tag_with_id(page, "p", "tsc-loading").ok_or("the page has no loading line to replace")?;
    let loading_end = page[loading.start..]
        .find("</p>")
        .map(|i| loading.start + i + "</p>".len())
        .ok_or("the loading line is not closed")?;
    let trial = trial_of(page).unwrap_or(DEFAULT_TRIAL);
    let lang = tag_with_name(page, "html")
        .and_then(|html| attribute(&page[html], "lang"))
        .and_then(Lang::from_tag)
        .unwrap_or_default();
    let screen = first_screen(trial, lang)?;
    let open_end = root.end - 1; // the root tag's closing '>'
    Ok([
        &page[..open_end],
        " ",
        STATIC_MARK,
        &page[open_end..loading.start],
        &screen,
        &page[loading_end..],
    ]
    .concat())
}

/// The trial the page's root names (`data-trial`).
pub fn trial_of(page: &str) -> Option<&str> {
    attribute(
        &page[tag_with_id(page, "div", "trial-self-check")?],
        "data-trial",
    )
}

/// The optional snippet a host page pastes instead of a bare `<trial-self-check>` tag, so the
/// element's start screen arrives with the host's page too: a declarative shadow root holding the
/// widget's stylesheet (`stylesheet`, the URL where the host serves `app.css`) and its first
/// screen, which `embed.js` arms and the widget takes over as on the standalone page. A browser
/// without declarative shadow DOM ignores the template and shows the loading line after it.
/// `files`: the attributes naming a hospital's own trial's files (` src="…" integrity="…"`, from
/// `pack`), or nothing for a shipped trial.
pub fn snippet(trial: &str, lang: Lang, stylesheet: &str, files: &str) -> Result<String, String> {
    let screen = first_screen(trial, lang)?;
    Ok(snippet_around(&screen, trial, lang, stylesheet, files))
}

/// [`snippet`] around a first screen already drawn (`screen`, from [`first_screen`]).
pub fn snippet_around(
    screen: &str,
    trial: &str,
    lang: Lang,
    stylesheet: &str,
    files: &str,
) -> String {
    let tag = lang.tag();
    format!(
        "<trial-self-check trial=\"{trial}\"{files} lang=\"{tag}\"><template shadowrootmode=\"open\">\
         <link rel=\"stylesheet\" href=\"{stylesheet}\">\
         <div class=\"tsc-root\" dir=\"ltr\" {STATIC_MARK}>{screen}</div></template>\
         <p>Loading the self-check… <span lang=\"zh-CN\">正在加载自查工具…</span> \
         https://clinicaltrials.gov/study/{trial}</p></trial-self-check>\n"
    )
}

/// The wasm and the JS glue the page's loader script names (`data-trunk-wasm`, `data-trunk-js`).
pub fn loader_files(page: &str) -> Option<(&str, &str)> {
    let range = tag_where(page, "script", |tag| {
        attribute(tag, "data-trunk-wasm").is_some()
    })?;
    let tag = &page[range];
    Some((
        attribute(tag, "data-trunk-wasm")?,
        attribute(tag, "data-trunk-js")?,
    ))
}

/// The widget's first screen with its controls disabled, or why there is none: what the page,
/// the snippets and a bare tag's start file (`trials/<ID>/start.<lang>.txt`) show before the
/// widget is ready.
pub fn first_screen(trial: &str, lang: Lang) -> Result<String, String> {
    let screen = disable_controls(&render(trial, lang));
    if screen.contains("id=\"tsc-start\"") {
        Ok(screen)
    } else {
        Err(format!("the first screen for {trial} has no Start button"))
    }
}

/// The App's first render as HTML, exactly as the browser will build it (no hydration markers).
fn render(trial: &str, lang: Lang) -> String {
    let props = AppProps {
        trial: trial.to_string(),
        lang,
        history: true,
        on_outcome: None,
        record: String::new(),
        start: false,
        load_language: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime needs no OS resources that can fail");
    tokio::task::LocalSet::new().block_on(
        &runtime,
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Every button and input of the static copy is disabled: it cannot act before the widget has
/// loaded, and the benchmark's "ready" probe rightly skips a disabled control.
fn disable_controls(html: &str) -> String {
    html.replace("<button ", "<button disabled ")
        .replace("<input ", "<input disabled ")
}

/// The byte range of the first `<name …>` start tag whose `id` is `id`.
pub fn tag_with_id(page: &str, name: &str, id: &str) -> Option<std::ops::Range<usize>> {
    tag_where(page, name, |tag| attribute(tag, "id") == Some(id))
}

/// The byte range of the first `<name …>` start tag that `wanted` accepts.
pub(super) fn tag_where(
    page: &str,
    name: &str,
    wanted: impl Fn(&str) -> bool,
) -> Option<std::ops::Range<usize>> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = page[from..].find(&open) {
        let start = from + i;
        let end = start + page[start..].find('>')? + 1;
        if wanted(&page[start..end]) {
            return Some(start..end);
        }
        from = end;
    }
    None
}

/// The byte range of the first `<name …>` start tag.
fn tag_with_name(page: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let start = page.find(&format!("<{name}"))?;
    Some(start..start + page[start..].find('>')? + 1)
}

/// An attribute's value in one start tag, quoted or not.
pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.match_indices(name).find_map(|(i, _)| {
        let before = tag[..i].chars().next_back()?;
        let rest = tag[i + name.len()..].strip_prefix('=')?;
        before.is_whitespace().then_some(rest)
    })?;
    match at.chars().next()? {
        q @ ('"' | '\'') => at[1..].split(q).next(),
        _ => at
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .map(|v| v.trim_end_matches('/')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trial_self_check::content::{NCT07117435_JSON, add_trial_json};

    /// The trial these tests draw, loaded on this test's thread as the build loads it.
    fn shipped() {
        add_trial_json(NCT07117435_JSON).unwrap();
    }

    const PAGE: &str = r#"<!doctype html><html lang=en><head></head><body><main class=tsc-page><div id=trial-self-check data-trial=NCT07117435><p class=tsc-loading id=tsc-loading>Loading…</p><div id=tsc-fallback hidden>x</div></div></main></body></html>"#;

    #[test]
    fn the_start_screen_replaces_the_loading_line() {
        shipped();
        let page = prerender_page(PAGE).unwrap();
        assert!(!page.contains("tsc-loading"), "{page}");
        assert!(page.contains("<div id=trial-self-check data-trial=NCT07117435 data-static>"));
        assert!(
            page.contains(r#"<button disabled type="button" id="tsc-start""#),
            "{page}"
        );
        assert!(page.contains("Could this study suit me?"));
        assert!(page.contains(r#"<div id=tsc-fallback hidden>x</div></div></main>"#));
        assert!(!page.contains("<button type"), "every control is disabled");
    }

    #[test]
    fn the_page_language_is_rendered() {
        shipped();
        let page = prerender_page(&PAGE.replace("lang=en", r#"lang="zh-CN""#)).unwrap();
        assert!(page.contains("这项研究适合我吗"), "{page}");
    }

    #[test]
    fn a_page_without_its_parts_is_refused() {
        shipped();
        assert!(prerender_page("<html><body></body></html>").is_err());
        assert!(prerender_page(&PAGE.replace("id=tsc-loading", "")).is_err());
        let unknown = prerender_page(&PAGE.replace("NCT07117435", "NCT0")).unwrap_err();
        assert!(unknown.contains("no Start button"), "{unknown}");
    }

    #[test]
    fn the_snippet_carries_the_screen_in_a_declarative_shadow_root() {
        shipped();
        let en = snippet("NCT07117435", Lang::En, "/vendor/tsc/app.css", "").unwrap();
        assert!(en.starts_with(r#"<trial-self-check trial="NCT07117435" lang="en"><template shadowrootmode="open"><link rel="stylesheet" href="/vendor/tsc/app.css"><div class="tsc-root" dir="ltr" data-static><div lang="en" class="tsc">"#), "{en}");
        assert!(en.contains(r#"<button disabled type="button" id="tsc-start""#));
        assert!(en.trim_end().ends_with("</p></trial-self-check>"));
        let zh = snippet("NCT07117435", Lang::Zh, "app.css", "").unwrap();
        assert!(zh.contains(r#"lang="zh-CN"><template"#) && zh.contains("这项研究适合我吗"));
        assert!(snippet("NCT0", Lang::En, "app.css", "").is_err());
    }

    #[test]
    fn attributes_are_read_quoted_or_not() {
        assert_eq!(attribute(r#"<div id="a b" x=y>"#, "id"), Some("a b"));
        assert_eq!(attribute("<div data-id=q id=r>", "id"), Some("r"));
        assert_eq!(attribute("<p id=z>", "id"), Some("z"));
        assert_eq!(attribute("<p>", "id"), None);
    }
}
