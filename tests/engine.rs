//! The engine on the shipped NCT07117435 content, table-driven: one helper, many one-line cases.
#![cfg(not(target_arch = "wasm32"))]

use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::engine::{
    asked_questions, evaluate_trial, first_unanswered, next_question, previous_question, progress,
    question_range,
};
use trial_self_check::domain::model::QuestionKind;
use trial_self_check::domain::{Answer, Answers, Outcome, Trial, Verdict};

use Verdict::{DoesNotFit as NO, Fits as FITS, Unknown as UNKNOWN};

fn trial() -> Trial {
    load_trial(NCT07117435_JSON).expect("shipped content loads")
}

/// `"yes"`, `"no"`, `"?"` (not sure), `"12"` (a number) or any other word (a choice option id).
fn answer(s: &str) -> Answer {
    match s {
        "yes" => Answer::Yes,
        "no" => Answer::No,
        "?" => Answer::NotSure,
        n if n.chars().all(|c| c.is_ascii_digit()) => Answer::Number(n.parse().unwrap()),
        id => Answer::Choice(id.to_string()),
    }
}

/// Pairs as answers; a word names an option wherever the question is a choice (some choices'
/// options are called `yes` and `no`).
fn answers(pairs: &[(&str, &str)]) -> Answers {
    let t = trial();
    pairs
        .iter()
        .map(|(q, a)| {
            let choice = t
                .question(q)
                .is_some_and(|q| matches!(q.kind, QuestionKind::Choice { .. }));
            let a = match answer(a) {
                Answer::Yes | Answer::No if choice => Answer::Choice(a.to_string()),
                other => other,
            };
            (q.to_string(), a)
        })
        .collect()
}

/// The one helper: the verdict of `criterion` given `pairs`.
fn check(criterion: &str, pairs: &[(&str, &str)], want: Verdict) {
    let t = trial();
    let report = evaluate_trial(&t, &answers(pairs));
    let got = report
        .criteria
        .iter()
        .find(|r| r.criterion.id == criterion)
        .unwrap()
        .verdict;
    assert_eq!(got, Some(want), "{criterion} with {pairs:?}");
}

/// Answers under which every patient-answerable criterion fits.
const ALL_FIT: &[(&str, &str)] = &[
    ("age", "64"),
    ("crc_liver", "yes"),
    ("confirmed_sample", "yes"),
    ("surgery", "not_possible"),
    ("treated_since_spread", "none"),
    ("periop_treatment", "no"),
    ("daily_activity", "a1"),
    ("liver_tumour_size", "yes"),
    ("could_have_children", "no"),
    ("msi", "not_found"),
    ("ras_braf", "changed"),
    ("side_effects", "none"),
    ("brain", "none"),
    ("artery_procedure", "no"),
    ("infection", "no"),
    ("nerve_damage", "no"),
    ("immune", "no"),
    ("immune_medicine", "no"),
    ("hep_b", "no"),
    ("hep_c", "none"),
    ("syphilis", "no"),
    ("drug_allergy", "none"),
    ("strong_interacting_medicines", "none"),
    ("lung", "no"),
    ("heart", "no"),
    ("heart_other", "no"),
    ("heart_attack", "no"),
    ("neuro_mental", "no"),
    ("blood_clot", "no"),
    ("bleeding_severe", "no"),
    ("bleeding_recent", "no"),
    ("bleeding_other", "no"),
];

fn all_fit_with(changes: &[(&str, &str)]) -> Answers {
    let mut a = answers(ALL_FIT);
    a.extend(answers(changes));
    a
}

#[test]
fn i1_age_boundaries() {
    check("I1", &[("age", "17")], NO);
    check("I1", &[("age", "18")], FITS);
    check("I1", &[("age", "75")], FITS);
    check("I1", &[("age", "76")], NO);
    check("I1", &[("age", "?")], UNKNOWN);
    check("I1", &[], UNKNOWN);
}

