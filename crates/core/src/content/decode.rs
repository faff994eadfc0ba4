//! Reads what [`encode`](super::encode) writes (its header describes the encoding): the interface
//! strings compiled into the widget, and the trial files the widget fetches. Reading has no panic
//! path: past the end it reads zeros, and a count longer than the bytes left marks the read
//! damaged, so a short or altered file is refused ([`TrialFileError::Damaged`]), never a crash or
//! an endless loop.

use super::UiText;
use super::encode::{TRIAL_FORMAT, TRIAL_MAGIC};
use crate::domain::model::*;
use std::collections::BTreeMap;

/// Why a trial file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrialFileError {
    /// It does not start as a trial file does (another file at that address, an error page).
    NotATrialFile,
    /// It was written for another version of the widget's trial format.
    OtherFormat(u32),
    /// It ends early, has bytes left over, or its two languages' files disagree.
    Damaged,
}

/// A trial file, read as far as its header.
#[derive(Clone, Copy, Debug)]
pub struct TrialFile<'a> {
    pub lang: Lang,
    structure: &'a [u8],
    texts: &'a [u8],
}

/// The header of a trial file (see `encode`).
pub fn trial_file(bytes: &[u8]) -> Result<TrialFile<'_>, TrialFileError> {
    let rest = bytes
        .strip_prefix(TRIAL_MAGIC.as_slice())
        .ok_or(TrialFileError::NotATrialFile)?;
    let mut rest = Cursor(rest);
    let format = rest.u32();
    if format != TRIAL_FORMAT {
        return Err(TrialFileError::OtherFormat(format));
    }
    let lang = match rest.byte() {
        0 => Lang::En,
        1 => Lang::Zh,
        _ => return Err(TrialFileError::Damaged),
    };
    let n = rest.u32() as usize;
    if n > rest.0.len() {
        return Err(TrialFileError::Damaged);
    }
    let structure = rest.bytes(n);
    if rest.u32() as usize != rest.0.len() {
        return Err(TrialFileError::Damaged);
    }
    Ok(TrialFile {
        lang,
        structure,
        texts: rest.0,
    })
}

/// The trial in `files` (one per language, sharing one structure): the texts of a language no
/// file gives are empty.
pub fn trial(files: &[TrialFile<'_>]) -> Result<Trial, TrialFileError> {
    let first = files.first().ok_or(TrialFileError::Damaged)?;
    if files.iter().any(|f| f.structure != first.structure) {
        return Err(TrialFileError::Damaged);
    }
    let texts = |lang| {
        files
            .iter()
            .find(|f| f.lang == lang)
            .map_or(&[][..], |f| f.texts)
    };
    let mut reader = Reader {
        structure: Cursor(first.structure),
        en: Cursor(texts(Lang::En)),
        zh: Cursor(texts(Lang::Zh)),
        damaged: false,
    };
    let trial = reader.trial();
    if reader.damaged || !reader.is_done() {
        return Err(TrialFileError::Damaged);
    }
    Ok(trial)
}

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
    /// A count was longer than the bytes left (every item takes at least one byte of a stream).
    damaged: bool,
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
            damaged: false,
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
        let n = self.count();
        (0..n).map(|_| read(self)).collect()
    }

    /// A count, or 0 (and the read marked damaged) when fewer bytes are left than it counts.
    fn count(&mut self) -> u32 {
        let n = self.u32();
        let left = self.structure.0.len() + self.en.0.len() + self.zh.0.len();
        if n as usize > left {
            self.damaged = true;
            return 0;
        }
        n
    }

    /// Inserted one by one: `collect` into a map would sort, and bring a stable sort's code
    /// (once per value type, about 7 KB) into the wasm for keys the encoder already wrote in order.
    fn map<T>(&mut self, read: fn(&mut Self) -> T) -> BTreeMap<String, T> {
        let mut map = BTreeMap::new();
        for _ in 0..self.count() {
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
            languages: self.list(|r| if r.byte() == 1 { Lang::Zh } else { Lang::En }),
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
