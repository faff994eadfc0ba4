//! Where a value sits in a JSON text: the line and column of the value a JSON pointer (RFC 6901)
//! names, so the authoring check can point a coordinator at the line to change. A small scanner
//! of its own, since serde_json keeps no positions; it reads only what serde_json already
//! accepted (a text it cannot read gives what it found before the fault).

use std::collections::HashMap;
use trial_self_check::content::pointer as step;

/// Every value's start in `text`, by JSON pointer (`""` is the whole text).
pub struct Positions<'a> {
    text: &'a str,
    starts: HashMap<String, usize>,
}

impl<'a> Positions<'a> {
    pub fn of(text: &'a str) -> Self {
        let mut scan = Scan {
            bytes: text.as_bytes(),
            at: 0,
            starts: HashMap::new(),
        };
        scan.value(String::new());
        Positions {
            text,
            starts: scan.starts,
        }
    }

    /// The 1-based line and column (in characters) of the value at `pointer`; a pointer to what
    /// is not there (a missing field) gives its nearest enclosing value's.
    pub fn line_col(&self, pointer: &str) -> (usize, usize) {
        let mut p = pointer;
        let offset = loop {
            if let Some(&o) = self.starts.get(p) {
                break o;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => break 0,
            }
        };
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        (line, col)
    }
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    starts: HashMap<String, usize>,
}

impl Scan<'_> {
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    /// Reads the value starting here (after any space), recording where it and everything in it
    /// starts. Stops early, without panicking, on a text that is not JSON.
    fn value(&mut self, pointer: String) -> Option<()> {
        self.skip_space();
        self.starts.insert(pointer.clone(), self.at);
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match *self.bytes.get(self.at)? {
                        b'}' => break,
                        b',' => self.at += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.skip_space();
                            (*self.bytes.get(self.at)? == b':').then_some(())?;
                            self.at += 1;
                            self.value(step(&pointer, key))?;
                        }
                        _ => return None,
                    }
                }
                self.at += 1;
            }
            b'[' => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    match *self.bytes.get(self.at)? {
                        b']' => break,
                        b',' => self.at += 1,
                        _ => {
                            self.value(step(&pointer, index))?;
                            index += 1;
                        }
                    }
                }
                self.at += 1;
            }
            b'"' => {
                self.string()?;
            }
            _ => {
                // A number, true, false or null: up to the next delimiter.
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !b",}] \t\r\n".contains(b))
                {
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    /// Reads a string starting at its opening quote; returns its text with escapes decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match *self.bytes.get(self.at)? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        let raw = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
        serde_json::from_str(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn finds_values_keys_and_missing_fields() {
        let text =
            "{\n  \"a\": [1, {\"b/c\": \"x\\\"y\"}],\n  \"zh-CN\": \"中文\",\n  \"n\": null\n}";
        let p = Positions::of(text);
        assert_eq!(p.line_col(""), (1, 1));
        assert_eq!(p.line_col("/a"), (2, 8));
        assert_eq!(p.line_col("/a/0"), (2, 9));
        assert_eq!(p.line_col("/a/1"), (2, 12));
        assert_eq!(p.line_col("/a/1/b~1c"), (2, 20));
        assert_eq!(p.line_col("/zh-CN"), (3, 12));
        assert_eq!(p.line_col("/n"), (4, 8));
        // A field that is not there: its object.
        assert_eq!(p.line_col("/a/1/missing"), (2, 12));
        assert_eq!(p.line_col("/nothing/here"), (1, 1));
    }

    #[test]
    fn a_broken_text_gives_what_came_before_the_fault() {
        let p = Positions::of("{\"a\": 1, \"b\": [tru");
        assert_eq!(p.line_col("/a"), (1, 7));
        assert_eq!(p.line_col("/b"), (1, 15));
    }
}