#[test]
fn i2_confirmed_inoperable_liver_spread() {
    check(
        "I2",
        &[
            ("crc_liver", "yes"),
            ("confirmed_sample", "yes"),
            ("surgery", "not_possible"),
        ],
        FITS,
    );
    check(
        "I2",
        &[("crc_liver", "no"), ("surgery", "not_possible")],
        NO,
    );
    check(
        "I2",
        &[
            ("crc_liver", "yes"),
            ("confirmed_sample", "not_bowel"),
            ("surgery", "not_possible"),
        ],
        NO,
    );
    // Not biopsied yet: the study can still do it.
    check(
        "I2",
        &[
            ("crc_liver", "yes"),
            ("confirmed_sample", "not_yet"),
            ("surgery", "not_possible"),
        ],
        UNKNOWN,
    );
    check(
        "I2",
        &[
            ("crc_liver", "yes"),
            ("confirmed_sample", "yes"),
            ("surgery", "possible"),
        ],
        NO,
    );
    check(
        "I2",
        &[
            ("crc_liver", "yes"),
            ("confirmed_sample", "yes"),
            ("surgery", "?"),
        ],
        UNKNOWN,
    );
    check(
        "I2",
        &[("crc_liver", "?"), ("surgery", "not_possible")],
        UNKNOWN,
    );
}

#[test]
fn i2_1_no_treatment_since_spread() {
    let q = "treated_since_spread";
    check("I2.1", &[(q, "none")], FITS);
    check("I2.1", &[(q, "other")], NO);
    // Around an operation that removed the spread is neoadjuvant/adjuvant (I2.2 decides the gap).
    check("I2.1", &[(q, "around_operation")], UNKNOWN);
    check("I2.1", &[(q, "liver_artery_only")], UNKNOWN);
    check("I2.1", &[(q, "mixed")], UNKNOWN);
    check("I2.1", &[(q, "?")], UNKNOWN);
}

#[test]
fn i2_2_six_months_after_treatment_around_surgery() {
    check("I2.2", &[("periop_treatment", "no")], FITS);
    check(
        "I2.2",
        &[("periop_treatment", "yes"), ("periop_months", "6")],
        FITS,
    );
    check(
        "I2.2",
        &[("periop_treatment", "yes"), ("periop_months", "5")],
        NO,
    );
    check(
        "I2.2",
        &[("periop_treatment", "yes"), ("periop_months", "?")],
        UNKNOWN,
    );
    check("I2.2", &[("periop_treatment", "yes")], UNKNOWN);
    // The interval is hidden when there was no such treatment, so a stale answer is ignored.
    check(
        "I2.2",
        &[("periop_treatment", "no"), ("periop_months", "2")],
        FITS,
    );
    // After "Not sure" (chemoradiation instead of an operation) the interval is asked: 6 months
    // or more settles it; less is for the investigators, who decide whether the rule applies.
    check(
        "I2.2",
        &[("periop_treatment", "?"), ("periop_months", "12")],
        FITS,
    );
    check(
        "I2.2",
        &[("periop_treatment", "?"), ("periop_months", "4")],
        UNKNOWN,
    );
}

#[test]
fn i3_measurable_liver_tumour() {
    let q = "liver_tumour_size";
    check("I3", &[(q, "yes")], FITS);
    check("I3", &[(q, "none_left")], NO);
    // RECIST 1.1 measures a locally treated tumour once it has grown; a small one may have grown
    // by the study's own scan.
    check("I3", &[(q, "treated_grew")], UNKNOWN);
    check("I3", &[(q, "smaller")], UNKNOWN);
    check("I3", &[(q, "?")], UNKNOWN);
}

#[test]
fn i4_daily_activity_levels() {
    check("I4", &[("daily_activity", "a0")], FITS);
    check("I4", &[("daily_activity", "a1")], FITS);
    check("I4", &[("daily_activity", "a2")], NO);
    check("I4", &[("daily_activity", "a3")], NO);
    check("I4", &[("daily_activity", "a4")], NO);
    check("I4", &[("daily_activity", "?")], UNKNOWN);
}

