//! Writes the compact encoding [`decode`](super::decode) reads: the interface strings `build.rs`
//! compiles into the widget, and a trial's file for one language (`<trial>/<lang>.tsc`), which the
//! build and the authoring kit's `pack` write from a checked `trial.json` and the widget fetches.
//!
//! Encoding (mirrored by the decoder): three streams — the structure, then every English text,
//! then every Chinese text, in the same order (each language together compresses better than the
//! two interleaved). In the structure: unsigned numbers and counts as LEB128, strings (ids) as
//! UTF-8 ended by a NUL byte, `Option` and `bool` as one byte, `Vec` as a count then the items,
//! enums as a tag byte then the fields, structs as their fields in declaration order; a `Text`
//! takes no room there, only its next entry in each language stream: English as UTF-8 ended by a
//! NUL byte (which compresses better than a length before each), Chinese as UTF-16LE ended by a
//! zero unit (two bytes a character rather than three: about 1 KB less gzip). Reviewer-only
//! fields (`registry`, `rule_in_words`, `rules_out`, `clauses`) are left out.
//!
//! A trial file holds one language: [`TRIAL_MAGIC`], the format version ([`TRIAL_FORMAT`]), the
//! language (0 English, 1 Chinese), the structure, then that language's texts, each after its
//! length (so a file cut short or lengthened is refused, even by a byte).
//! Its two languages' files share the structure byte for byte, so the widget reads a second
//! language against the first file's structure.

use crate::domain::model::*;
use std::collections::BTreeMap;

/// The first bytes of every trial file: what the widget checks before anything else.
pub const TRIAL_MAGIC: &[u8; 4] = b"TSCt";
/// The trial file format this build writes and reads; a file of another is refused by name.
pub const TRIAL_FORMAT: u32 = 1;

/// A trial's file for one language (see the header): what the widget fetches.
pub fn trial_file(trial: &Trial, lang: Lang) -> Vec<u8> {
    let mut blob = Blob::default();
    trial.enc(&mut blob);
    let mut out = TRIAL_MAGIC.to_vec();
    put_u32(&mut out, TRIAL_FORMAT);
    out.push(lang_byte(lang));
    let texts = match lang {
        Lang::En => &blob.en,
        Lang::Zh => &blob.zh,
    };
    for part in [&blob.structure, texts] {
        put_u32(&mut out, part.len());
        out.extend_from_slice(part);
    }
    out
}

fn lang_byte(lang: Lang) -> u8 {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

impl Enc for Lang {
    fn enc(&self, out: &mut Blob) {
        out.structure.push(lang_byte(*self));
    }
}

/// The three streams of a blob being written.
#[derive(Default)]
pub struct Blob {
    structure: Vec<u8>,
    en: Vec<u8>,
    zh: Vec<u8>,
}

impl Blob {
    /// The blob with both languages (the interface strings, compiled in): structure and English,
    /// each after its length, then Chinese.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::new();
        for part in [self.structure, self.en] {
            put_u32(&mut out, part.len());
            out.extend_from_slice(&part);
        }
        out.extend_from_slice(&self.zh);
        out
    }
}

