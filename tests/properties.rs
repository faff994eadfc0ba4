//! Property tests: evaluation and navigation never panic and always give a report, whatever the
//! answers, including answers that skip logic would hide, wrong kinds and unknown ids.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::TRIAL;
use proptest::prelude::*;
use trial_self_check::domain::engine::{
    asked_questions, evaluate_trial, first_unanswered, next_question,
};
use trial_self_check::domain::journey::Journey;
use trial_self_check::domain::{Answer, Answers, Outcome, Verdict};

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::NotSure),
        any::<u32>().prop_map(Answer::Number),
        (0u32..130).prop_map(Answer::Number),
        prop::sample::select(vec![
            "a0", "a1", "a2", "a4", "found", "normal", "below", "above", "none", "x"
        ])
        .prop_map(|s| Answer::Choice(s.to_string())),
    ]
}

fn question_ids() -> Vec<String> {
    let t = &*TRIAL;
    let mut ids: Vec<String> = t.questions.iter().map(|q| q.id.clone()).collect();
    ids.push("no_such_question".into());
    ids
}

proptest! {
    #![proptest_config(common::config(5_000))]

    #[test]
    fn any_answers_give_a_consistent_report(
        picks in prop::collection::vec((prop::sample::select(question_ids()), any_answer()), 0..40)
    ) {
        let t = &*TRIAL;
        let answers: Answers = picks.into_iter().collect();
        let report = evaluate_trial(t, &answers);
        prop_assert_eq!(report.criteria.len(), t.criteria.len());
        let any_not = report.criteria.iter().any(|r| r.verdict == Some(Verdict::DoesNotFit));
        let all_fit = report.criteria.iter().filter_map(|r| r.verdict).all(|v| v == Verdict::Fits);
        let want = if any_not { Outcome::NotAFit } else if all_fit { Outcome::LikelyFit } else { Outcome::Possibly };
        prop_assert_eq!(report.outcome, want);
        prop_assert_eq!(report.decided, any_not);
        // Navigation is total too.
        let asked = asked_questions(t, &answers);
        prop_assert!(!asked.is_empty());
        let _ = first_unanswered(t, &answers);
        for q in &asked {
            let _ = next_question(t, &answers, Some(&q.id));
        }
    }

    #[test]
    fn any_sequence_of_journey_steps_never_panics(
        steps in prop::collection::vec((prop::sample::select(question_ids()), any_answer(), 0u8..6), 0..30)
    ) {
        let t = &*TRIAL;
        let mut j = Journey::default();
        j.start(t);
        for (q, a, action) in steps {
            match action {
                0 | 1 => j.answer(t, &q, a),
                2 => j.back(t),
                3 => j.change(&q),
                4 => j.keep_answering(),
                _ => j.show_summary(),
            }
        }
        let _ = evaluate_trial(t, &j.answers);
    }
}