#[test]
fn i7_birth_control_only_for_people_who_could_have_children() {
    let q = "could_have_children";
    check("I7", &[(q, "no")], FITS);
    check("I7", &[(q, "man"), ("birth_control", "yes")], FITS);
    check("I7", &[(q, "man"), ("birth_control", "no")], NO);
    check("I7", &[(q, "man"), ("birth_control", "?")], UNKNOWN);
    check("I7", &[(q, "?")], UNKNOWN);
    // A woman who could become pregnant: birth control, and not pregnant now.
    let woman = |bc: &'static str, pregnant: &'static str| {
        [
            (q, "woman"),
            ("birth_control", bc),
            ("pregnant_now", pregnant),
        ]
    };
    check("I7", &woman("yes", "no"), FITS);
    check("I7", &woman("no", "no"), NO);
    // "a negative pregnancy test within 7 days prior to enrollment"
    check("I7", &woman("yes", "yes"), NO);
    check("I7", &woman("?", "yes"), NO);
    // Might be pregnant: the study team's test settles it.
    check("I7", &woman("yes", "?"), UNKNOWN);
    check("I7", &[(q, "woman"), ("birth_control", "yes")], UNKNOWN);
    // After "not sure", both follow-ups are asked and can settle it.
    check(
        "I7",
        &[(q, "?"), ("birth_control", "yes"), ("pregnant_now", "no")],
        FITS,
    );
    check("I7", &[(q, "?"), ("birth_control", "no")], UNKNOWN);
    // A man is never asked about pregnancy: a stale answer is ignored.
    check(
        "I7",
        &[
            (q, "man"),
            ("birth_control", "yes"),
            ("pregnant_now", "yes"),
        ],
        FITS,
    );
    // Age never decides this: a 70-year-old who could father children is still asked.
    check(
        "I7",
        &[("age", "70"), (q, "man"), ("birth_control", "no")],
        NO,
    );
}

#[test]
fn e1_msi_h_alone_is_unknown() {
    check("E1", &[("msi", "not_found")], FITS);
    check("E1", &[("msi", "not_tested")], FITS);
    check("E1", &[("msi", "found")], UNKNOWN);
    check(
        "E1",
        &[("msi", "found"), ("immunotherapy_advised", "?")],
        UNKNOWN,
    );
    check(
        "E1",
        &[("msi", "found"), ("immunotherapy_advised", "not_suit")],
        FITS,
    );
    check(
        "E1",
        &[("msi", "found"), ("immunotherapy_advised", "suits")],
        UNKNOWN,
    );
    // The registry excludes only patients the investigators judge suited: a doctor's advice, or
    // none yet, leaves it to them.
    check(
        "E1",
        &[("msi", "found"), ("immunotherapy_advised", "not_discussed")],
        UNKNOWN,
    );
    check("E1", &[("msi", "?")], UNKNOWN);
}

#[test]
fn e2_wild_type_ras_braf_alone_is_unknown() {
    check("E2", &[("ras_braf", "changed")], FITS);
    check("E2", &[("ras_braf", "not_tested")], FITS);
    check("E2", &[("ras_braf", "normal")], UNKNOWN);
    check(
        "E2",
        &[("ras_braf", "normal"), ("anti_egfr_advised", "not_suit")],
        FITS,
    );
    check(
        "E2",
        &[("ras_braf", "normal"), ("anti_egfr_advised", "suits")],
        UNKNOWN,
    );
    check(
        "E2",
        &[
            ("ras_braf", "normal"),
            ("anti_egfr_advised", "not_discussed"),
        ],
        UNKNOWN,
    );
    check("E2", &[("ras_braf", "?")], UNKNOWN);
}

#[test]
fn e3_side_effects_above_mild_are_for_the_investigators() {
    check("E3", &[("side_effects", "none")], FITS);
    check("E3", &[("side_effects", "mild")], FITS);
    // "except for ... other toxicities deemed non-risky by the investigators"
    check("E3", &[("side_effects", "more")], UNKNOWN);
    check("E3", &[("side_effects", "?")], UNKNOWN);
}

