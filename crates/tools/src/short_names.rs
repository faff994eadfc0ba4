//! Shorter names between the wasm and its JavaScript glue, at build time (natively, never in the
//! wasm): wasm-bindgen names each of the module's JavaScript imports after the function and a
//! 16-digit hash (`__wbg_appendChild_dbf7ad2f48413560`), and the page downloads every such name
//! twice, in the wasm's import section and as a key in the glue; the hashes barely compress.
//! [`shorten`] renames them (and the glue's module name, and the exports the glue reads as
//! `wasm.<name>`) to one or two letters in both files, and the glue's own top-level functions
//! and variables (some named after a hash too) to `$0`, `$1`, …: about 5 KB less gzip for the
//! page.
//!
//! A name is renamed only where the glue uses it in the ways wasm-bindgen writes it (an import as
//! the single key `name:`; an export read as `wasm.name`, besides a wrapping function of the same
//! name); any other name keeps its own, so an unexpected glue is left working rather than broken.

use wasm_encoder::{EntityType, ExportKind, ExportSection, ImportSection, Module, RawSection};
use wasmparser::{ExportSectionReader, ImportSectionReader, Parser, Payload};

/// The wasm and its glue with the shared names shortened. Fails only on a wasm it cannot read.
/// The module is read with `wasmparser` and written with `wasm-encoder`: the import and export
/// sections anew, every other section as it was.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0") {
        return Err("not a WebAssembly module (version 1)".into());
    }
    let mut glue = glue.to_string();
    let mut names = Names::default();
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(unreadable)? {
            Payload::ImportSection(section) => {
                module.section(&imports(section, &mut glue, &mut names)?);
            }
            Payload::ExportSection(section) => {
                module.section(&exports(section, &mut glue, &mut names)?);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection {
                        id,
                        data: &wasm[range],
                    });
                }
            }
        }
    }
    own_functions(&mut glue);
    Ok((module.finish(), glue))
}

/// Why the module could not be read.
fn unreadable(e: wasmparser::BinaryReaderError) -> String {
    format!("the module cannot be read: {e}")
}

/// Renames the glue's own functions and variables (`function passStringToWasm0(…)`, the
/// closure wrappers wasm-bindgen names after a hash, `let WASM_VECTOR_LEN`, …) to `$0`, `$1`, …
/// in every use: the page's minifier keeps a module's top-level names. A name is renamed only
/// where every use of it is plainly a reference; one that could be a property, an object key
/// (also in `{a,b}` shorthand), a string, an export or a class member keeps its name.
fn own_functions(glue: &mut String) {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut found: Vec<String> = Vec::new();
    let mut add = |rest: &str, min: usize, next: &[char]| {
        let len = rest.bytes().take_while(|&b| ident(b)).count();
        let name = &rest[..len];
        let plain = !name.starts_with(|c: char| c.is_ascii_digit());
        if len > min && plain && rest[len..].starts_with(next) && !found.iter().any(|f| f == name) {
            found.push(name.to_string());
        }
    };
    for (at, _) in glue.match_indices("function ") {
        add(&glue[at + "function ".len()..], 2, &['(']);
    }
    // Variables: the names a `let` declares, at its own level (not inside an initialiser).
    for (at, _) in glue.match_indices("let ") {
        let mut depth = 0i32;
        let list = at + "let ".len();
        add(&glue[list..], 4, &['=', ',', ';']);
        for (i, c) in glue[list..].char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ';' if depth == 0 => break,
                ',' if depth == 0 => add(&glue[list + i + 1..], 4, &['=', ',', ';']),
                _ => {}
            }
            if depth < 0 {
                break;
            }
        }
    }
    let mut n = 0;
    for name in found {
        let uses = words(glue, &name);
        let reference = |at: usize| {
            let (before, after) = (&glue[..at], &glue[at + name.len()..]);
            let member = ["export function ", "get ", "set ", "static "];
            !(before.ends_with(['.', '"', '\'', '`'])
                || member.iter().any(|m| before.ends_with(m))
                || after.starts_with([':', '"', '\'', '`'])
                || (before.ends_with(['{', ',']) && after.starts_with(['}', ','])))
        };
        if !uses.iter().all(|&at| reference(at)) {
            continue;
        }
        let short = loop {
            let short = format!("${n}");
            n += 1;
            if words(glue, &short).is_empty() {
                break short;
            }
        };
        for &at in uses.iter().rev() {
            glue.replace_range(at..at + name.len(), &short);
        }
    }
}

