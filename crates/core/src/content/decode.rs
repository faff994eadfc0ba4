//! Reads the content blobs `build.rs` writes (its header describes the encoding). The blobs are
//! generated from the validated files at build time and checked against them by the test suite
//! (which also checks every byte is read). Reading has no panic path: past the end it reads zeros,
//! so a short blob would decode to empty lists and fail that test, not crash the page.

use super::UiText;
use crate::domain::model::*;
use std::collections::BTreeMap;

/// A cursor over one stream of a blob.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> u8 {
        let Some((first, rest)) = self.0.split_first() else {
            return 0;
        };
        self.0 = rest;
        *first
    }

    fn u32(&mut self) -> u32 {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = self.byte();
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (taken, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        taken
    }

    /// A UTF-16 (little-endian) string ended by a zero unit; unpaired surrogates read as U+FFFD.
    fn utf16(&mut self) -> String {
        let units = std::iter::from_fn(|| {
            let unit = u16::from_le_bytes([self.byte(), self.byte()]);
            (unit != 0).then_some(unit)
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }

    /// A NUL-terminated string.
    fn string(&mut self) -> String {
        let n = self.0.iter().position(|&b| b == 0).unwrap_or(self.0.len());
        let s = utf8(self.bytes(n));
        self.byte();
        s
    }
}

/// Always UTF-8 (build.rs writes Rust strings); checked, not trusted, but without a panic path:
/// a bad string would read as empty and fail the content test.
fn utf8(bytes: &[u8]) -> String {
    std::str::from_utf8(bytes).unwrap_or_default().to_owned()
}

/// A reader over a blob's three streams: structure, English texts, Chinese texts.
pub struct Reader<'a> {
    structure: Cursor<'a>,
    en: Cursor<'a>,
    zh: Cursor<'a>,
}

impl<'a> Reader<'a> {
    pub fn new(blob: &'a [u8]) -> Self {
        let mut rest = Cursor(blob);
        let n = rest.u32() as usize;
        let structure = Cursor(rest.bytes(n));
        let n = rest.u32() as usize;
        let en = Cursor(rest.bytes(n));
        Reader {
            structure,
            en,
            zh: rest,
        }
    }

    /// Whether every byte was read (the test suite checks the blobs decode exactly).
    pub fn is_done(&self) -> bool {
        self.structure.0.is_empty() && self.en.0.is_empty() && self.zh.0.is_empty()
    }

    fn byte(&mut self) -> u8 {
        self.structure.byte()
    }

    fn u32(&mut self) -> u32 {
        self.structure.u32()
    }

    fn string(&mut self) -> String {
        self.structure.string()
    }

    pub fn text(&mut self) -> Text {
        Text {
            en: self.en.string(),
            zh: self.zh.utf16(),
        }
    }

    fn flag(&mut self) -> bool {
        self.byte() != 0
    }

    fn option<T>(&mut self, read: fn(&mut Self) -> T) -> Option<T> {
        self.flag().then(|| read(self))
    }

    fn list<T>(&mut self, read: fn(&mut Self) -> T) -> Vec<T> {
        (0..self.u32()).map(|_| read(self)).collect()
    }

    /// Inserted one by one: `collect` into a map would sort, and bring a stable sort's code
    /// (once per value type, about 7 KB) into the wasm for keys the encoder already wrote in order.
    fn map<T>(&mut self, read: fn(&mut Self) -> T) -> BTreeMap<String, T> {
        let mut map = BTreeMap::new();
        for _ in 0..self.u32() {
            let key = self.string();
            map.insert(key, read(self));
        }
        map
    }

    fn condition(&mut self) -> Condition {
        match self.byte() {
            0 => Condition::All(self.list(Self::condition)),
            1 => Condition::Any(self.list(Self::condition)),
            2 => Condition::Not(Box::new(self.condition())),
            _ => Condition::Answer(AnswerTest {
                question: self.string(),
                test: match self.byte() {
                    0 => Test::Is(match self.byte() {
                        0 => Reply::No,
                        1 => Reply::Yes,
                        _ => Reply::NotSure,
                    }),
                    1 => Test::OneOf(self.list(Self::string)),
                    2 => Test::AtLeast(self.u32()),
                    3 => Test::AtMost(self.u32()),
                    _ => Test::Between(self.u32(), self.u32()),
                },
            }),
        }
    }

    fn question(&mut self) -> Question {
        Question {
            id: self.string(),
            kind: match self.byte() {
                0 => QuestionKind::YesNo,
                1 => QuestionKind::Choice {
                    options: self.list(|r| ChoiceOption {
                        id: r.string(),
                        label: r.text(),
                        counts_as_unknown: r.flag(),
                    }),
                },
                _ => QuestionKind::Number {
                    min: self.u32(),
                    max: self.u32(),
                    unit: self.text(),
                },
            },
            text: self.text(),
            hint: self.option(Self::text),
            list: self.list(Self::text),
            why: self.text(),
            where_to_find: self.text(),
            glossary: self.list(Self::string),
            ask_when: self.option(Self::condition),
            ask_doctor: self.option(Self::text),
        }
    }

    fn criterion(&mut self) -> Criterion {
        Criterion {
            id: self.string(),
            kind: if self.flag() {
                CriterionKind::Exclusion
            } else {
                CriterionKind::Inclusion
            },
            registry: String::new(),
            summary: self.text(),
            fits_when: self.option(Self::condition),
            team_check: self.option(Self::text),
            ask_doctor: self.option(Self::text),
            rule_in_words: None,
            rules_out: Vec::new(),
            clauses: Vec::new(),
        }
    }

    pub fn trial(&mut self) -> Trial {
        Trial {
            id: self.string(),
            content_version: self.string(),
            registry_date: self.string(),
            registry_url: self.string(),
            title: self.text(),
            about: self.list(Self::text),
            site: self.text(),
            questions: self.list(Self::question),
            criteria: self.list(Self::criterion),
            glossary: self.list(|r| GlossaryEntry {
                id: r.string(),
                term: r.text(),
                definition: r.text(),
            }),
            earlier_versions: self.list(|r| Revision {
                before: r.string(),
                changed: r.map(|r| r.map(Self::string)),
            }),
        }
    }

    /// The interface strings, written in `UiText`'s key order.
    pub fn ui(&mut self) -> UiText {
        UiText::from_fn(|_| self.text())
    }
}