#[test]
fn e11_a_medicine_that_must_stay_excludes_one_that_could_change_is_unknown() {
    let q = "strong_interacting_medicines";
    check("E11", &[(q, "none")], FITS);
    // "Patients need to receive strong inducers and strong inhibitors ... during the treatment"
    check("E11", &[(q, "must_keep")], NO);
    // Whether a medicine can be replaced is the doctors' decision, not the patient's.
    check("E11", &[(q, "could_change")], UNKNOWN);
    check("E11", &[(q, "?")], UNKNOWN);
}

#[test]
fn e4_brain_spread() {
    check("E4", &[("brain", "none")], FITS);
    check("E4", &[("brain", "yes_controlled")], FITS);
    // Treatment before screening can control it; uncontrolled spread is the investigators' call.
    check("E4", &[("brain", "yes_symptoms")], UNKNOWN);
    // "or meningeal metastasis, ... and the investigators judges": the judgement may govern
    // every branch of the sentence, so the study doctors decide.
    check("E4", &[("brain", "meninges")], UNKNOWN);
    check("E4", &[("brain", "?")], UNKNOWN);
}

#[test]
fn e9_hepatitis_b_alone_is_unknown() {
    let ok = [("hep_c", "none"), ("syphilis", "no")];
    let with = |extra: &[(&'static str, &'static str)]| [&ok[..], extra].concat();
    check("E9", &with(&[("hep_b", "no")]), FITS);
    check("E9", &with(&[("hep_b", "yes")]), UNKNOWN);
    check("E9", &with(&[("hep_b", "yes"), ("hbv_dna", "below")]), FITS);
    // "(can use continuous antiviral treatment)": antivirals can bring a high level down.
    check(
        "E9",
        &with(&[("hep_b", "yes"), ("hbv_dna", "above")]),
        UNKNOWN,
    );
    // A core-antibody-only result answers "not sure", then the virus level settles it.
    check("E9", &with(&[("hep_b", "?"), ("hbv_dna", "below")]), FITS);
    check("E9", &with(&[("hep_b", "?"), ("hbv_dna", "?")]), UNKNOWN);
    check(
        "E9",
        &[("hep_b", "no"), ("hep_c", "yes_active"), ("syphilis", "no")],
        UNKNOWN,
    );
    check(
        "E9",
        &[
            ("hep_b", "no"),
            ("hep_c", "yes_cleared"),
            ("syphilis", "no"),
        ],
        FITS,
    );
    check(
        "E9",
        &[("hep_b", "no"), ("hep_c", "none"), ("syphilis", "yes")],
        UNKNOWN,
    );
    check(
        "E9",
        &[("hep_b", "no"), ("hep_c", "?"), ("syphilis", "no")],
        UNKNOWN,
    );
}

#[test]
fn e10_bevacizumab_allergy_alone_does_not_exclude() {
    check("E10", &[("drug_allergy", "none")], FITS);
    check("E10", &[("drug_allergy", "bevacizumab_only")], FITS);
    check("E10", &[("drug_allergy", "study_drug")], NO);
    check("E10", &[("drug_allergy", "?")], UNKNOWN);
}

#[test]
fn yes_no_exclusions_take_each_verdict() {
    for (criterion, question) in [
        ("E7", "nerve_damage"),
        ("E12", "lung"),
        ("E14", "neuro_mental"),
    ] {
        check(criterion, &[(question, "no")], FITS);
        check(criterion, &[(question, "yes")], NO);
        check(criterion, &[(question, "?")], UNKNOWN);
    }
}

#[test]
fn e8_immune_illness_and_medicine_now() {
    let with = |illness: &'static str, medicine: &'static str| {
        [("immune", illness), ("immune_medicine", medicine)]
    };
    check("E8", &with("no", "no"), FITS);
    check("E8", &with("yes", "no"), NO);
    check("E8", &with("?", "no"), UNKNOWN);
    // "those currently using immunosuppressive agents": anti-rejection medicine is for life.
    check("E8", &with("no", "transplant"), NO);
    // Other medicine may stop before the start, and the doctors judge the dose.
    check("E8", &with("no", "other"), UNKNOWN);
    check("E8", &with("no", "?"), UNKNOWN);
    check("E8", &with("yes", "other"), NO);
}

