//! Validation of a parsed trial: every reference resolves, every string exists in both languages,
//! every criterion is covered, every question can be reached and is used.

use super::error::ContentError;
use crate::domain::Verdict;
use crate::domain::engine::evaluate;
use crate::domain::model::{
    Answer, Answers, Condition, Criterion, CriterionKind, Question, QuestionKind, Reply, Test,
    Text, Trial, version_key,
};
use std::collections::BTreeSet;

/// Every problem in `trial`, each naming its culprit; empty when the trial is sound.
pub fn validate(trial: &Trial) -> Vec<ContentError> {
    let mut v = Validator::default();
    v.trial(trial);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<ContentError>,
}

impl Validator {
    fn push(&mut self, msg: String) {
        self.problems.push(ContentError(msg));
    }

    fn text(&mut self, place: &str, text: &Text) {
        if text.en.trim().is_empty() {
            self.push(format!("{place}: missing English text"));
        }
        if text.zh.trim().is_empty() {
            self.push(format!("{place}: missing zh-CN translation"));
        }
    }

    fn duplicates<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.push(format!("{what}: an empty id"));
            } else if !seen.insert(id) {
                self.push(format!("{what} `{id}` is defined twice"));
            }
        }
    }

    fn trial(&mut self, t: &Trial) {
        self.text("trial title", &t.title);
        self.text("trial site", &t.site);
        for (i, p) in t.about.iter().enumerate() {
            self.text(&format!("about paragraph {}", i + 1), p);
        }
        if t.about.is_empty() {
            self.push("trial: `about` has no paragraphs".into());
        }
        self.duplicates("question", t.questions.iter().map(|q| q.id.as_str()));
        self.duplicates("criterion", t.criteria.iter().map(|c| c.id.as_str()));
        self.duplicates("glossary entry", t.glossary.iter().map(|g| g.id.as_str()));

        for g in &t.glossary {
            self.text(&format!("glossary `{}` term", g.id), &g.term);
            self.text(&format!("glossary `{}` definition", g.id), &g.definition);
        }
        for (index, q) in t.questions.iter().enumerate() {
            self.question(t, index, q);
        }
        for c in &t.criteria {
            let place = format!("criterion `{}`", c.id);
            self.text(&format!("{place} summary"), &c.summary);
            if c.registry.trim().is_empty() {
                self.push(format!("{place}: missing registry text"));
            }
            match (&c.fits_when, &c.team_check) {
                (None, None) => self.push(format!(
                    "{place} is covered by nothing: give it a patient rule (`fits_when`) or a study-team part (`team_check`)"
                )),
                (None, Some(_)) if c.ask_doctor.is_some() => {
                    self.push(format!("{place}: `ask_doctor` without a patient rule"))
                }
                _ => {}
            }
            if let Some(team) = &c.team_check {
                self.text(&format!("{place} team check"), team);
            }
            if let Some(rule) = &c.fits_when {
                self.criterion_condition(t, &format!("{place} rule"), rule);
                match &c.ask_doctor {
                    Some(ask) => self.text(&format!("{place} ask-a-doctor"), ask),
                    None => self.push(format!("{place}: a patient rule needs `ask_doctor` text")),
                }
                if c.rule_in_words
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty())
                {
                    self.push(format!("{place}: a patient rule needs `rule_in_words`"));
                }
            }
            self.clauses(t, c, &place);
        }
        self.revisions(t);
        for kind in [CriterionKind::Inclusion, CriterionKind::Exclusion] {
            if !t.criteria.iter().any(|c| c.kind == kind) {
                self.push(format!("trial has no {kind:?} criteria"));
            }
        }
        // A question no rule reads is never worth a patient's time.
        for q in &t.questions {
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
                self.push(format!(
                    "question `{}` is not used by any criterion or skip rule",
                    q.id
                ));
            }
        }
    }

    /// A condition on a criterion's answers: well-formed, and never reading "not sure".
    fn criterion_condition(&mut self, t: &Trial, place: &str, rule: &Condition) {
        self.condition(t, place, rule, t.questions.len());
        if reads_not_sure(rule) {
            self.push(format!(
                "{place}: `is: not_sure` is for skip logic only; \"not sure\" must leave a criterion unknown"
            ));
        }
    }

    /// A criterion's clauses (reviewer-only) as structure: each says how it is covered, names
    /// audit entries that exist, and its "not known" answers read the questions and options there
    /// are. That each clause's words are the registry's, that every clause of the registry has
    /// one, and that a "not known" path never fits is for `tests/clauses.rs`.
    fn clauses(&mut self, t: &Trial, c: &Criterion, place: &str) {
        for (i, clause) in c.clauses.iter().enumerate() {
            let mut words = clause.text.split_whitespace();
            let mut start = words.by_ref().take(6).collect::<Vec<_>>().join(" ");
            if words.next().is_some() {
                start.push('…');
            }
            let place = format!("{place} clause {} (\"{start}\")", i + 1);
            if clause.text.trim().is_empty() {
                self.push(format!("{place}: empty `text`"));
            }
            if clause.does_not_fit.is_empty()
                && clause.not_known.is_empty()
                && clause.team.is_none()
                && clause.allows.is_none()
            {
                self.push(format!(
                    "{place} says nothing of how it is covered: give it `does_not_fit`, `not_known`, `team` or `allows`"
                ));
            }
            for &n in &clause.does_not_fit {
                if n == 0 || n > c.rules_out.len() {
                    self.push(format!(
                        "{place}: `does_not_fit` names `rules_out` entry {n}, but the criterion has {} (counted from 1)",
                        c.rules_out.len()
                    ));
                }
            }
            for (j, path) in clause.not_known.iter().enumerate() {
                let place = format!("{place} not_known path {}", j + 1);
                if c.fits_when.is_none() {
                    self.push(format!(
                        "{place}: a criterion without a patient rule is never known from answers"
                    ));
                }
                self.criterion_condition(t, &place, &path.when);
                if path.why.trim().is_empty() {
                    self.push(format!("{place}: empty `why`"));
                }
            }
            for (field, text) in [("team", &clause.team), ("allows", &clause.allows)] {
                if text.as_deref().is_some_and(|s| s.trim().is_empty()) {
                    self.push(format!("{place}: empty `{field}`"));
                }
            }
        }
    }

    /// Every mapping of an earlier version's answers names a question of this version and lands on
    /// an answer that question accepts; the versions are older than this one and in order.
    fn revisions(&mut self, t: &Trial) {
        let current = version_key(&t.content_version);
        if current.is_none() {
            self.push(format!(
                "trial: content_version `{}` is not of the form 1.2.3",
                t.content_version
            ));
        }
        let mut previous = None;
        for (i, r) in t.earlier_versions.iter().enumerate() {
            let place = format!("earlier version change `{}`", r.before);
            let key = version_key(&r.before);
            match key {
                None => self.push(format!("{place}: not a version of the form 1.2.3")),
                Some(k) if current.is_some_and(|c| k > c) => {
                    self.push(format!("{place} is newer than this content's version"))
                }
                Some(k) if previous.is_some_and(|p| k <= p) => {
                    self.push(format!("{place} is not after the change before it"))
                }
                _ => {}
            }
            previous = key.or(previous);
            for (id, map) in &r.changed {
                let Some(q) = t.question(id) else {
                    self.push(format!("{place} refers to unknown question `{id}`"));
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
                        self.push(format!(
                            "{place}: `{old}` → `{new}` is not an answer question `{id}` accepts"
                        ));
                    }
                }
            }
        }
    }

    fn question(&mut self, t: &Trial, index: usize, q: &Question) {
        let place = format!("question `{}`", q.id);
        self.text(&place, &q.text);
        self.text(&format!("{place} why-we-ask"), &q.why);
        self.text(&format!("{place} where-to-find"), &q.where_to_find);
        if let Some(hint) = &q.hint {
            self.text(&format!("{place} hint"), hint);
        }
        for (i, item) in q.list.iter().enumerate() {
            self.text(&format!("{place} list item {}", i + 1), item);
        }
        if let Some(ask) = &q.ask_doctor {
            self.text(&format!("{place} ask-a-doctor"), ask);
        }
        // Spoken as "{question} {progress}": the question carries its own end mark.
        if !q.text.en.trim_end().ends_with('?') || !q.text.zh.trim_end().ends_with('？') {
            self.push(format!(
                "{place}: the question must end with “?” in English and “？” in Chinese"
            ));
        }
        for g in &q.glossary {
            if t.glossary_entry(g).is_none() {
                self.push(format!("{place} refers to unknown glossary entry `{g}`"));
            }
        }
        match &q.kind {
            QuestionKind::YesNo => {}
            QuestionKind::Choice { options } => {
                if options.len() < 2 {
                    self.push(format!("{place} needs at least two options"));
                }
                self.duplicates(
                    &format!("{place} option"),
                    options.iter().map(|o| o.id.as_str()),
                );
                for o in options {
                    self.text(&format!("{place} option `{}`", o.id), &o.label);
                }
            }
            QuestionKind::Number { min, max, unit } => {
                if min > max {
                    self.push(format!("{place}: min {min} is above max {max}"));
                }
                self.text(&format!("{place} unit"), unit);
            }
        }
        if let Some(rule) = &q.ask_when {
            // Reachability is only worth asking of a rule that is itself well-formed.
            let before = self.problems.len();
            self.condition(t, &format!("{place} ask_when"), rule, index);
            if self.problems.len() == before && !can_be_asked(t, rule) {
                self.push(format!(
                    "{place} is unreachable: no answers make its ask_when fit"
                ));
            }
        }
    }

    /// Checks that every test names a question that exists, comes before `before` (for skip
    /// rules), and has a test of the right kind with known options.
    fn condition(&mut self, t: &Trial, place: &str, c: &Condition, before: usize) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                if cs.is_empty() {
                    self.push(format!("{place}: an empty all/any"));
                }
                cs.iter().for_each(|c| self.condition(t, place, c, before));
            }
            Condition::Not(c) => self.condition(t, place, c, before),
            Condition::Answer(at) => {
                let Some(pos) = t.questions.iter().position(|q| q.id == at.question) else {
                    self.push(format!(
                        "{place} refers to unknown question `{}`",
                        at.question
                    ));
                    return;
                };
                if pos >= before {
                    self.push(format!(
                        "{place} refers to question `{}`, which is not asked before it",
                        at.question
                    ));
                }
                let q = &t.questions[pos];
                let ok = match (&q.kind, &at.test) {
                    // Every kind offers "Not sure".
                    (_, Test::Is(Reply::NotSure)) => true,
                    (QuestionKind::YesNo, Test::Is(_)) => true,
                    (QuestionKind::Choice { options }, Test::OneOf(ids)) => {
                        for id in ids {
                            if !options.iter().any(|o| &o.id == id) {
                                self.push(format!(
                                    "{place} refers to unknown option `{id}` of question `{}`",
                                    q.id
                                ));
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
                    self.push(format!(
                        "{place}: the test {:?} does not suit question `{}`",
                        at.test, q.id
                    ));
                }
            }
        }
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