fn put_u32(out: &mut Vec<u8>, n: impl TryInto<u32>) {
    let mut n = n.try_into().ok().expect("content sizes fit in u32");
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a value in the blob encoding.
pub trait Enc {
    fn enc(&self, out: &mut Blob);
}

impl Enc for u32 {
    fn enc(&self, out: &mut Blob) {
        put_u32(&mut out.structure, *self);
    }
}

impl Enc for String {
    fn enc(&self, out: &mut Blob) {
        put_str(&mut out.structure, self);
    }
}

/// A string ended by a NUL byte.
fn put_str(out: &mut Vec<u8>, s: &str) {
    assert!(
        !s.contains('\0'),
        "content text contains a NUL character: {s:?}"
    );
    out.extend_from_slice(s.as_bytes());
    out.push(0);
}

impl Enc for Text {
    fn enc(&self, out: &mut Blob) {
        put_str(&mut out.en, &self.en);
        // Chinese as UTF-16 (two bytes a character, not three), ended by a zero unit.
        for unit in self.zh.encode_utf16().chain([0]) {
            out.zh.extend_from_slice(&unit.to_le_bytes());
        }
    }
}

impl Enc for bool {
    fn enc(&self, out: &mut Blob) {
        out.structure.push(u8::from(*self));
    }
}

impl<T: Enc> Enc for Option<T> {
    fn enc(&self, out: &mut Blob) {
        self.is_some().enc(out);
        if let Some(v) = self {
            v.enc(out);
        }
    }
}

impl<T: Enc> Enc for Vec<T> {
    fn enc(&self, out: &mut Blob) {
        put_u32(&mut out.structure, self.len());
        self.iter().for_each(|v| v.enc(out));
    }
}

/// A map as a count, then each key and value (in key order).
impl<V: Enc> Enc for BTreeMap<String, V> {
    fn enc(&self, out: &mut Blob) {
        put_u32(&mut out.structure, self.len());
        for (k, v) in self {
            k.enc(out);
            v.enc(out);
        }
    }
}

impl<T: Enc> Enc for Box<T> {
    fn enc(&self, out: &mut Blob) {
        (**self).enc(out);
    }
}

/// A struct as its fields in order (the decoder reads them in the same order).
macro_rules! enc_struct {
    ($name:ident { $($field:ident),* }) => {
        impl Enc for $name {
            fn enc(&self, out: &mut Blob) {
                $(self.$field.enc(out);)*
            }
        }
    };
}

enc_struct!(ChoiceOption {
    id,
    label,
    counts_as_unknown
});
enc_struct!(Question {
    id,
    kind,
    text,
    hint,
    list,
    why,
    where_to_find,
    glossary,
    ask_when,
    ask_doctor
});
enc_struct!(AnswerTest { question, test });
enc_struct!(Criterion {
    id,
    kind,
    summary,
    fits_when,
    team_check,
    ask_doctor
});
enc_struct!(GlossaryEntry {
    id,
    term,
    definition
});
enc_struct!(Trial {
    id,
    content_version,
    registry_date,
    registry_url,
    languages,
    title,
    about,
    site,
    questions,
    criteria,
    glossary,
    earlier_versions
});
enc_struct!(Revision { before, changed });

impl Enc for QuestionKind {
    fn enc(&self, out: &mut Blob) {
        match self {
            QuestionKind::YesNo => out.structure.push(0),
            QuestionKind::Choice { options } => {
                out.structure.push(1);
                options.enc(out);
            }
            QuestionKind::Number { min, max, unit } => {
                out.structure.push(2);
                min.enc(out);
                max.enc(out);
                unit.enc(out);
            }
        }
    }
}

impl Enc for Test {
    fn enc(&self, out: &mut Blob) {
        match self {
            Test::Is(v) => {
                out.structure.push(0);
                out.structure.push(match v {
                    Reply::No => 0,
                    Reply::Yes => 1,
                    Reply::NotSure => 2,
                });
            }
            Test::OneOf(ids) => {
                out.structure.push(1);
                ids.enc(out);
            }
            Test::AtLeast(n) => {
                out.structure.push(2);
                n.enc(out);
            }
            Test::AtMost(n) => {
                out.structure.push(3);
                n.enc(out);
            }
            Test::Between(lo, hi) => {
                out.structure.push(4);
                lo.enc(out);
                hi.enc(out);
            }
        }
    }
}

impl Enc for Condition {
    fn enc(&self, out: &mut Blob) {
        match self {
            Condition::All(cs) => {
                out.structure.push(0);
                cs.enc(out);
            }
            Condition::Any(cs) => {
                out.structure.push(1);
                cs.enc(out);
            }
            Condition::Not(c) => {
                out.structure.push(2);
                c.enc(out);
            }
            Condition::Answer(t) => {
                out.structure.push(3);
                t.enc(out);
            }
        }
    }
}

impl Enc for CriterionKind {
    fn enc(&self, out: &mut Blob) {
        (*self == CriterionKind::Exclusion).enc(out);
    }
}