/// Where timing or the investigators' judgement decides, "yes" is unknown, never "does not fit".
#[test]
fn timing_and_judgement_exclusions_are_unknown() {
    for (criterion, question) in [("E5", "artery_procedure"), ("E6", "infection")] {
        check(criterion, &[(question, "no")], FITS);
        check(criterion, &[(question, "yes")], UNKNOWN);
        check(criterion, &[(question, "?")], UNKNOWN);
    }
}

#[test]
fn e13_lasting_heart_problems_exclude_recent_or_treatable_ones_are_unknown() {
    let with = |heart: &'static str, other: &'static str, attack: &'static str| {
        [
            ("heart", heart),
            ("heart_other", other),
            ("heart_attack", attack),
        ]
    };
    check("E13", &with("no", "no", "no"), FITS);
    check("E13", &with("yes", "no", "no"), NO);
    check("E13", &with("no", "yes", "no"), UNKNOWN);
    check("E13", &with("?", "no", "no"), UNKNOWN);
    // "within 6 months before screening", decided by the two-month margin the content states.
    check("E13", &with("no", "no", "over_6_months"), FITS);
    check("E13", &with("no", "no", "4_to_6_months"), UNKNOWN);
    check("E13", &with("no", "no", "under_4_months"), NO);
    check("E13", &with("no", "yes", "under_4_months"), NO);
}

/// A window counted to enrolment: "does not fit" when the event stays inside it for any
/// enrolment in the next two months, "not known" near its edge, "fits" outside it.
#[test]
fn e15_a_clot_is_decided_by_the_margin() {
    check("E15", &[("blood_clot", "no")], FITS);
    check("E15", &[("blood_clot", "1_to_3_months")], UNKNOWN);
    check("E15", &[("blood_clot", "under_1_month")], NO);
    check("E15", &[("blood_clot", "?")], UNKNOWN);
}

#[test]
fn e16_severe_bleeding_excludes_recent_bleeding_by_the_margin() {
    let none = [("bleeding_recent", "no"), ("bleeding_other", "no")];
    let with = |extra: &[(&'static str, &'static str)]| [&none[..], extra].concat();
    check("E16", &with(&[("bleeding_severe", "no")]), FITS);
    // "Patients with a history of severe bleeding": bleeding in the brain, or that put a life
    // in danger, at any time.
    check("E16", &with(&[("bleeding_severe", "yes")]), NO);
    let recent = |when: &'static str| {
        [
            ("bleeding_severe", "no"),
            ("bleeding_recent", when),
            ("bleeding_other", "no"),
        ]
    };
    check("E16", &recent("1_to_3_months"), UNKNOWN);
    check("E16", &recent("under_1_month"), NO);
    check(
        "E16",
        &[
            ("bleeding_severe", "no"),
            ("bleeding_recent", "no"),
            ("bleeding_other", "yes"),
        ],
        UNKNOWN,
    );
}

#[test]
fn study_team_only_criteria_have_no_patient_verdict() {
    let t = trial();
    let report = evaluate_trial(&t, &answers(ALL_FIT));
    for id in ["I2.3", "I5", "I6", "I8", "E17"] {
        let r = report
            .criteria
            .iter()
            .find(|r| r.criterion.id == id)
            .unwrap();
        assert_eq!(r.verdict, None, "{id}");
    }
}

#[test]
fn overall_all_met_is_likely_fit_and_still_lists_every_team_part() {
    let t = trial();
    let report = evaluate_trial(&t, &answers(ALL_FIT));
    assert_eq!(report.outcome, Outcome::LikelyFit);
    assert!(!report.decided);
    assert!(report.ask_doctor.is_empty());
    let teams: Vec<&str> = report.team_checks.iter().map(|c| c.id.as_str()).collect();
    let want: Vec<&str> = t
        .criteria
        .iter()
        .filter(|c| c.team_check.is_some())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(teams, want);
    for id in ["I5", "I6", "I8", "E17", "E13"] {
        assert!(teams.contains(&id), "{id}");
    }
}

