//! Validation of a parsed trial: every reference resolves, every string exists in both languages,
//! every criterion is covered, every question can be reached and is used. Each problem says where
//! it is as a JSON pointer into the file (`/questions/3/text/zh-CN`), so the authoring check
//! (`tsc-tools check`) can name its line.

use super::error::{ContentError, Problem, pointer as at};
use crate::domain::Verdict;
use crate::domain::engine::evaluate;
use crate::domain::model::{
    Answer, Answers, Condition, Criterion, CriterionKind, Lang, Question, QuestionKind, Reply,
    Test, Text, Trial, version_key,
};
use std::collections::BTreeSet;

/// Every problem in `trial`, each naming its culprit; empty when the trial is sound.
pub fn validate(trial: &Trial) -> Vec<ContentError> {
    problems(trial)
        .into_iter()
        .map(|p| ContentError(p.message))
        .collect()
}

/// [`validate`]'s problems, each with where in the file it is.
pub fn problems(trial: &Trial) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
        chinese: trial.languages.contains(&Lang::Zh),
    };
    v.trial(trial);
    v.problems
}

struct Validator {
    problems: Vec<Problem>,
    /// The trial is written in Chinese too (`languages`), so every text needs its zh-CN.
    chinese: bool,
}

impl Validator {
    fn push(&mut self, at: impl Into<String>, message: String) {
        self.problems.push(Problem {
            at: at.into(),
            message,
        });
    }

    fn text(&mut self, place: &str, here: &str, text: &Text) {
        if text.en.trim().is_empty() {
            self.push(at(here, "en"), format!("{place}: missing English text"));
        }
        if self.chinese && text.zh.trim().is_empty() {
            self.push(
                at(here, "zh-CN"),
                format!("{place}: missing zh-CN translation"),
            );
        }
    }

    /// `ids`: each id with where it is written.
    fn duplicates<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = (&'a str, String)>) {
        let mut seen = BTreeSet::new();
        for (id, here) in ids {
            if id.trim().is_empty() {
                self.push(here, format!("{what}: an empty id"));
            } else if !seen.insert(id) {
                self.push(here, format!("{what} `{id}` is defined twice"));
            }
        }
    }

