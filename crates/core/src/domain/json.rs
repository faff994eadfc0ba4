//! A small, strict JSON reader and a string quoter, for the saved-answers file.
//!
//! Why not a crate: see docs/size.md, rule 2 (serde_json and miniserde carry float parsing and generic
//! machinery the saved file never needs: its numbers are whole).
//! It accepts exactly the JSON that serde_json accepts up to a nesting depth of 128 (a property
//! test in `tests/saved.rs` compares the two), so recursion cannot exhaust the stack — except
//! numbers beyond f64's range, valid JSON that serde_json refuses and this reads as "some number". Numbers keep
//! only what the file needs: a non-negative whole number that fits in `u64`, or "some other number".

/// A parsed JSON value. Objects are maps: of a repeated key the last value wins, as in serde_json.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// `Some(n)` for a whole number in `0..=u64::MAX` without fraction or exponent, else `None`.
    Number(Option<u64>),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

use std::collections::BTreeMap;

/// Deeper nesting is refused (serde_json's own limit).
const MAX_DEPTH: usize = 128;

impl Json {
    /// Parses a whole document; `None` if it is not JSON.
    pub fn parse(text: &str) -> Option<Json> {
        let mut p = Parser { text, at: 0 };
        let value = p.value(MAX_DEPTH)?;
        p.skip_space();
        (p.at == text.len()).then_some(value)
    }

    /// An object's member.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => *n,
            _ => None,
        }
    }
}

/// `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.at += usize::from(found);
        found
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.skip_space();
        match self.peek()? {
            b'{' | b'[' if depth == 0 => None,
            b'{' => {
                self.at += 1;
                let mut members = BTreeMap::new();
                self.skip_space();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.skip_space();
                    if !self.eat(b':') {
                        return None;
                    }
                    let value = self.value(depth - 1)?;
                    members.insert(key, value);
                    self.skip_space();
                    if !self.eat(b',') {
                        return self.eat(b'}').then_some(Json::Object(members));
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth - 1)?);
                    self.skip_space();
                    if !self.eat(b',') {
                        return self.eat(b']').then_some(Json::Array(items));
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => self.number(),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        let found = self.text[self.at..].starts_with(word);
        self.at += word.len();
        found.then_some(value)
    }

    fn number(&mut self) -> Option<Json> {
        let negative = self.eat(b'-');
        let start = self.at;
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        let end = self.at;
        let mut whole = !negative;
        if self.eat(b'.') {
            whole = false;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Json::Number(
            whole.then(|| self.text[start..end].parse().ok()).flatten(),
        ))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        if !self.eat(b'"') {
            return None;
        }
        let mut out = String::new();
        loop {
            // Copy the plain run up to the next quote, backslash or control byte (all ASCII, so
            // the slice ends on a character boundary).
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            out.push_str(&self.text[start..self.at]);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(match self.next()? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => {
                        let first = self.hex4()?;
                        let code = match first {
                            0xD800..=0xDBFF => {
                                // A high surrogate must be followed by an escaped low one.
                                if !(self.eat(b'\\') && self.eat(b'u')) {
                                    return None;
                                }
                                let low = self.hex4()?;
                                if !(0xDC00..=0xDFFF).contains(&low) {
                                    return None;
                                }
                                0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                            }
                            _ => first,
                        };
                        char::from_u32(code)?
                    }
                    _ => return None,
                }),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Json, quote};

    #[test]
    fn reads_what_the_saved_file_uses() {
        let v =
            Json::parse(r#" {"a": [1, "x\u00e9\n", true, null], "n": 64, "a": -1.5e3} "#).unwrap();
        assert_eq!(v.get("n").and_then(Json::as_u64), Some(64));
        assert_eq!(
            v.get("a"),
            Some(&Json::Number(None)),
            "the last repeated key wins"
        );
        assert_eq!(
            Json::parse(r#""\ud83d\ude00""#),
            Some(Json::String("😀".into()))
        );
        assert_eq!(
            Json::parse("18446744073709551616"),
            Some(Json::Number(None))
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "tru",
            "\"\\ud800\"",
            "\"\u{1}\"",
            "[] []",
            "\"\\x\"",
        ] {
            assert_eq!(Json::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Json::parse(&"[".repeat(129)), None, "too deep");
        assert!(Json::parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_some());
    }

    #[test]
    fn quoted_strings_read_back_unchanged() {
        let s = "a \"quote\", a \\ backslash, a tab\t, a bell\u{7} and 中文";
        assert_eq!(Json::parse(&quote(s)), Some(Json::String(s.into())));
    }
}
