//! The summary: the outcome in words and an icon (never colour alone), then what a patient acts
//! on — what does not fit and what is not known yet, each with the answers behind it and a
//! "Change", what is not known with the question to ask a doctor, how to take part — and, folded
//! behind their counts (open in print), what fits and what the study team checks.

use crate::content::fill;
use crate::domain::engine::{CriterionResult, asked_questions};
use crate::domain::{Answers, Outcome, Verdict, evaluate_trial};
use crate::ui::ctx::Ctx;
use crate::ui::files::Files;
use crate::ui::state::{Action, emit};
use crate::ui::text::{Kind, answer_row, button};
use yew::prelude::*;

/// A plain function, not a component (see docs/size.md, rule 3). "Download for the study team"
/// (the answers as a FHIR QuestionnaireResponse file) is `files.on_download`.
pub fn summary_screen(ctx: &Ctx, answers: &Answers, act: &Callback<Action>, files: &Files) -> Html {
    let on_change = act.reform(Action::Change);
    let Ctx { trial, ui, lang } = ctx;
    let lang = *lang;
    let report = evaluate_trial(trial, answers);
    let asked = asked_questions(trial, answers);

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
        // What fits or does not: what the study needs, the answers, what that means. What is not
        // known: the question to ask a doctor (it says what the study needs), then the answers.
        let (meaning, verdict) = match r.verdict {
            Some(Verdict::Fits) => (Some(ui.meaning_fits()), "fits"),
            Some(Verdict::DoesNotFit) => (Some(ui.meaning_not()), "not"),
            _ => (None, "unknown"),
        };
        let asks = r.asks();
        // What does not fit or is not known shows only the answers behind that verdict (so a
        // patient sees at once which answer to check); what fits shows every answer it read.
        let questions: Vec<_> = match r.verdict {
            Some(Verdict::Fits) => r
                .criterion
                .fits_when
                .as_ref()
                .map(|rule| rule.questions())
                .unwrap_or_default()
                .into_iter()
                .filter(|id| asked.iter().any(|q| q.id == *id))
                .filter_map(|id| trial.question(id))
                .collect(),
            _ => r.deciding.clone(),
        };
        html! {
            <li class="tsc-criterion" data-verdict={verdict} data-criterion={r.criterion.id.clone()}>
                if asks.is_empty() {
                    <p class="tsc-criterion-summary">{ r.criterion.summary.get(lang) }</p>
                } else {
                    { for asks.iter().map(|ask| html! {
                        <p class="tsc-ask-doctor">
                            <strong>{ ui.ask_your_doctor().get(lang) }{ ui.colon().get(lang) }</strong>
                            { ask.get(lang) }
                        </p>
                    }) }
                }
                <dl class="tsc-answers">
                    { for questions.iter().map(|q| answer_row(ui, lang, q, answers.get(&q.id), &on_change)) }
                </dl>
                if let Some(m) = meaning {
                    <p class="tsc-meaning">{ m.get(lang) }</p>
                }
            </li>
        }
    };

    // "Does not fit" is always open; "not sure" too, unless something already does not fit
    // (then what is unknown cannot change the outcome, and would bury the reason). "What fits" is
    // usually long and folds away.
    let not_a_fit = report.outcome == Outcome::NotAFit;
    let group = |title: &str, id: &str, want: Verdict, fold: bool| {
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
        if fold {
            folded(id, heading, list)
        } else {
            html! {
                <section class="tsc-group-section" id={id.to_string()}>
                    <h2>{ heading }</h2>
                    { list }
                </section>
            }
        }
    };
    let team = {
        let heading = format!(
            "{} ({})",
            ui.team_heading().get(lang),
            report.team_checks.len()
        );
        folded(
            "tsc-team",
            heading,
            html! {
                <>
                    <p>{ ui.team_intro().get(lang) }</p>
                    <ul class="tsc-plain-list">
                        { for report.team_checks.iter().filter_map(|c| c.team_check.as_ref().map(|t| html! {
                            <li><strong>{ c.summary.get(lang) }</strong>{ " " }{ t.get(lang) }</li>
                        })) }
                    </ul>
                </>
            },
        )
    };

    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    html! {
        <section key="summary" class="tsc-screen tsc-summary">
            <h1 class="tsc-heading" tabindex="-1">{ ui.summary_heading().get(lang) }</h1>
            <div class="tsc-outcome" data-outcome={level} id="tsc-outcome">
                <span class="tsc-outcome-icon" aria-hidden="true">{ icon }</span>
                <div>
                    <p class="tsc-outcome-title"><strong>{ title.get(lang) }</strong></p>
                    <p>{ body.get(lang) }</p>
                </div>
            </div>
            { group(ui.group_not().get(lang), "tsc-group-not", Verdict::DoesNotFit, false) }
            if !not_a_fit {
                { group(ui.group_unknown().get(lang), "tsc-group-unknown", Verdict::Unknown, false) }
            }
            <section id="tsc-take-part">
                <h2>{ ui.take_part_heading().get(lang) }</h2>
                <p>{ fill(ui.take_part_body().get(lang), &[("site", trial.site.get(lang))]) }</p>
                <dl class="tsc-facts">
                    <dt>{ ui.trial_id_label().get(lang) }</dt><dd>{ &trial.id }</dd>
                    <dt>{ ui.registry_label().get(lang) }</dt><dd class="tsc-url">{ &trial.registry_url }</dd>
                </dl>
            </section>
            if not_a_fit {
                { group(ui.group_unknown().get(lang), "tsc-group-unknown", Verdict::Unknown, true) }
            }
            { group(ui.group_fits().get(lang), "tsc-group-fits", Verdict::Fits, true) }
            { team }
            <div class="tsc-actions tsc-no-print">
                { button("tsc-print", Kind::Secondary, ui.print().get(lang), &on_print) }
                { button("tsc-download-fhir", Kind::Secondary, ui.download_fhir().get(lang), &files.on_download) }
                { button("tsc-restart", Kind::Secondary, ui.start_over().get(lang), &emit(act, || Action::Restart)) }
            </div>
        </section>
    }
}

/// A section folded behind its heading (with its count), as `<details>`; print opens it.
fn folded(id: &str, heading: String, content: Html) -> Html {
    html! {
        <section class="tsc-group-section" id={id.to_string()}>
            <details class="tsc-fold">
                <summary><h2 class="tsc-summary-heading">{ heading }</h2></summary>
                { content }
            </details>
        </section>
    }
}
