//! The summary: the outcome in words and an icon (never colour alone), each criterion grouped as
//! fits / does not fit / not sure with the patient's answers and a "Change" for each, what the
//! study team checks, questions for a doctor, and how to take part.

use super::app::Ctx;
use super::text::{Kind, answer_text, button};
use crate::content::fill;
use crate::domain::engine::{CriterionResult, asked_questions};
use crate::domain::{Answers, Outcome, Verdict, evaluate_trial};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub ctx: Ctx,
    pub answers: Answers,
    pub on_change: Callback<String>,
    pub on_restart: Callback<()>,
}

#[component]
pub fn SummaryScreen(props: &SummaryProps) -> Html {
    let Ctx { trial, ui, lang } = &props.ctx;
    let lang = *lang;
    let report = evaluate_trial(trial, &props.answers);
    let asked = asked_questions(trial, &props.answers);

    let (icon, title, body, level) = match report.outcome {
        Outcome::LikelyFit => ("✓", ui.outcome_likely(), ui.outcome_likely_body(), "likely"),
        Outcome::Possibly => (
            "?",
            ui.outcome_possibly(),
            ui.outcome_possibly_body(),
            "possibly",
        ),
        Outcome::NotAFit => ("✕", ui.outcome_not(), ui.outcome_not_body(), "not"),
    };

    let row = |r: &CriterionResult| {
        let (meaning, verdict) = match r.verdict {
            Some(Verdict::Fits) => (ui.meaning_fits().get(lang), "fits"),
            Some(Verdict::DoesNotFit) => (ui.meaning_not().get(lang), "not"),
            _ => (ui.meaning_unknown().get(lang), "unknown"),
        };
        // The questions this criterion reads that were asked: answered or not.
        let questions: Vec<_> = r
            .criterion
            .fits_when
            .as_ref()
            .map(|rule| rule.questions())
            .unwrap_or_default()
            .into_iter()
            .filter(|id| asked.iter().any(|q| q.id == *id))
            .filter_map(|id| trial.question(id))
            .collect();
        html! {
            <li class="tsc-criterion" data-verdict={verdict} data-criterion={r.criterion.id.clone()}>
                <p class="tsc-criterion-summary">{ r.criterion.summary.get(lang) }</p>
                <dl class="tsc-answers">
                    { for questions.iter().map(|q| {
                        let given = props.answers.get(&q.id).filter(|a| q.accepts(a));
                        let text = given.map(|a| answer_text(ui, lang, q, a)).unwrap_or_else(|| ui.no_answer().get(lang).into());
                        let onclick = {
                            let id = q.id.clone();
                            props.on_change.reform(move |_: MouseEvent| id.clone())
                        };
                        html! {
                            <div class="tsc-answer">
                                <dt>{ q.text.get(lang) }</dt>
                                <dd>
                                    <span class="tsc-given">{ ui.your_answer().get(lang) }{ ": " }<strong>{ text }</strong></span>
                                    <button type="button" class="tsc-link" data-change={q.id.clone()} {onclick}>
                                        { ui.change().get(lang) }
                                        <span class="tsc-visually-hidden">{ " " }{ fill(ui.change_which().get(lang), &[("question", q.text.get(lang))]) }</span>
                                    </button>
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
                <p class="tsc-meaning">{ meaning }</p>
            </li>
        }
    };

    // "Does not fit" and "not sure" are open; "what fits" is usually long and folds away.
    let group = |title: &str, id: &str, want: Verdict| {
        let rows: Vec<_> = report
            .criteria
            .iter()
            .filter(|r| r.verdict == Some(want))
            .collect();
        if rows.is_empty() {
            return html! {};
        }
        let heading = format!("{title} ({})", rows.len());
        let list = html! { <ul class="tsc-criteria">{ for rows.into_iter().map(&row) }</ul> };
        if want == Verdict::Fits {
            html! {
                <section class="tsc-group-section" id={id.to_string()}>
                    <details class="tsc-fits">
                        <summary><h2 class="tsc-summary-heading">{ heading }</h2></summary>
                        { list }
                    </details>
                </section>
            }
        } else {
            html! {
                <section class="tsc-group-section" id={id.to_string()}>
                    <h2>{ heading }</h2>
                    { list }
                </section>
            }
        }
    };

    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    html! {
        <section class="tsc-screen tsc-summary">
            <h1 class="tsc-heading" tabindex="-1">{ ui.summary_heading().get(lang) }</h1>
            <div class="tsc-outcome" data-outcome={level} id="tsc-outcome">
                <span class="tsc-outcome-icon" aria-hidden="true">{ icon }</span>
                <div>
                    <p class="tsc-outcome-title"><strong>{ title.get(lang) }</strong></p>
                    <p>{ body.get(lang) }</p>
                </div>
            </div>
            { group(ui.group_not().get(lang), "tsc-group-not", Verdict::DoesNotFit) }
            { group(ui.group_unknown().get(lang), "tsc-group-unknown", Verdict::Unknown) }
            { group(ui.group_fits().get(lang), "tsc-group-fits", Verdict::Fits) }
            <section id="tsc-team">
                <h2>{ ui.team_heading().get(lang) }</h2>
                <p>{ ui.team_intro().get(lang) }</p>
                <ul class="tsc-plain-list">
                    { for report.team_checks.iter().filter_map(|c| c.team_check.as_ref().map(|t| html! {
                        <li><strong>{ c.summary.get(lang) }</strong>{ " " }{ t.get(lang) }</li>
                    })) }
                </ul>
            </section>
            if !report.ask_doctor.is_empty() {
                <section id="tsc-doctor">
                    <h2>{ ui.doctor_heading().get(lang) }</h2>
                    <p>{ ui.doctor_intro().get(lang) }</p>
                    <ul class="tsc-plain-list">
                        { for report.ask_doctor.iter().filter_map(|c| c.ask_doctor.as_ref().map(|a| html! { <li>{ a.get(lang) }</li> })) }
                    </ul>
                </section>
            }
            <section id="tsc-take-part">
                <h2>{ ui.take_part_heading().get(lang) }</h2>
                <p>{ fill(ui.take_part_body().get(lang), &[("site", trial.site.get(lang))]) }</p>
                <dl class="tsc-facts">
                    <dt>{ ui.trial_id_label().get(lang) }</dt><dd>{ &trial.id }</dd>
                    <dt>{ ui.registry_label().get(lang) }</dt><dd class="tsc-url">{ &trial.registry_url }</dd>
                </dl>
            </section>
            <div class="tsc-actions tsc-no-print">
                { button("tsc-print", Kind::Secondary, ui.print().get(lang), &on_print) }
                { button("tsc-restart", Kind::Secondary, ui.start_over().get(lang), &props.on_restart) }
            </div>
        </section>
    }
}
