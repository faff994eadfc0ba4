//! The trial as data: questions, answers, conditions and criteria.
//!
//! These types are deserialised straight from the trial's content file (see `content` and
//! `build.rs`, which reads the files with this very module), so their serde shape *is* the file
//! format.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The languages a string can ship in. English is every trial's; Chinese where the trial's
/// `languages` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    /// The BCP-47 tag written into `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Picks a language from a BCP-47 tag (`zh`, `zh-CN`, `zh-Hans`, `en-GB`…); `None` if neither.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// A string in the trial's languages (the interface strings: both). Each one the trial lists must be
/// non-empty; the loader names any that is missing.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default, rename = "zh-CN")]
    pub zh: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// One answer a patient gave. Every question accepts `NotSure`, which always evaluates to unknown.
/// (Its file form is written and read by `saved`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    NotSure,
    /// The id of one option of a choice question.
    Choice(String),
    /// A whole number, in the question's unit (years, months…).
    Number(u32),
}

impl Answer {
    /// The answer as one word, the way `earlier_versions` and the change log name it: `yes`,
    /// `no`, `not_sure`, an option id or a number.
    pub fn word(&self) -> String {
        match self {
            Answer::Yes => "yes".into(),
            Answer::No => "no".into(),
            Answer::NotSure => "not_sure".into(),
            Answer::Choice(id) => id.clone(),
            Answer::Number(n) => n.to_string(),
        }
    }
}

/// Answers by question id. Answers to hidden or unknown questions may be present; the engine
/// ignores them rather than failing.
pub type Answers = BTreeMap<String, Answer>;

/// How a patient answers a question. "Not sure" is offered for every kind.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Yes / No / Not sure.
    YesNo,
    /// One plain-language option among several, plus Not sure.
    Choice { options: Vec<ChoiceOption> },
    /// A whole number within `min..=max`, plus Not sure.
    Number { min: u32, max: u32, unit: Text },
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Text,
    /// Picking this option says "nobody has decided yet" (e.g. surgery not yet discussed): the
    /// answer is shown as given but evaluates like "not sure".
    #[serde(default)]
    pub counts_as_unknown: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    /// The question itself: the page heading, inside the legend.
    pub text: Text,
    /// Extra words under the question (examples, what counts).
    #[serde(default)]
    pub hint: Option<Text>,
    /// A bulleted list under the hint: names a patient looks for (medicines, illnesses).
    #[serde(default)]
    pub list: Vec<Text>,
    /// "Why we ask".
    pub why: Text,
    /// "Where to find this answer".
    pub where_to_find: Text,
    /// Glossary entries shown with the question.
    #[serde(default)]
    pub glossary: Vec<String>,
    /// The question is asked only when this condition fits (skip logic). It may refer only to
    /// earlier questions, so visibility can be computed in one pass.
    #[serde(default)]
    pub ask_when: Option<Condition>,
    /// What to ask a doctor when this question's answer is what leaves a criterion unknown: the
    /// question that settles *this* unknown. Without it, the criterion's own `ask_doctor` is shown.
    #[serde(default)]
    pub ask_doctor: Option<Text>,
}

impl Question {
    /// Whether `answer` picks an option that means "not decided yet".
    pub fn counts_as_unknown(&self, answer: &Answer) -> bool {
        match (&self.kind, answer) {
            (QuestionKind::Choice { options }, Answer::Choice(id)) => {
                options.iter().any(|o| &o.id == id && o.counts_as_unknown)
            }
            _ => false,
        }
    }

    /// Whether `answer` is a well-formed answer to this question (right kind, known option, in range).
    pub fn accepts(&self, answer: &Answer) -> bool {
        match (&self.kind, answer) {
            (_, Answer::NotSure) => true,
            (QuestionKind::YesNo, Answer::Yes | Answer::No) => true,
            (QuestionKind::Choice { options }, Answer::Choice(id)) => {
                options.iter().any(|o| &o.id == id)
            }
            (QuestionKind::Number { min, max, .. }, Answer::Number(n)) => (*min..=*max).contains(n),
            _ => false,
        }
    }
}

/// The reply a test compares against: `yes` or `no` (yes/no questions), or `not_sure` (any
/// question: "Not sure", or an option that counts as unknown). `not_sure` is for skip logic
/// only, so that a follow-up which could settle the criterion is asked after "Not sure" too; the
/// validator keeps it out of criteria, where "not sure" must stay unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Yes,
    No,
    NotSure,
}

/// A test on the answer to one question. A missing answer makes any test unknown; so does a
/// "not sure" one, except to `is: not_sure`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    Is(Reply),
    OneOf(Vec<String>),
    AtLeast(u32),
    AtMost(u32),
    /// Inclusive at both ends.
    Between(u32, u32),
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AnswerTest {
    pub question: String,
    #[serde(flatten)]
    pub test: Test,
}

/// A typed condition tree over answers, evaluated with Kleene logic (see `verdict`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Answer(AnswerTest),
}