/// The import section with short names for the glue's imports, renaming the keys in `glue`.
fn imports(
    section: ImportSectionReader,
    glue: &mut String,
    names: &mut Names,
) -> Result<ImportSection, String> {
    let mut out = ImportSection::new();
    let mut modules: Vec<(String, String)> = Vec::new();
    for import in section.into_imports() {
        let import = import.map_err(unreadable)?;
        let (module, field) = (import.module, import.name);
        // The glue's module is the one object key `"<module>":` in it.
        let short_module = match modules.iter().find(|(m, _)| *m == module) {
            Some((_, short)) => short.clone(),
            None => {
                let key = format!("\"{module}\":");
                let short = if glue.matches(&key).count() == 1 && glue.matches(module).count() == 1
                {
                    *glue = glue.replacen(&key, &format!("{MODULE}:"), 1);
                    MODULE.to_string()
                } else {
                    module.to_string()
                };
                modules.push((module.to_string(), short.clone()));
                short
            }
        };
        let field = match words(glue, field).as_slice() {
            [at] if glue[at + field.len()..].starts_with(':') => {
                let short = names.next_import();
                glue.replace_range(*at..at + field.len(), &short);
                short
            }
            _ => field.to_string(),
        };
        let ty = EntityType::try_from(import.ty).map_err(|_| {
            format!("the import {module}.{field} is of a kind this step cannot write")
        })?;
        out.import(&short_module, &field, ty);
    }
    Ok(out)
}

/// The export section with short names for the exports the glue reads only as `wasm.<name>`
/// (the name may also be a function of the glue's own).
fn exports(
    section: ExportSectionReader,
    glue: &mut String,
    names: &mut Names,
) -> Result<ExportSection, String> {
    let mut out = ExportSection::new();
    for export in section {
        let export = export.map_err(unreadable)?;
        let field = export.name;
        let (reads, others): (Vec<usize>, Vec<usize>) = words(glue, field)
            .into_iter()
            .partition(|&at| glue[..at].ends_with("wasm."));
        // The glue wraps some exports in a JavaScript function of the same name: where it
        // declares one, the bare name (not a property, not in quotes) is that function, not a
        // read of the export.
        let declared = glue.contains(&format!("function {field}("));
        let own_function =
            |at: usize| declared && !glue[..at].ends_with(['.', '"', '\'', '`', '[']);
        let field = if !reads.is_empty() && others.into_iter().all(own_function) {
            let short = names.next_export();
            // From the end, so the earlier positions stay valid.
            for &at in reads.iter().rev() {
                glue.replace_range(at..at + field.len(), &short);
            }
            short
        } else {
            field.to_string()
        };
        out.export(&field, ExportKind::from(export.kind), export.index);
    }
    Ok(out)
}

/// Where `word` stands in `text` as a whole JavaScript identifier.
fn words(text: &str, word: &str) -> Vec<usize> {
    let ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            !ident(text[..at].chars().next_back()) && !ident(text[at + word.len()..].chars().next())
        })
        .collect()
}

/// The glue module's short name (a valid key in the glue's import object).
const MODULE: &str = "$";

/// Short names handed out in turn: imports and exports each from `a`, `b`, … `Z`, `aa`, …
/// (separate namespaces). Letters only: valid as keys and after `wasm.`, and never one of
/// wasm-bindgen's own names, which are long.
#[derive(Default)]
struct Names {
    imports: usize,
    exports: usize,
}

impl Names {
    fn next_import(&mut self) -> String {
        self.imports += 1;
        letters(self.imports - 1)
    }
    fn next_export(&mut self) -> String {
        self.exports += 1;
        letters(self.exports - 1)
    }
}

