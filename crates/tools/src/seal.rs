//! Seals the two loaders with the digests of what they load, so a file changed on the server fails
//! closed instead of running: `embed.js` gets the SHA-384 of the wasm, its glue and `app.css`
//! (it fetches the first two kinds with `integrity` and preloads the glue with it), and the page's
//! loader script gets the wasm's (`boot.js` fetches it with `integrity`). The page's `preload` of
//! the wasm goes: browsers ignore `integrity` on a preload of that kind (Chromium warns on every
//! load), and a preload whose request differs from the checked fetch would only be fetched twice.
//! The icon link's `integrity` goes too: icons are not among what browsers check.

use sha2::Digest;

/// The line in `embed.js` the digests replace (an empty object: an unsealed copy refuses to load).
const UNSEALED: &str = "const SEALED = {};";

/// The SRI value (`sha384-…`) of `bytes`.
pub fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        super::short_names::base64(&sha2::Sha384::digest(bytes))
    )
}

/// Each shipped trial's id with its files' digests by language tag.
pub type TrialDigests = [(String, Vec<(&'static str, String)>)];

/// `embed.js` with the digests of the files it loads written in: the wasm, its glue, `app.css`,
/// and each shipped trial's files (`trials: {ID: {en: …, "zh-CN": …}}`), which it knows by id.
pub fn seal_embed(
    embed: &str,
    wasm: &[u8],
    glue: &[u8],
    css: &[u8],
    trials: &TrialDigests,
) -> Result<String, String> {
    if embed.matches(UNSEALED).count() != 1 {
        return Err(format!("embed.js must hold `{UNSEALED}` once"));
    }
    let trials: Vec<String> = trials
        .iter()
        .map(|(id, files)| {
            let files: Vec<String> = files
                .iter()
                .map(|(tag, digest)| format!("\"{tag}\":\"{digest}\""))
                .collect();
            format!("\"{id}\":{{{}}}", files.join(","))
        })
        .collect();
    let sealed = format!(
        "const SEALED = {{\"wasm\":\"{}\",\"glue\":\"{}\",\"css\":\"{}\",\"trials\":{{{}}}}};",
        sri(wasm),
        sri(glue),
        sri(css),
        trials.join(",")
    );
    Ok(embed.replacen(UNSEALED, &sealed, 1))
}

/// The page with its trial's file digests on its root (`data-file-en`, `data-file-zh-cn`), which
/// `boot.js` fetches the files with.
pub fn seal_trial(page: &str, files: &[(&'static str, String)]) -> Result<String, String> {
    use super::prerender::tag_with_id;
    let root = tag_with_id(page, "div", "trial-self-check")
        .ok_or("the page has no <div id=\"trial-self-check\">")?;
    let digests: String = files
        .iter()
        .map(|(tag, digest)| format!(" data-file-{}=\"{digest}\"", tag.to_ascii_lowercase()))
        .collect();
    let at = root.end - 1; // the root tag's closing '>'
    Ok([&page[..at], &digests, &page[at..]].concat())
}

/// The page without its preload of the wasm (`wasm_href`), and with the wasm's digest on the
/// loader script (`data-wasm-integrity`, which `boot.js` fetches it with).
pub fn seal_page(page: &str, wasm_href: &str, wasm: &[u8]) -> Result<String, String> {
    use super::prerender::{attribute, tag_where};
    let mut page = page.to_string();
    while let Some(range) = tag_where(&page, "link", |tag| {
        attribute(tag, "rel") == Some("preload") && attribute(tag, "href") == Some(wasm_href)
    }) {
        page.replace_range(range, "");
    }
    if let Some(icon) = tag_where(&page, "link", |tag| {
        attribute(tag, "rel") == Some("icon") && attribute(tag, "integrity").is_some()
    }) {
        let tag = without_integrity(&page[icon.clone()]);
        page.replace_range(icon, &tag);
    }
    let loader = tag_where(&page, "script", |tag| {
        attribute(tag, "data-trunk-wasm") == Some(wasm_href)
    })
    .ok_or("the page has no loader script naming the wasm")?;
    let at = page[loader.clone()]
        .find(" data-trunk-wasm")
        .map(|i| loader.start + i)
        .ok_or("the loader script's data-trunk-wasm is not where it was")?;
    page.insert_str(at, &format!(" data-wasm-integrity=\"{}\"", sri(wasm)));
    Ok(page)
}

/// `tag` without its `integrity` attribute (quoted or not).
fn without_integrity(tag: &str) -> String {
    let Some(at) = tag.find(" integrity=") else {
        return tag.to_string();
    };
    let value = &tag[at + " integrity=".len()..];
    let len = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value.len(), |i| i + 2),
        _ => value
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(value.len()),
    };
    [&tag[..at], &value[len..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_is_the_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn embed_js_gets_the_three_digests_once() {
        let embed = "let a;\nconst SEALED = {};\nuse(SEALED);\n";
        let trials = [
            (
                "NCT1".to_string(),
                vec![
                    ("en", "sha384-e".to_string()),
                    ("zh-CN", "sha384-z".to_string()),
                ],
            ),
            ("NCT2".to_string(), vec![("en", "sha384-f".to_string())]),
        ];
        let sealed = seal_embed(embed, b"w", b"g", b"c", &trials).unwrap();
        assert_eq!(
            sealed,
            format!(
                "let a;\nconst SEALED = {{\"wasm\":\"{}\",\"glue\":\"{}\",\"css\":\"{}\",\"trials\":{{\"NCT1\":{{\"en\":\"sha384-e\",\"zh-CN\":\"sha384-z\"}},\"NCT2\":{{\"en\":\"sha384-f\"}}}}}};\nuse(SEALED);\n",
                sri(b"w"),
                sri(b"g"),
                sri(b"c")
            )
        );
        assert!(
            seal_embed(&sealed, b"w", b"g", b"c", &trials).is_err(),
            "sealed twice"
        );
        assert!(seal_embed("const SEALED = {a:1};", b"w", b"g", b"c", &trials).is_err());
    }

    #[test]
    fn the_wasm_preload_goes_and_its_digest_moves_to_the_loader() {
        let page = concat!(
            "<head><link rel=\"modulepreload\" href=\"./x.js\" integrity=\"sha384-g\">",
            "<link rel=\"preload\" href=\"./x_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-old\" as=\"fetch\" type=\"application/wasm\">",
            "<script type=\"module\" src=\"./boot.js\" data-trunk-js=\"./x.js\" data-trunk-wasm=\"./x_bg.wasm\"></script></head>"
        );
        assert_eq!(
            seal_page(page, "./x_bg.wasm", b"w").unwrap(),
            format!(
                "<head><link rel=\"modulepreload\" href=\"./x.js\" integrity=\"sha384-g\"><script type=\"module\" src=\"./boot.js\" data-trunk-js=\"./x.js\" data-wasm-integrity=\"{}\" data-trunk-wasm=\"./x_bg.wasm\"></script></head>",
                sri(b"w")
            )
        );
        assert!(seal_page("<p>", "./x_bg.wasm", b"w").is_err());
    }

    #[test]
    fn the_icon_loses_an_integrity_no_browser_checks() {
        let page = "<link href=./f.svg integrity=sha384-i rel=icon><link href=./app.css integrity=sha384-c rel=stylesheet><script data-trunk-wasm=./x_bg.wasm></script>";
        let sealed = seal_page(page, "./x_bg.wasm", b"w").unwrap();
        assert!(
            sealed.starts_with(
                "<link href=./f.svg rel=icon><link href=./app.css integrity=sha384-c rel=stylesheet>"
            ),
            "{sealed}"
        );
        assert_eq!(
            without_integrity(r#"<link integrity="sha384-a b" rel="icon">"#),
            r#"<link rel="icon">"#
        );
    }
}
