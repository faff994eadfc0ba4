//! The "probably not a fit" notice, shown as soon as the answers decide it: which answers
//! decided it (each with "Change", in case one was a slip), then the summary or keep answering.

use crate::domain::{Answers, Verdict, evaluate_trial};
use crate::ui::ctx::Ctx;
use crate::ui::state::{Action, emit};
use crate::ui::text::{Kind, answer_row, button};
use yew::prelude::*;

/// A plain function, not a component (see docs/size.md, rule 3).
pub fn decided_screen(ctx: &Ctx, answers: &Answers, act: &Callback<Action>) -> Html {
    let Ctx { trial, ui, lang } = ctx;
    let lang = *lang;
    let report = evaluate_trial(trial, answers);
    // The answers the criteria that do not fit read: each one helped decide.
    let mut deciding: Vec<_> = report
        .criteria
        .iter()
        .filter(|r| r.verdict == Some(Verdict::DoesNotFit))
        .flat_map(|r| r.deciding.iter().copied())
        .collect();
    deciding.dedup_by(|a, b| a.id == b.id);
    let back = act.reform(|_: MouseEvent| Action::Back);
    let on_change = act.reform(Action::Change);
    html! {
        <section key="decided" class="tsc-screen">
            // A button for Safari's keyboard users, as on the question screen.
            <button type="button" class="tsc-back" onclick={back}>{ ui.back().get(lang) }</button>
            <div class="tsc-notice">
                <span class="tsc-icon" aria-hidden="true">{ "✕" }</span>
                <h1 class="tsc-heading" tabindex="-1">{ ui.decided_title().get(lang) }</h1>
                <p>{ ui.decided_because().get(lang) }</p>
                <dl class="tsc-answers" id="tsc-deciding">
                    { for deciding.iter().map(|q| answer_row(ui, lang, q, answers.get(&q.id), &on_change)) }
                </dl>
                <p>{ ui.decided_body().get(lang) }</p>
            </div>
            <div class="tsc-actions">
                { button("tsc-see-summary", Kind::Primary, ui.see_summary().get(lang), &emit(act, || Action::ShowSummary)) }
                { button("tsc-keep-answering", Kind::Secondary, ui.keep_answering().get(lang), &emit(act, || Action::KeepAnswering)) }
            </div>
        </section>
    }
}