    fn trial(&mut self, t: &Trial) {
        // English is every trial's first language (the registry's, and the widget's fallback).
        if !matches!(t.languages.as_slice(), [Lang::En] | [Lang::En, Lang::Zh]) {
            self.push(
                "/languages",
                "trial: `languages` must be [\"en\"] or [\"en\", \"zh-CN\"]".into(),
            );
        }
        self.text("trial title", "/title", &t.title);
        self.text("trial site", "/site", &t.site);
        for (i, p) in t.about.iter().enumerate() {
            self.text(&format!("about paragraph {}", i + 1), &at("/about", i), p);
        }
        if t.about.is_empty() {
            self.push("/about", "trial: `about` has no paragraphs".into());
        }
        self.duplicates(
            "question",
            t.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), format!("/questions/{i}/id"))),
        );
        self.duplicates(
            "criterion",
            t.criteria
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), format!("/criteria/{i}/id"))),
        );
        self.duplicates(
            "glossary entry",
            t.glossary
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.as_str(), format!("/glossary/{i}/id"))),
        );

        for (i, g) in t.glossary.iter().enumerate() {
            let here = format!("/glossary/{i}");
            self.text(
                &format!("glossary `{}` term", g.id),
                &at(&here, "term"),
                &g.term,
            );
            self.text(
                &format!("glossary `{}` definition", g.id),
                &at(&here, "definition"),
                &g.definition,
            );
        }
        for (index, q) in t.questions.iter().enumerate() {
            self.question(t, index, q);
        }
        for (i, c) in t.criteria.iter().enumerate() {
            let here = format!("/criteria/{i}");
            let place = format!("criterion `{}`", c.id);
            self.text(
                &format!("{place} summary"),
                &at(&here, "summary"),
                &c.summary,
            );
            if c.registry.trim().is_empty() {
                self.push(
                    at(&here, "registry"),
                    format!("{place}: missing registry text"),
                );
            }
            match (&c.fits_when, &c.team_check) {
                (None, None) => self.push(here.clone(), format!(
                    "{place} is covered by nothing: give it a patient rule (`fits_when`) or a study-team part (`team_check`)"
                )),
                (None, Some(_)) if c.ask_doctor.is_some() => self.push(
                    at(&here, "ask_doctor"),
                    format!("{place}: `ask_doctor` without a patient rule"),
                ),
                _ => {}
            }
            if let Some(team) = &c.team_check {
                self.text(
                    &format!("{place} team check"),
                    &at(&here, "team_check"),
                    team,
                );
            }
            if let Some(rule) = &c.fits_when {
                self.criterion_condition(
                    t,
                    &format!("{place} rule"),
                    &at(&here, "fits_when"),
                    rule,
                    Reads::Counted,
                );
                match &c.ask_doctor {
                    Some(ask) => self.text(
                        &format!("{place} ask-a-doctor"),
                        &at(&here, "ask_doctor"),
                        ask,
                    ),
                    None => self.push(
                        here.clone(),
                        format!("{place}: a patient rule needs `ask_doctor` text"),
                    ),
                }
                if c.rule_in_words
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty())
                {
                    self.push(
                        at(&here, "rule_in_words"),
                        format!("{place}: a patient rule needs `rule_in_words`"),
                    );
                }
            }
            self.clauses(t, c, &place, &here);
        }
        self.revisions(t);
        for kind in [CriterionKind::Inclusion, CriterionKind::Exclusion] {
            if !t.criteria.iter().any(|c| c.kind == kind) {
                self.push("/criteria", format!("trial has no {kind:?} criteria"));
            }
        }
        // A question no rule reads is never worth a patient's time.
        for (i, q) in t.questions.iter().enumerate() {
            let used = t
                .criteria
                .iter()
                .filter_map(|c| c.fits_when.as_ref())
                .any(|r| r.questions().contains(&q.id.as_str()))
                || t.questions
                    .iter()
                    .filter_map(|o| o.ask_when.as_ref())
                    .any(|r| r.questions().contains(&q.id.as_str()));
            if !used {
                self.push(
                    format!("/questions/{i}"),
                    format!(
                        "question `{}` is not used by any criterion or skip rule",
                        q.id
                    ),
                );
            }
        }
    }

    /// A condition on a criterion's answers: well-formed, and never reading "not sure".
    fn criterion_condition(
        &mut self,
        t: &Trial,
        place: &str,
        here: &str,
        rule: &Condition,
        reads: Reads,
    ) {
        self.condition(t, place, here, rule, t.questions.len(), reads);
        if reads_not_sure(rule) {
            self.push(here, format!(
                "{place}: `is: not_sure` is for skip logic only; \"not sure\" must leave a criterion unknown"
            ));
        }
    }

    /// A criterion's clauses (reviewer-only) as structure: each says how it is covered, names
    /// audit entries that exist, and its "not known" answers read the questions and options there
    /// are. That each clause's words are the registry's, that every clause of the registry has
    /// one, and that a "not known" path never fits is for `tests/clauses.rs`.
    fn clauses(&mut self, t: &Trial, c: &Criterion, place: &str, criterion_at: &str) {
        for (i, clause) in c.clauses.iter().enumerate() {
            let here = format!("{criterion_at}/clauses/{i}");
            let mut words = clause.text.split_whitespace();
            let mut start = words.by_ref().take(6).collect::<Vec<_>>().join(" ");
            if words.next().is_some() {
                start.push('…');
            }
            let place = format!("{place} clause {} (\"{start}\")", i + 1);
            if clause.text.trim().is_empty() {
                self.push(at(&here, "text"), format!("{place}: empty `text`"));
            }
            if clause.does_not_fit.is_empty()
                && clause.not_known.is_empty()
                && clause.team.is_none()
                && clause.allows.is_none()
            {
                self.push(here.clone(), format!(
                    "{place} says nothing of how it is covered: give it `does_not_fit`, `not_known`, `team` or `allows`"
                ));
            }
            for (k, &n) in clause.does_not_fit.iter().enumerate() {
                if n == 0 || n > c.rules_out.len() {
                    self.push(format!("{here}/does_not_fit/{k}"), format!(
                        "{place}: `does_not_fit` names `rules_out` entry {n}, but the criterion has {} (counted from 1)",
                        c.rules_out.len()
                    ));
                }
            }
            for (j, path) in clause.not_known.iter().enumerate() {
                let path_at = format!("{here}/not_known/{j}");
                let place = format!("{place} not_known path {}", j + 1);
                if c.fits_when.is_none() {
                    self.push(path_at.clone(), format!(
                        "{place}: a criterion without a patient rule is never known from answers"
                    ));
                }
                self.criterion_condition(
                    t,
                    &place,
                    &at(&path_at, "when"),
                    &path.when,
                    Reads::Given,
                );
                if path.why.trim().is_empty() {
                    self.push(at(&path_at, "why"), format!("{place}: empty `why`"));
                }
            }
            for (field, text) in [("team", &clause.team), ("allows", &clause.allows)] {
                if text.as_deref().is_some_and(|s| s.trim().is_empty()) {
                    self.push(at(&here, field), format!("{place}: empty `{field}`"));
                }
            }
        }
    }

    /// Every mapping of an earlier version's answers names a question of this version and lands on
    /// an answer that question accepts; the versions are older than this one and in order.
    fn revisions(&mut self, t: &Trial) {
        let current = version_key(&t.content_version);
        if current.is_none() {
            self.push(
                "/content_version",
                format!(
                    "trial: content_version `{}` is not of the form 1.2.3",
                    t.content_version
                ),
            );
        }
        let mut previous = None;
        for (i, r) in t.earlier_versions.iter().enumerate() {
            let here = format!("/earlier_versions/{i}");
            let before_at = at(&here, "before");
            let place = format!("earlier version change `{}`", r.before);
            let key = version_key(&r.before);
            match key {
                None => self.push(
                    before_at,
                    format!("{place}: not a version of the form 1.2.3"),
                ),
                Some(k) if current.is_some_and(|c| k > c) => self.push(
                    before_at,
                    format!("{place} is newer than this content's version"),
                ),
                Some(k) if previous.is_some_and(|p| k <= p) => self.push(
                    before_at,
                    format!("{place} is not after the change before it"),
                ),
                _ => {}
            }
            previous = key.or(previous);
            for (id, map) in &r.changed {
                let changed_at = at(&at(&here, "changed"), id);
                let Some(q) = t.question(id) else {
                    self.push(
                        changed_at,
                        format!("{place} refers to unknown question `{id}`"),
                    );
                    continue;
                };
                // A later change of the same question reads this word in its own version's terms
                // (and drops what it does not list); only the last change must land on today's.
                let later = t.earlier_versions[i + 1..]
                    .iter()
                    .any(|l| l.changed.contains_key(id));
                for (old, new) in map {
                    if !later
                        && !crate::domain::saved::answer_for(q, new).is_some_and(|a| q.accepts(&a))
                    {
                        self.push(at(&changed_at, old), format!(
                            "{place}: `{old}` → `{new}` is not an answer question `{id}` accepts"
                        ));
                    }
                }
            }
        }
    }

    fn question(&mut self, t: &Trial, index: usize, q: &Question) {
        let here = format!("/questions/{index}");
        let place = format!("question `{}`", q.id);
        self.text(&place, &at(&here, "text"), &q.text);
        self.text(&format!("{place} why-we-ask"), &at(&here, "why"), &q.why);
        self.text(
            &format!("{place} where-to-find"),
            &at(&here, "where_to_find"),
            &q.where_to_find,
        );
        if let Some(hint) = &q.hint {
            self.text(&format!("{place} hint"), &at(&here, "hint"), hint);
        }
        for (i, item) in q.list.iter().enumerate() {
            self.text(
                &format!("{place} list item {}", i + 1),
                &format!("{here}/list/{i}"),
                item,
            );
        }
        if let Some(ask) = &q.ask_doctor {
            self.text(
                &format!("{place} ask-a-doctor"),
                &at(&here, "ask_doctor"),
                ask,
            );
        }
        // Spoken as "{question} {progress}": the question carries its own end mark.
        if !q.text.en.trim_end().ends_with('?')
            || (self.chinese && !q.text.zh.trim_end().ends_with('？'))
        {
            self.push(
                at(&here, "text"),
                format!("{place}: the question must end with “?” in English and “？” in Chinese"),
            );
        }
        for (i, g) in q.glossary.iter().enumerate() {
            if t.glossary_entry(g).is_none() {
                self.push(
                    format!("{here}/glossary/{i}"),
                    format!("{place} refers to unknown glossary entry `{g}`"),
                );
            }
        }
        match &q.kind {
            QuestionKind::YesNo => {}
            QuestionKind::Choice { options } => {
                let options_at = format!("{here}/kind/choice/options");
                if options.len() < 2 {
                    self.push(
                        options_at.clone(),
                        format!("{place} needs at least two options"),
                    );
                }
                self.duplicates(
                    &format!("{place} option"),
                    options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| (o.id.as_str(), format!("{options_at}/{i}/id"))),
                );
                for (i, o) in options.iter().enumerate() {
                    self.text(
                        &format!("{place} option `{}`", o.id),
                        &format!("{options_at}/{i}/label"),
                        &o.label,
                    );
                }
            }
            QuestionKind::Number { min, max, unit } => {
                let number_at = format!("{here}/kind/number");
                if min > max {
                    self.push(
                        number_at.clone(),
                        format!("{place}: min {min} is above max {max}"),
                    );
                }
                self.text(&format!("{place} unit"), &at(&number_at, "unit"), unit);
            }
        }
        if let Some(rule) = &q.ask_when {
            // Reachability is only worth asking of a rule that is itself well-formed.
            let before = self.problems.len();
            let rule_at = at(&here, "ask_when");
            self.condition(
                t,
                &format!("{place} ask_when"),
                &rule_at,
                rule,
                index,
                Reads::Counted,
            );
            if self.problems.len() == before && !can_be_asked(t, rule) {
                self.push(
                    rule_at,
                    format!("{place} is unreachable: no answers make its ask_when fit"),
                );
            }
        }
    }

    /// Checks that every test names a question that exists, comes before `before` (for skip
    /// rules), and has a test of the right kind with known options; and that a rule the engine
    /// evaluates names no option that counts as "not sure" ([`Reads::Counted`]).
    fn condition(
        &mut self,
        t: &Trial,
        place: &str,
        here: &str,
        c: &Condition,
        before: usize,
        reads: Reads,
    ) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                let key = list_key(c);
                if cs.is_empty() {
                    self.push(at(here, key), format!("{place}: an empty all/any"));
                }
                for (i, c) in cs.iter().enumerate() {
                    self.condition(t, place, &format!("{here}/{key}/{i}"), c, before, reads);
                }
            }
            Condition::Not(c) => self.condition(t, place, &at(here, "not"), c, before, reads),
            Condition::Answer(test) => {
                let here = at(here, "answer");
                let Some(pos) = t.questions.iter().position(|q| q.id == test.question) else {
                    self.push(
                        at(&here, "question"),
                        format!("{place} refers to unknown question `{}`", test.question),
                    );
                    return;
                };
                if pos >= before {
                    self.push(
                        at(&here, "question"),
                        format!(
                            "{place} refers to question `{}`, which is not asked before it",
                            test.question
                        ),
                    );
                }
                let q = &t.questions[pos];
                let ok = match (&q.kind, &test.test) {
                    // Every kind offers "Not sure".
                    (_, Test::Is(Reply::NotSure)) => true,
                    (QuestionKind::YesNo, Test::Is(_)) => true,
                    (QuestionKind::Choice { options }, Test::OneOf(ids)) => {
                        for (i, id) in ids.iter().enumerate() {
                            let id_at = format!("{here}/one_of/{i}");
                            match options.iter().find(|o| &o.id == id) {
                                    None => self.push(id_at, format!(
                                        "{place} refers to unknown option `{id}` of question `{}`",
                                        q.id
                                    )),
                                    Some(o) if o.counts_as_unknown && reads == Reads::Counted => self.push(id_at, format!(
                                        "{place} names option `{id}` of question `{}`, which counts as \"not sure\" (`counts_as_unknown`): a rule never sees it, so this part can never match; leave it out, or test `is: not_sure` in a skip rule",
                                        q.id
                                    )),
                                    Some(_) => {}
                                }
                        }
                        true
                    }
                    (
                        QuestionKind::Number { .. },
                        Test::AtLeast(_) | Test::AtMost(_) | Test::Between(..),
                    ) => true,
                    _ => false,
                };
                if !ok {
                    self.push(
                        here.clone(),
                        format!(
                            "{place}: the test {:?} does not suit question `{}`",
                            test.test, q.id
                        ),
                    );
                }
            }
        }
    }
}