#[test]
fn overall_one_unknown_is_possibly_and_gives_a_question_for_the_doctor() {
    let t = trial();
    let report = evaluate_trial(&t, &all_fit_with(&[("msi", "found")]));
    assert_eq!(report.outcome, Outcome::Possibly);
    let ask: Vec<&str> = report.ask_doctor.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ask, ["E1"]);
}

#[test]
fn overall_any_not_met_is_not_a_fit_whatever_is_unknown() {
    let t = trial();
    let mut a = answers(&[("age", "80")]);
    let report = evaluate_trial(&t, &a);
    assert_eq!(report.outcome, Outcome::NotAFit);
    assert!(
        report.decided,
        "a clearly-not-a-fit answer decides the outcome at once"
    );
    a = all_fit_with(&[("msi", "?"), ("hep_b", "yes"), ("lung", "yes")]);
    assert_eq!(evaluate_trial(&t, &a).outcome, Outcome::NotAFit);
}

/// The answers behind each verdict, as the summary and the early notice name them.
#[test]
fn deciding_answers_are_the_ones_that_give_the_verdict() {
    let t = trial();
    let deciding = |criterion: &str, pairs: &[(&str, &str)]| {
        let report = evaluate_trial(&t, &all_fit_with(pairs));
        let r = report
            .criteria
            .iter()
            .find(|r| r.criterion.id == criterion)
            .unwrap();
        r.deciding.iter().map(|q| q.id.clone()).collect::<Vec<_>>()
    };
    // Does not fit: only the answer that rules it out, not the ones that were fine.
    assert_eq!(deciding("I2", &[("surgery", "possible")]), ["surgery"]);
    // Both halves of "could have children and will not use birth control".
    assert_eq!(
        deciding(
            "I7",
            &[("could_have_children", "man"), ("birth_control", "no")]
        ),
        ["could_have_children", "birth_control"]
    );
    // Not known because the investigators judge: only the answer that leaves it to them.
    assert_eq!(
        deciding(
            "E1",
            &[("msi", "found"), ("immunotherapy_advised", "suits")]
        ),
        ["immunotherapy_advised"]
    );
    // Not known: the "not sure" answer, and an option that counts as not decided.
    assert_eq!(
        deciding("E9", &[("hep_b", "yes"), ("hbv_dna", "?")]),
        ["hbv_dna"]
    );
    assert_eq!(
        deciding("I2", &[("confirmed_sample", "not_yet")]),
        ["confirmed_sample"]
    );
    // A gate answered "not sure" asks its follow-up; both unknown answers are named.
    assert_eq!(deciding("E9", &[("hep_b", "?")]), ["hep_b", "hbv_dna"]);
    // Fits: the answer that makes it fit.
    assert_eq!(
        deciding(
            "I2.2",
            &[("periop_treatment", "yes"), ("periop_months", "8")]
        ),
        ["periop_months"]
    );
}

#[test]
fn ill_formed_answers_are_ignored_not_fatal() {
    let t = trial();
    let a = answers(&[
        ("age", "130"),
        ("daily_activity", "a9"),
        ("crc_liver", "17"),
        ("nonsense", "yes"),
    ]);
    let report = evaluate_trial(&t, &a);
    assert_eq!(report.outcome, Outcome::Possibly);
}

#[test]
fn skip_logic_shows_follow_ups_only_when_they_matter() {
    let t = trial();
    let ids = |a: &Answers| {
        asked_questions(&t, a)
            .iter()
            .map(|q| q.id.clone())
            .collect::<Vec<_>>()
    };
    let none = ids(&Answers::new());
    for hidden in [
        "confirmed_sample",
        "periop_months",
        "birth_control",
        "immunotherapy_advised",
        "anti_egfr_advised",
        "hbv_dna",
    ] {
        assert!(
            !none.contains(&hidden.to_string()),
            "{hidden} shown without its gate"
        );
    }
    let shown = ids(&answers(&[
        ("crc_liver", "yes"),
        ("periop_treatment", "yes"),
        ("could_have_children", "woman"),
        ("msi", "found"),
        ("ras_braf", "normal"),
        ("hep_b", "yes"),
    ]));
    assert_eq!(shown.len(), t.questions.len());
}

