//! Architecture invariant: no import cycle between the modules of any crate of the workspace
//! (the widget, `crates/core`, `crates/tools`). Cargo refuses cycles between crates but not
//! between the modules of one, so this test reads every `.rs` file, takes each path in it (in
//! `use` trees, braces expanded, and inline: `crate::…`, `super::…`, `self::…`, or a child
//! module's name), resolves it to the module file it names, and fails on any cycle, naming its
//! modules. Inline modules (`mod tests { use super::*; }`) count as their file.
//!
//! Declaring a child (`mod x;`) is not an edge, but using it is: a `mod.rs` that re-exports a
//! child, and that child using something of its parent, make a cycle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path inside its crate: `["domain", "fhir"]`; the crate root is `[]`.
type Module = Vec<String>;

/// The workspace's crates: (name, source folder).
const CRATES: &[(&str, &str)] = &[
    ("trial-self-check", "src"),
    ("tsc-core", "crates/core/src"),
    ("tsc-tools", "crates/tools/src"),
];

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, dir) in CRATES {
        let files = sources(&root.join(dir));
        assert!(files.len() > 2, "{name}: no sources found in {dir}");
        let cycles = cycles(&graph(&files));
        assert!(
            cycles.is_empty(),
            "{name}: import cycles: {}",
            show(&cycles)
        );
    }
}

/// The checker finds a cycle through a parent's re-export, and one through a `use` tree.
#[test]
fn the_checker_finds_cycles() {
    let files = BTreeMap::from([
        (vec![], "mod a; mod b; mod c;".to_string()),
        (m("a"), "pub mod x; pub use x::Thing;".to_string()),
        (m("a/x"), "use super::Other;".to_string()),
        (m("b"), "use crate::{a::x::Thing, c};".to_string()),
        (m("c"), "fn f() -> crate::b::B { todo!() }".to_string()),
    ]);
    let found = show(&cycles(&graph(&files)));
    assert!(found.contains("a -> a::x -> a"), "{found}");
    assert!(found.contains("b -> c -> b"), "{found}");

    // Inline test modules' `super` is their file; an enum's variants are not modules.
    let acyclic = BTreeMap::from([
        (
            vec![],
            "mod a; mod b; use a::A; fn f() { b::B::new(); }".to_string(),
        ),
        (
            m("a"),
            "use crate::b::B; mod tests { use super::*; } // crate::x::Y".to_string(),
        ),
        (
            m("b"),
            "pub enum B { X } fn g() -> B { B::X } const S: &str = \"crate::a\";".to_string(),
        ),
    ]);
    assert_eq!(show(&cycles(&graph(&acyclic))), "");
}

fn m(path: &str) -> Module {
    path.split('/').map(str::to_string).collect()
}

/// Every module file under `dir`: its module path (`mod.rs`, `lib.rs` and `main.rs` are their
/// folder's module) and its text.
fn sources(dir: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap().with_extension("");
            let mut module: Module = rel
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(module, text);
        }
    }
    out
}