impl Condition {
    /// Every question this condition reads, in order of appearance, without repeats.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_questions(&mut out);
        out
    }

    fn collect_questions<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.collect_questions(out))
            }
            Condition::Not(c) => c.collect_questions(out),
            Condition::Answer(t) => {
                if !out.contains(&t.question.as_str()) {
                    out.push(&t.question);
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    Inclusion,
    Exclusion,
}

/// One eligibility criterion (or sub-item) of the registry text.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Criterion {
    /// The registry's numbering: `I1`, `I2.2`, `E13`…
    pub id: String,
    pub kind: CriterionKind,
    /// The registry text, verbatim (English), for the criteria map. Required in the content file
    /// (the validator checks); left out of the compact copy the wasm embeds.
    #[serde(default)]
    pub registry: String,
    /// The criterion in plain words, for the summary.
    pub summary: Text,
    /// The patient part: the criterion fits when this condition fits. `None` = study team only.
    #[serde(default)]
    pub fits_when: Option<Condition>,
    /// The study-team part: what the team checks that a patient cannot answer.
    #[serde(default)]
    pub team_check: Option<Text>,
    /// What to ask a doctor when the patient part is unknown. Required with `fits_when`.
    #[serde(default)]
    pub ask_doctor: Option<Text>,
    /// The rule in words, for the criteria map (English; reviewers read the registry in English).
    #[serde(default)]
    pub rule_in_words: Option<String>,
    /// The audit of every way this criterion can say "does not fit" (reviewer-only, like
    /// `registry`): each answer path that rules a patient out, with the registry's words that make
    /// it certain. A content test fails on a "does not fit" path that no entry covers.
    #[serde(default)]
    pub rules_out: Vec<RuleOut>,
    /// The registry text split into its clauses (each listed item, each "or" branch), each with
    /// how the content covers it (reviewer-only, like `registry`). A rule can only be signed
    /// clause by clause: a clause no question, audit entry or study-team check speaks to would
    /// otherwise go unnoticed. A content test fails on registry words no clause accounts for.
    #[serde(default)]
    pub clauses: Vec<Clause>,
}

/// One clause of a criterion's registry text and how it is covered: at least one of a "does not
/// fit" path of the audit, a path that leaves the criterion not known, a study-team check, or
/// why it rules no one out. Unknown fields are refused: a misspelt way of covering a clause would
/// otherwise vanish unseen.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Words copied verbatim from the criterion's own `registry` text.
    pub text: String,
    /// The `rules_out` entries (1-based, as the criteria map numbers them) that rule a patient out
    /// on this clause: the answers and registry words that make it certain are kept once, there.
    #[serde(default)]
    pub does_not_fit: Vec<usize>,
    /// Answers that speak to this clause but leave the criterion not known, and why.
    #[serde(default)]
    pub not_known: Vec<NotKnownPath>,
    /// One plain sentence: what the study team checks, and why a patient cannot know it.
    #[serde(default)]
    pub team: Option<String>,
    /// One plain sentence, for a clause that rules no one out (an allowance or an exception, such
    /// as "gender not limited"): why no answer needs to speak to it.
    #[serde(default)]
    pub allows: Option<String>,
}

/// Answers that speak to a clause yet leave its criterion not known: a patient who gives them is
/// never told the criterion fits, because timing or the investigators' judgement decides.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotKnownPath {
    /// The answers on this path (the same shape as `fits_when`; never `is: not_sure`).
    pub when: Condition,
    /// One plain sentence: why these answers cannot settle the clause.
    pub why: String,
}

/// One "does not fit" path of a criterion and why it is certain.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RuleOut {
    /// The answers on this path: wherever it fits, the criterion does not fit.
    pub when: Condition,
    /// Words of the registry text (verbatim, English) that exclude a patient who gives them.
    pub quotes: Vec<String>,
    /// One plain sentence: why no patient who fits the study would give these answers.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GlossaryEntry {
    pub id: String,
    pub term: Text,
    pub definition: Text,
}

/// Everything the widget knows about one trial.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Trial {
    /// The registry id, e.g. `NCT07117435`.
    pub id: String,
    /// Version of this content file; bump it whenever questions or rules change.
    pub content_version: String,
    /// Date of the registry text the content was derived from (yyyy-mm-dd).
    pub registry_date: String,
    pub registry_url: String,
    /// The languages every text is written in, English first: both (the default), or English
    /// only, for a site where the study team speaks English. With one, no language switch shows.
    #[serde(default = "both_languages")]
    pub languages: Vec<Lang>,
    pub title: Text,
    /// Short paragraphs for the start screen's "About this study".
    pub about: Vec<Text>,
    pub site: Text,
    /// Questions in the order they are asked: decisive, easy ones first.
    pub questions: Vec<Question>,
    pub criteria: Vec<Criterion>,
    pub glossary: Vec<GlossaryEntry>,
    /// How answers saved with earlier content versions read today, newest change last.
    #[serde(default)]
    pub earlier_versions: Vec<Revision>,
}

fn both_languages() -> Vec<Lang> {
    vec![Lang::En, Lang::Zh]
}

/// The questions whose meaning changed in one content version, so an answer saved before it is
/// mapped where the meaning is the same and dropped (and listed) where it is not.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Revision {
    /// The content version that made the change: files saved with an older version are mapped.
    pub before: String,
    /// Question id → (answer as the saved file writes it → the answer it stands for today:
    /// `yes`, `no`, `not_sure` or an option id). An old answer not listed is dropped.
    pub changed: BTreeMap<String, BTreeMap<String, String>>,
}

/// A content version as numbers (`1.10.0` sorts after `1.9.2`); `None` if it is not `a.b.c`.
pub fn version_key(version: &str) -> Option<(u32, u32, u32)> {
    let mut parts = version.trim().split('.').map(|p| p.parse::<u32>().ok());
    let key = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(key)
}

impl Trial {
    /// `lang` if the trial is written in it, else English.
    pub fn language(&self, lang: Lang) -> Lang {
        if self.languages.contains(&lang) {
            lang
        } else {
            Lang::En
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn glossary_entry(&self, id: &str) -> Option<&GlossaryEntry> {
        self.glossary.iter().find(|g| g.id == id)
    }
}