/// How the engine reads the answers a condition tests.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// As it counts them (`effective_answers`): an option that counts as unknown reads "not sure"
    /// before any rule sees it, so a rule that names one can never match. `fits_when`, `ask_when`.
    Counted,
    /// As the patient gave them: a clause's `not_known` paths, which describe the answers.
    Given,
}

/// The key a list of conditions is written under in the file: `all` or `any`.
fn list_key(c: &Condition) -> &'static str {
    if matches!(c, Condition::All(_)) {
        "all"
    } else {
        "any"
    }
}

/// Whether `c` tests for a "not sure" answer anywhere.
fn reads_not_sure(c: &Condition) -> bool {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_not_sure),
        Condition::Not(c) => reads_not_sure(c),
        Condition::Answer(at) => at.test == Test::Is(Reply::NotSure),
    }
}

/// Whether some combination of answers to the questions `rule` reads makes it fit. The rules
/// read one or two questions, so trying every option (and each number threshold) is cheap.
fn can_be_asked(t: &Trial, rule: &Condition) -> bool {
    let ids = rule.questions();
    let candidates: Vec<Vec<Answer>> = ids
        .iter()
        .filter_map(|id| t.question(id))
        .map(candidate_answers)
        .collect();
    let mut index = vec![0usize; candidates.len()];
    for _ in 0..10_000 {
        let answers: Answers = ids
            .iter()
            .zip(&candidates)
            .zip(&index)
            .map(|((id, c), &i)| (id.to_string(), c[i].clone()))
            .collect();
        // Gate questions must themselves be asked for their answers to count.
        let effective = crate::domain::engine::effective_answers(t, &answers);
        if evaluate(rule, &effective) == Verdict::Fits {
            return true;
        }
        // Odometer over the candidate lists.
        let mut k = 0;
        loop {
            if k == index.len() {
                return false;
            }
            index[k] += 1;
            if index[k] < candidates[k].len() {
                break;
            }
            index[k] = 0;
            k += 1;
        }
    }
    false
}

fn candidate_answers(q: &Question) -> Vec<Answer> {
    let mut out = vec![Answer::NotSure];
    match &q.kind {
        QuestionKind::YesNo => out.extend([Answer::Yes, Answer::No]),
        QuestionKind::Choice { options } => {
            out.extend(options.iter().map(|o| Answer::Choice(o.id.clone())))
        }
        QuestionKind::Number { min, max, .. } => {
            out.extend([*min, *max].map(Answer::Number));
        }
    }
    out
}