/// The `n`th name of letters: `a` … `Z`, then `aa`, `ab`, …
fn letters(mut n: usize) -> String {
    const ALPHABET: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(ALPHABET[n % 52]);
        if n < 52 {
            break;
        }
        n = n / 52 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// The page with the `integrity` of every tag that loads `href` set to `bytes`' digest (a file
/// changed after Trunk wrote the page), in the algorithm the page already names.
pub fn with_integrity(page: &str, href: &str, bytes: &[u8]) -> Result<String, String> {
    use sha2::Digest;
    let mut page = page.to_string();
    let mut from = 0;
    while let Some(i) = page[from..].find('<') {
        let start = from + i;
        let end = start + page[start..].find('>').ok_or("a tag is not closed")? + 1;
        from = end;
        let tag = &page[start..end];
        if super::prerender::attribute(tag, "href") != Some(href) {
            continue;
        }
        let Some(old) = super::prerender::attribute(tag, "integrity") else {
            continue;
        };
        let unknown = || format!("unknown integrity algorithm in {tag}");
        let (algorithm, _) = old.split_once('-').ok_or_else(unknown)?;
        let digest = match algorithm {
            "sha256" => sha2::Sha256::digest(bytes).to_vec(),
            "sha384" => sha2::Sha384::digest(bytes).to_vec(),
            "sha512" => sha2::Sha512::digest(bytes).to_vec(),
            _ => return Err(unknown()),
        };
        let new = format!("{algorithm}-{}", base64(&digest));
        let at = start + tag.find(old).expect("the attribute is in its tag");
        page.replace_range(at..at + old.len(), &new);
        from = at + new.len();
    }
    Ok(page)
}

/// Standard base64 with padding, as SRI digests are written.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The module builder's own LEB128 and name writers (the step itself writes with wasm-encoder).
    fn leb(out: &mut Vec<u8>, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn name(out: &mut Vec<u8>, s: &str) {
        leb(out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }

    /// A module importing two functions from the glue's module and one from elsewhere, and
    /// exporting its memory and two functions.
    fn module(imports: &[(&str, &str)], exports: &[&str]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // One type: () -> ().
        m.extend([1, 4, 1, 0x60, 0, 0]);
        let mut body = Vec::new();
        leb(&mut body, imports.len() as u64);
        for (module, field) in imports {
            name(&mut body, module);
            name(&mut body, field);
            body.extend([0, 0]);
        }
        m.push(2);
        leb(&mut m, body.len() as u64);
        m.extend(body);
        let mut body = Vec::new();
        leb(&mut body, exports.len() as u64);
        for field in exports {
            name(&mut body, field);
            body.extend([0, 0]);
        }
        m.push(7);
        leb(&mut m, body.len() as u64);
        m.extend(body);
        m
    }

    #[test]
    fn shared_names_are_shortened_in_both_files() {
        let wasm = module(
            &[
                ("./x_bg.js", "__wbg_append_0123456789abcdef"),
                ("./x_bg.js", "__wbg_remove_fedcba9876543210"),
            ],
            &["__wbindgen_malloc", "memory", "invoke_h0123456789abcdef"],
        );
        let glue = r#"function i(){return{"./x_bg.js":{__wbg_append_0123456789abcdef:function(e){},__wbg_remove_fedcba9876543210:function(e){wasm.__wbindgen_malloc(1);invoke_h0123456789abcdef(e);f(invoke_h0123456789abcdef)}}}}let p=wasm.__wbindgen_malloc(2),q=wasm.memory.buffer;function invoke_h0123456789abcdef(e){wasm.invoke_h0123456789abcdef(e)}"#;
        let (wasm, glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(
            glue,
            r#"function i(){return{$:{a:function(e){},b:function(e){wasm.a(1);$0(e);f($0)}}}}let p=wasm.a(2),q=wasm.b.buffer;function $0(e){wasm.c(e)}"#
        );
        assert_eq!(wasm, module(&[("$", "a"), ("$", "b")], &["a", "b", "c"]));
    }

    #[test]
    fn names_used_any_other_way_are_kept() {
        let wasm = module(
            &[("./x_bg.js", "__wbg_f_01"), ("env", "g")],
            &["kept", "memory", "named"],
        );
        // The import is named twice; `kept` is read outside `wasm.`; `memory` is not read at all;
        // `named` is also a bare name that is not a function of the glue's own.
        let glue = r#"{"./x_bg.js":{__wbg_f_01:function(){}},x:"__wbg_f_01"};wasm.kept;other.kept;wasm.named;let{named}=wasm"#;
        let (short, same) = shorten(&wasm, glue).unwrap();
        assert_eq!(
            same,
            r#"{$:{__wbg_f_01:function(){}},x:"__wbg_f_01"};wasm.kept;other.kept;wasm.named;let{named}=wasm"#
        );
        assert_eq!(
            short,
            module(
                &[("$", "__wbg_f_01"), ("env", "g")],
                &["kept", "memory", "named"]
            )
        );
    }

    #[test]
    fn the_glues_own_functions_are_renamed_only_where_every_use_is_a_reference() {
        let wasm = module(&[], &[]);
        let glue = r#"function isLikeNone(e){return e==null}function passString(e){return isLikeNone(e)?0:x[passString]}export function mount_element(e){return passString(e)}function keyed(){}let o={keyed},p={$0:1};function dotted(){}q.dotted();function quoted(){}r("quoted");function $0x(){}"#;
        let (_, glue) = shorten(&wasm, glue).unwrap();
        // `$0` is taken (an object key), so the names start at `$1`; `mount_element` is an export,
        // `keyed` a shorthand key, `dotted` a property and `quoted` a string somewhere.
        assert_eq!(
            glue,
            r#"function $1(e){return e==null}function $2(e){return $1(e)?0:x[$2]}export function mount_element(e){return $2(e)}function keyed(){}let o={keyed},p={$0:1};function dotted(){}q.dotted();function quoted(){}r("quoted");function $3(){}"#
        );
    }

    #[test]
    fn the_glues_own_variables_are_renamed_too() {
        let wasm = module(&[], &[]);
        let glue = r#"let cachedMemory=null,WASM_VECTOR_LEN=0,tiny=1;let decoder=new TextDecoder("utf-8",{ignoreBOM:!0,fatal:!0});function f(e){return WASM_VECTOR_LEN=e,cachedMemory||decoder.decode(e)}let o={fatal:tiny};"#;
        let (_, glue) = shorten(&wasm, glue).unwrap();
        // `tiny` is too short to gain much; `fatal` is only a key in an initialiser.
        assert_eq!(
            glue,
            r#"let $0=null,$1=0,tiny=1;let $2=new TextDecoder("utf-8",{ignoreBOM:!0,fatal:!0});function f(e){return $1=e,$0||$2.decode(e)}let o={fatal:tiny};"#
        );
    }

    #[test]
    fn a_broken_module_is_refused() {
        assert!(shorten(b"not wasm", "").is_err());
        // The export section's last byte is missing.
        let mut cut = module(&[("m", "f")], &["e"]);
        cut.truncate(cut.len() - 1);
        assert!(shorten(&cut, "").is_err());
    }

    #[test]
    fn letters_count_on_after_the_alphabet() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(51), "Z");
        assert_eq!(letters(52), "aa");
        assert_eq!(letters(53), "ab");
        assert_eq!(letters(52 + 52 * 52 - 1), "ZZ");
        assert_eq!(letters(52 + 52 * 52), "aaa");
    }

    #[test]
    fn the_integrity_follows_the_new_bytes() {
        // sha384("abc") from FIPS 180-2, in base64.
        let abc = "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn";
        let page = "<link href=./x.js integrity=sha384-old rel=modulepreload><link href=./y.js integrity=sha384-keep>";
        let page = with_integrity(page, "./x.js", b"abc").unwrap();
        assert_eq!(
            page,
            format!(
                "<link href=./x.js integrity={abc} rel=modulepreload><link href=./y.js integrity=sha384-keep>"
            )
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }
}