/// `text` without its comments, and with every string and char literal emptied.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['/', '"', '\'']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |j| &after[j..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |j| &after[j + 2..]);
        } else if let Some(after) = rest.strip_prefix('"') {
            // A string's text is not code. A raw string (`r#"…"#`) ends at its own marker and
            // has no escapes; another ends at the first quote not escaped.
            let hashes = out.len() - out.trim_end_matches('#').len();
            let raw = out.trim_end_matches('#').ends_with('r');
            let end = if raw {
                let close = format!("\"{}", "#".repeat(hashes));
                after.find(&close).map_or(after.len(), |j| j + close.len())
            } else {
                let mut escaped = false;
                after
                    .char_indices()
                    .find(|&(_, c)| {
                        let closes = c == '"' && !escaped;
                        escaped = c == '\\' && !escaped;
                        closes
                    })
                    .map_or(after.len(), |(j, _)| j + 1)
            };
            out.push_str("\"\"");
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('\'') {
            // A char literal (`'"'`, `'\''`) is skipped; a lifetime (`'a`) is kept.
            let mut chars = after.char_indices();
            let end = match chars.next() {
                Some((_, '\\')) => after[1..].find('\'').map(|j| j + 2),
                Some((_, c)) => (after[c.len_utf8()..].starts_with('\'')).then(|| c.len_utf8() + 1),
                None => None,
            };
            match end {
                Some(end) => {
                    out.push_str("' '");
                    rest = &after[end..];
                }
                None => {
                    out.push('\'');
                    rest = after;
                }
            }
        } else {
            out.push('/');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Each module and the modules it imports from.
fn graph(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut graph = BTreeMap::new();
    for (module, text) in files {
        let mut to = BTreeSet::new();
        for (inline, path) in paths(text) {
            let here: Module = module.iter().chain(&inline).cloned().collect();
            if let Some(target) = resolve(&here, &path, files)
                && &target != module
            {
                to.insert(target);
            }
        }
        graph.insert(module.clone(), to);
    }
    graph
}

/// Every path in `text`, with the inline modules it stands in (`mod tests { … }`). A path that
/// does not start with `crate`, `super` or `self` gets `self` put in front: it names a child
/// module or nothing of this crate (an external crate, a type, a variant), which resolves to the
/// module itself. `use` trees are expanded (`crate::a::{b, c::d}` gives `crate::a::b` and
/// `crate::a::c::d`).
fn paths(text: &str) -> Vec<(Module, Vec<String>)> {
    let tokens = tokens(&strip_comments(text));
    let mut out = Vec::new();
    // Open inline modules, each with the brace depth its body opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let after_sep = i > 0 && tokens[i - 1] == "::";
        let in_use = i > 0 && tokens[i - 1] == "use";
        let starts_path =
            is_ident(t) && !after_sep && (in_use || tokens.get(i + 1).is_some_and(|t| t == "::"));
        if starts_path || (in_use && t == "{") {
            let prefix = match t {
                "crate" | "super" | "self" => Vec::new(),
                _ => vec!["self".to_string()],
            };
            let mut found = Vec::new();
            // A use tree's braces are read here, both of them, so the depth count skips them.
            i = tree(&tokens, i, prefix, &mut found);
            let here: Module = inline.iter().map(|(m, _)| m.clone()).collect();
            out.extend(found.into_iter().map(|p| (here.clone(), p)));
            continue;
        }
        match t {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t == "{") => {
                inline.push((tokens[i + 1].clone(), depth));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads a path or use tree from `tokens[i]` with `prefix` before it; returns the next index.
fn tree(
    tokens: &[String],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match tokens.get(i).map(String::as_str) {
            Some("{") => {
                i += 1;
                while i < tokens.len() && tokens[i] != "}" {
                    i = tree(tokens, i, prefix.clone(), out);
                    if tokens.get(i).is_some_and(|t| t == ",") {
                        i += 1;
                    }
                }
                return i + 1;
            }
            Some(t) if is_ident(t) => {
                prefix.push(t.to_string());
                i += 1;
                if tokens.get(i).is_some_and(|t| t == "::") {
                    i += 1;
                } else {
                    out.push(prefix);
                    return i;
                }
            }
            _ => {
                out.push(prefix);
                return i;
            }
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a token is an identifier or keyword (tokens are whole words or single marks).
fn is_ident(token: &str) -> bool {
    token.chars().all(is_ident_char)
}

/// Identifiers, `::`, and each other non-space character as its own token.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_ident_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_ident_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(text[i..end].to_string());
        } else if c == ':' && chars.peek().is_some_and(|&(_, d)| d == ':') {
            chars.next();
            out.push("::".to_string());
        } else if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    out
}

/// The module file a path used in module `from` names: the longest leading part of it that is
/// a module file.
fn resolve(from: &Module, path: &[String], files: &BTreeMap<Module, String>) -> Option<Module> {
    let mut base: Module = from.clone();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        _ => {}
    }
    while rest.first().is_some_and(|s| s == "super") {
        base.pop()?;
        rest = &rest[1..];
    }
    let full: Module = base.into_iter().chain(rest.iter().cloned()).collect();
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|m| files.contains_key(m))
}

/// Every cycle the depth-first walk meets, as its modules in order with the first repeated.
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        marks: &mut BTreeMap<Module, Mark>,
        stack: &mut Vec<Module>,
        found: &mut Vec<Vec<Module>>,
    ) {
        marks.insert(m.clone(), Mark::Open);
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let at = stack.iter().position(|s| s == next).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    found.push(cycle);
                }
                Mark::New => visit(next, graph, marks, stack, found),
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(m.clone(), Mark::Done);
    }
    let mut marks = BTreeMap::new();
    let mut found = Vec::new();
    for m in graph.keys() {
        if marks.get(m).copied().unwrap_or(Mark::New) == Mark::New {
            visit(m, graph, &mut marks, &mut Vec::new(), &mut found);
        }
    }
    found
}

fn show(cycles: &[Vec<Module>]) -> String {
    let name = |m: &Module| {
        if m.is_empty() {
            "(root)".to_string()
        } else {
            m.join("::")
        }
    };
    cycles
        .iter()
        .map(|c| c.iter().map(name).collect::<Vec<_>>().join(" -> "))
        .collect::<Vec<_>>()
        .join("; ")
}