#[test]
fn the_question_count_on_the_start_screen_is_a_true_range() {
    let t = trial();
    let (min, max) = question_range(&t);
    assert_eq!((min, max), (31, 38));
    for a in [Answers::new(), answers(ALL_FIT)] {
        let n = asked_questions(&t, &a).len();
        assert!((min..=max).contains(&n), "{n} asked");
    }
    let every_gate_open = answers(&[
        ("crc_liver", "yes"),
        ("periop_treatment", "yes"),
        ("could_have_children", "woman"),
        ("msi", "found"),
        ("ras_braf", "normal"),
        ("hep_b", "yes"),
    ]);
    assert_eq!(asked_questions(&t, &every_gate_open).len(), max);
}

#[test]
fn navigation_and_progress_follow_skip_logic() {
    let t = trial();
    let mut a = Answers::new();
    assert_eq!(next_question(&t, &a, None).unwrap().id, "age");
    assert_eq!(
        next_question(&t, &a, Some("crc_liver")).unwrap().id,
        "surgery"
    );
    a.insert("crc_liver".into(), Answer::Yes);
    assert_eq!(
        next_question(&t, &a, Some("crc_liver")).unwrap().id,
        "confirmed_sample"
    );
    assert_eq!(
        previous_question(&t, &a, "surgery").unwrap().id,
        "confirmed_sample"
    );
    assert!(previous_question(&t, &a, "age").is_none());
    let p = progress(&t, &a, "surgery").unwrap();
    assert_eq!((p.position, p.total), (4, 32));
    assert_eq!(next_question(&t, &a, Some("bleeding_other")), None);
    // After "Change" turns a gate on, its follow-up is the first unanswered question.
    let mut full = answers(ALL_FIT);
    assert!(first_unanswered(&t, &full).is_none());
    full.insert("hep_b".into(), Answer::Yes);
    assert_eq!(first_unanswered(&t, &full).unwrap().id, "hbv_dna");
}

/// Each "not known" path asks the doctor what settles *that* unknown, never what the patient
/// already said.
#[test]
fn each_unknown_asks_the_question_that_settles_it() {
    let t = trial();
    let asks = |criterion: &str, pairs: &[(&str, &str)]| {
        let report = evaluate_trial(&t, &all_fit_with(pairs));
        let r = report
            .criteria
            .iter()
            .find(|r| r.criterion.id == criterion)
            .unwrap()
            .clone();
        r.asks().iter().map(|a| a.en.clone()).collect::<Vec<_>>()
    };
    let of = |q: &str| t.question(q).unwrap().ask_doctor.clone().unwrap().en;
    // Wild-type, anti-EGFR not discussed: not "what did the tests show?".
    let got = asks(
        "E2",
        &[
            ("ras_braf", "normal"),
            ("anti_egfr_advised", "not_discussed"),
        ],
    );
    assert_eq!(got, [of("anti_egfr_advised")]);
    assert!(!got[0].contains("show"), "{got:?}");
    assert_eq!(asks("E2", &[("ras_braf", "?")]), [of("ras_braf")]);
    // MSI-H known: only whether immunotherapy would suit.
    assert_eq!(
        asks(
            "E1",
            &[("msi", "found"), ("immunotherapy_advised", "suits")]
        ),
        [of("immunotherapy_advised")]
    );
    assert_eq!(asks("E1", &[("msi", "?")]), [of("msi")]);
    // A criterion whose question has no line of its own falls back to the criterion's.
    assert!(t.question("lung").unwrap().ask_doctor.is_none());
    let e12 = t.criterion("E12").unwrap().ask_doctor.clone().unwrap().en;
    assert_eq!(asks("E12", &[("lung", "?")]), [e12]);
    // Fits or does not fit: nothing to ask.
    assert!(asks("E8", &[]).is_empty());
    assert!(asks("I1", &[("age", "80")]).is_empty());
}

