//! The interface strings (buttons, headings, messages), one field per string.
//!
//! Declared through one macro so the struct, the loader's "both languages present" check and the
//! list of keys cannot drift apart. A missing key is a serde error naming the field.

use super::error::ContentError;
use crate::domain::Text;
use std::collections::BTreeMap;

macro_rules! ui_text {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {
        /// Each string's position in [`UiText`]: the order of this list, which is also the order
        /// `build.rs` writes the strings into the blob (it reads this list as `KEYS`).
        #[allow(non_camel_case_types)]
        enum Key { $($field),* }

        /// Every key, in order.
        pub const KEYS: &[&str] = &[$(stringify!($field)),*];

        /// Interface strings in both languages. `{name}` marks a value filled in at run time.
        /// One array rather than a field per string (see docs/size.md, rule 7).
        #[derive(Clone, Debug, PartialEq)]
        pub struct UiText {
            texts: [Text; KEYS.len()],
        }

        impl UiText {
            $($(#[$doc])* pub fn $field(&self) -> &Text {
                &self.texts[Key::$field as usize]
            })*
        }
    };
}

impl UiText {
    /// Builds the strings from one text per key, in [`KEYS`] order.
    pub fn from_fn(mut text: impl FnMut(usize) -> Text) -> UiText {
        UiText {
            texts: std::array::from_fn(&mut text),
        }
    }

    /// Builds the strings from a key → text map, naming every missing or unknown key.
    fn from_map(mut map: BTreeMap<String, Text>) -> Result<UiText, Vec<ContentError>> {
        let mut problems = Vec::new();
        let ui = UiText::from_fn(|i| {
            map.remove(KEYS[i]).unwrap_or_else(|| {
                problems.push(ContentError(format!(
                    "interface string `{}` is missing",
                    KEYS[i]
                )));
                Text::default()
            })
        });
        problems.extend(
            map.keys()
                .map(|k| ContentError(format!("interface string `{k}` is not used"))),
        );
        if problems.is_empty() {
            Ok(ui)
        } else {
            Err(problems)
        }
    }

    /// Every (key, text) pair, for checks such as "both languages present".
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &Text)> {
        KEYS.iter().copied().zip(self.texts.iter())
    }

    /// Parses the interface strings file (a JSON object of key → {en, zh-CN}).
    pub fn parse(json: &str) -> Result<UiText, Vec<ContentError>> {
        let map: BTreeMap<String, Text> = serde_json::from_str(json).map_err(|e| {
            vec![ContentError(format!(
                "interface strings are not valid: {e}"
            ))]
        })?;
        UiText::from_map(map)
    }

    /// Every key with a missing or empty translation, named.
    pub fn missing_translations(&self) -> Vec<ContentError> {
        let mut out = Vec::new();
        for (key, text) in self.entries() {
            if text.en.trim().is_empty() {
                out.push(ContentError(format!(
                    "interface string `{key}`: missing English text"
                )));
            }
            if text.zh.trim().is_empty() {
                out.push(ContentError(format!(
                    "interface string `{key}`: missing zh-CN translation"
                )));
            }
        }
        out
    }
}

ui_text! {
    app_title,
    /// `{min}` to `{max}` questions, `{m}` minutes.
    start_intro,
    not_advice,
    private_note,
    about_heading,
    switch_language,
    start,
    back,
    continue_,
    /// `{n}` position, `{total}` questions asked so far.
    progress,
    yes,
    no,
    not_sure,
    why_we_ask,
    where_to_find,
    /// `{term}`.
    glossary_prompt,
    number_not_sure,
    error_summary_title,
    error_choose,
    error_number_missing,
    error_number_format,
    /// `{min}`, `{max}`.
    error_number_range,
    error_prefix,
    decided_title,
    decided_because,
    decided_body,
    see_summary,
    keep_answering,
    summary_heading,
    outcome_likely,
    outcome_likely_body,
    outcome_possibly,
    outcome_possibly_body,
    outcome_not,
    outcome_not_body,
    group_fits,
    group_not,
    group_unknown,
    your_answer,
    /// What follows a label: ": " in English, "：" in Chinese.
    colon,
    no_answer,
    change,
    /// Visually hidden after "Change": which answer.
    change_which,
    meaning_fits,
    meaning_not,
    ask_your_doctor,
    team_heading,
    team_intro,
    take_part_heading,
    /// `{site}`.
    take_part_body,
    trial_id_label,
    registry_label,
    start_over,
    print,
    /// The FHIR QuestionnaireResponse download on the summary.
    download_fhir,
    /// `{version}`, `{date}`.
    content_version,
    unknown_trial,
    step_announce,
    answers_panel,
    keep_label,
    keep_warning,
    save_file,
    open_file,
    erase,
    erased,
    kept_on,
    kept_off,
    keep_failed,
    language_failed,
    /// `{date}`.
    restored,
    restored_changed,
    storage_corrupt,
    /// `{file}`.
    saved_file,
    import_title,
    /// `{date}`.
    import_intro,
    import_changes,
    import_same,
    import_dropped,
    dropped_unknown,
    dropped_invalid,
    dropped_changed,
    import_replace,
    import_cancel,
    import_cancelled,
    import_done,
    err_too_large,
    err_not_ours,
    /// `{found}`.
    err_other_trial,
    err_newer,
    err_read,
    idle_title,
    idle_body,
    idle_continue,
    idle_erased,
    answer_removed,
}

/// Fills `{name}` placeholders in one pass; unknown names are left as they are, and a value is
/// never read as a template. (A scan for `{` rather than `str::replace`: see docs/size.md, rule 7.)
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let found = rest.find('}').and_then(|close| {
            let name = &rest[1..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((close, *value))
        });
        match found {
            Some((close, value)) => {
                out.push_str(value);
                rest = &rest[close + 1..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(
                "Question {n} of about {total}",
                &[("n", "3"), ("total", "18")]
            ),
            "Question 3 of about 18"
        );
        assert_eq!(fill("{x} stays", &[("n", "1")]), "{x} stays");
        assert_eq!(fill("{n}{n} {", &[("n", "{n}")]), "{n}{n} {");
        assert_eq!(fill("a {} b}", &[("", "c")]), "a c b}");
    }
}