mod journey {
    use super::*;
    use trial_self_check::domain::journey::{Journey, Screen};

    fn q(id: &str) -> Screen {
        Screen::Question(id.into())
    }

    #[test]
    fn a_clear_not_a_fit_is_said_at_once_and_going_on_is_a_choice() {
        let t = trial();
        let mut j = Journey::default();
        j.start(&t);
        assert_eq!(j.screen, q("age"));
        j.answer(&t, "age", Answer::Number(80));
        assert_eq!(j.screen, Screen::Decided(Some("crc_liver".into())));
        j.keep_answering();
        assert_eq!(j.screen, q("crc_liver"));
        j.answer(&t, "crc_liver", Answer::No);
        assert_eq!(j.screen, q("surgery"), "the notice is not shown twice");
    }

    #[test]
    fn change_from_the_summary_asks_what_became_relevant_then_returns() {
        let t = trial();
        let mut j = Journey {
            answers: answers(ALL_FIT),
            screen: Screen::Summary,
            ..Default::default()
        };
        j.change("hep_b");
        assert_eq!(j.screen, q("hep_b"));
        j.answer(&t, "hep_b", Answer::Yes);
        assert_eq!(j.screen, q("hbv_dna"));
        j.answer(&t, "hbv_dna", Answer::Choice("below".into()));
        assert_eq!(j.screen, Screen::Summary);
        assert!(!j.reviewing);
    }

    #[test]
    fn change_on_the_notice_fixes_a_slip_and_the_walk_goes_on() {
        let t = trial();
        let mut j = Journey::default();
        j.start(&t);
        j.answer(&t, "age", Answer::Number(64));
        j.answer(&t, "crc_liver", Answer::No); // a slip
        assert_eq!(j.screen, Screen::Decided(Some("surgery".into())));
        j.change("crc_liver");
        assert_eq!(j.screen, q("crc_liver"));
        j.answer(&t, "crc_liver", Answer::Yes);
        assert_eq!(j.screen, q("confirmed_sample"), "the walk resumes");
        assert!(!j.reviewing, "later answers go on in order");
        j.answer(&t, "confirmed_sample", Answer::Choice("yes".into()));
        assert_eq!(j.screen, q("surgery"));
        // A later answer that does not fit still brings the notice.
        j.answer(&t, "surgery", Answer::Choice("possible".into()));
        assert_eq!(
            j.screen,
            Screen::Decided(Some("treated_since_spread".into()))
        );
    }

    #[test]
    fn change_on_the_notice_that_still_does_not_fit_shows_the_notice_again() {
        let t = trial();
        let mut j = Journey::default();
        j.start(&t);
        j.answer(&t, "age", Answer::Number(80));
        assert_eq!(j.screen, Screen::Decided(Some("crc_liver".into())));
        j.change("age");
        j.answer(&t, "age", Answer::Number(79));
        assert_eq!(j.screen, Screen::Decided(Some("crc_liver".into())));
    }

    #[test]
    fn back_walks_the_asked_questions_to_the_start() {
        let t = trial();
        let mut j = Journey::default();
        j.start(&t);
        j.answer(&t, "age", Answer::Number(60));
        j.answer(&t, "crc_liver", Answer::NotSure);
        assert_eq!(j.screen, q("surgery"));
        j.back(&t);
        assert_eq!(j.screen, q("crc_liver"));
        j.back(&t);
        j.back(&t);
        assert_eq!(j.screen, Screen::Start);
    }

    #[test]
    fn history_keys_round_trip_and_stale_ones_are_ignored() {
        let t = trial();
        let mut j = Journey {
            answers: answers(&[("hep_b", "no")]),
            ..Default::default()
        };
        for screen in [Screen::Start, q("age"), Screen::Summary] {
            j.restore(&t, &screen.key());
            assert_eq!(j.screen, screen);
        }
        j.restore(&t, "q:hbv_dna"); // hidden: hepatitis B answered No
        assert_eq!(j.screen, Screen::Summary);
        j.restore(&t, "q:nonsense");
        assert_eq!(j.screen, Screen::Summary);
    }
}
