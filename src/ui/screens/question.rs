//! One question per screen, after the public-service question-page pattern: a Back link, the
//! question as the heading inside the legend, help and glossary on the question, Continue (no
//! auto-advance), and the error pattern (a summary at the top that takes focus and links to the
//! field, a message beside the field tied to it with `aria-describedby`).

use crate::content::fill;
use crate::domain::form::{Draft, Form, Problem};
use crate::domain::model::{Answer, QuestionKind};
use crate::ui::ctx::Ctx;
use crate::ui::state::Action;
use crate::ui::text::progress_text;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// The screen for the question at `index` in `ctx.trial.questions` (content is shared, never
/// copied per screen), with its `form`; `position` is (position, total asked so far). A plain
/// function, not a component (see `start_screen`): its form lives in the journey's state, and
/// every change to it is an `Action` on `act`. `summary_ref` is for the error summary, which the
/// step effect (`use_step`) focuses when a problem appears (and again on each failed Continue).
pub fn question_screen(
    ctx: &Ctx,
    index: usize,
    form: &Form,
    position: Option<(usize, usize)>,
    act: &Callback<Action>,
    summary_ref: NodeRef,
) -> Html {
    let Ctx { trial, ui, lang } = ctx;
    let lang = *lang;
    let q = &trial.questions[index];

    let field_id = format!("tsc-q-{}", q.id);
    let error_id = format!("tsc-q-{}-error", q.id);
    let hint_id = format!("tsc-q-{}-hint", q.id);
    let heading_id = format!("tsc-q-{}-heading", q.id);
    let unit_id = format!("tsc-q-{}-unit", q.id);

    // Continue and Enter answer without the form's submission, which a frame sandboxed without
    // `allow-forms` blocks (with its submit event): Continue is a plain button, and Enter in any
    // field (the number, its "not sure" box, a radio) does what it always did. The submit
    // handler stays for any submission the browser still makes (a phone keyboard's "Go").
    let onsubmit = act.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::Submit
    });
    let onkeydown = {
        let act = act.clone();
        Callback::from(move |e: KeyboardEvent| {
            let field = e.target_dyn_into::<HtmlInputElement>().is_some();
            if field && e.key() == "Enter" && !e.is_composing() {
                e.prevent_default();
                act.emit(Action::Submit);
            }
        })
    };
    let oncontinue = act.reform(|_: MouseEvent| Action::Submit);
    let onback = act.reform(|_: MouseEvent| Action::Back);

    let message = form.problem.map(|(p, _)| match p {
        Problem::Choose => ui.error_choose().get(lang).to_string(),
        Problem::NumberMissing => ui.error_number_missing().get(lang).to_string(),
        Problem::NumberFormat => ui.error_number_format().get(lang).to_string(),
        Problem::NumberRange => match &q.kind {
            QuestionKind::Number { min, max, .. } => fill(
                ui.error_number_range().get(lang),
                &[("min", &min.to_string()), ("max", &max.to_string())],
            ),
            _ => String::new(),
        },
    });

    let focus_field = {
        let field_id = field_id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            // Anchors cannot target ids inside a shadow root, so move focus by hand.
            let target = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".tsc-screen").ok().flatten())
                .and_then(|screen| {
                    screen
                        .query_selector(&format!("#{field_id}"))
                        .ok()
                        .flatten()
                })
                .and_then(|f| f.dyn_into::<HtmlElement>().ok());
            if let Some(f) = target {
                let _ = f.focus();
            }
        })
    };

    let described = {
        let mut ids = String::new();
        if q.hint.is_some() || !q.list.is_empty() {
            ids.push_str(&hint_id);
        }
        if message.is_some() {
            if !ids.is_empty() {
                ids.push(' ');
            }
            ids.push_str(&error_id);
        }
        (!ids.is_empty()).then_some(ids)
    };

    let controls = match &q.kind {
        QuestionKind::YesNo => {
            let options = [
                (Answer::Yes, ui.yes().get(lang).to_string()),
                (Answer::No, ui.no().get(lang).to_string()),
                (Answer::NotSure, ui.not_sure().get(lang).to_string()),
            ];
            radios(&q.id, &field_id, &options, form, act)
        }
        QuestionKind::Choice { options } => {
            let mut list: Vec<(Answer, String)> = options
                .iter()
                .map(|o| (Answer::Choice(o.id.clone()), o.label.get(lang).to_string()))
                .collect();
            list.push((Answer::NotSure, ui.not_sure().get(lang).to_string()));
            radios(&q.id, &field_id, &list, form, act)
        }
        QuestionKind::Number { unit, .. } => {
            let typed = match &form.draft {
                Draft::Typed(s) => s.clone(),
                _ => String::new(),
            };
            let not_sure = form.draft == Draft::Picked(Answer::NotSure);
            let oninput = act.reform(|e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                Action::Draft(Draft::Typed(input.value()))
            });
            let onchange = act.reform(|e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                Action::Draft(if input.checked() {
                    Draft::Picked(Answer::NotSure)
                } else {
                    Draft::Nothing
                })
            });
            let unsure_id = format!("{field_id}-unsure");
            html! {
                <div class="tsc-number">
                    <div class="tsc-number-row">
                        <input id={field_id.clone()} class="tsc-input" type="text" inputmode="numeric"
                            aria-labelledby={format!("{heading_id} {unit_id}")}
                            autocomplete="off" spellcheck="false" value={typed} disabled={not_sure}
                            aria-invalid={message.is_some().then_some("true")}
                            aria-describedby={described.clone()} {oninput} />
                        <span class="tsc-unit" id={unit_id.clone()}>{ unit.get(lang) }</span>
                    </div>
                    <div class="tsc-option">
                        <input type="checkbox" id={unsure_id.clone()} checked={not_sure} {onchange} />
                        <label for={unsure_id}>{ ui.number_not_sure().get(lang) }</label>
                    </div>
                </div>
            }
        }
    };

    let glossary = q.glossary.iter().filter_map(|g| trial.glossary_entry(g)).map(|g| {
        html! {
            <details class="tsc-glossary">
                <summary>{ fill(ui.glossary_prompt().get(lang), &[("term", g.term.get(lang))]) }</summary>
                <p>{ g.definition.get(lang) }</p>
            </details>
        }
    });

    html! {
        // Keyed like every screen, so the next question replaces this one (fields and all).
        <section key={format!("q:{}", q.id)} class="tsc-screen">
            // A button, not a link: it acts rather than goes somewhere, and Safari's Tab (by
            // default) skips links, which would leave keyboard users without Back.
            <button type="button" class="tsc-back" id="tsc-back" onclick={onback}>{ ui.back().get(lang) }</button>
            if let Some(msg) = &message {
                <div class="tsc-error-summary" role="group" tabindex="-1" ref={summary_ref} aria-labelledby="tsc-error-summary-title">
                    <h2 id="tsc-error-summary-title">{ ui.error_summary_title().get(lang) }</h2>
                    <ul><li><a href={format!("#{field_id}")} onclick={focus_field}>{ msg.clone() }</a></li></ul>
                </div>
            }
            if let Some((n, total)) = position {
                <p class="tsc-progress">{ progress_text(ui, lang, n, total) }</p>
            }
            // Validation errors are announced politely (the summary also takes focus).
            <div class="tsc-visually-hidden" aria-live="polite" aria-atomic="true">
                { message.clone().map(|m| format!("{} {m}", ui.error_prefix().get(lang))).unwrap_or_default() }
            </div>
            <form class="tsc-form" novalidate=true {onsubmit} {onkeydown}>
                <div class="tsc-group" data-error={message.is_some().then_some("true")}>
                    <fieldset class="tsc-fieldset" aria-describedby={described.clone()}>
                        <legend class="tsc-legend">
                            <h1 class="tsc-heading" id={heading_id.clone()} tabindex="-1">{ q.text.get(lang) }</h1>
                        </legend>
                        if q.hint.is_some() || !q.list.is_empty() {
                            <div class="tsc-hint" id={hint_id.clone()}>
                                if let Some(hint) = &q.hint {
                                    <p>{ hint.get(lang) }</p>
                                }
                                if !q.list.is_empty() {
                                    <ul>{ for q.list.iter().map(|item| html! { <li>{ item.get(lang) }</li> }) }</ul>
                                }
                            </div>
                        }
                        if let Some(msg) = &message {
                            <p class="tsc-error-message" id={error_id.clone()}>
                                <span class="tsc-visually-hidden">{ ui.error_prefix().get(lang) }{ " " }</span>{ msg.clone() }
                            </p>
                        }
                        { controls }
                    </fieldset>
                </div>
                <details class="tsc-help">
                    <summary>{ ui.why_we_ask().get(lang) }</summary>
                    <p>{ q.why.get(lang) }</p>
                </details>
                <details class="tsc-help">
                    <summary>{ ui.where_to_find().get(lang) }</summary>
                    <p>{ q.where_to_find.get(lang) }</p>
                </details>
                { for glossary }
                <button type="button" class="tsc-button tsc-primary" id="tsc-continue" onclick={oncontinue}>{ ui.continue_().get(lang) }</button>
            </form>
        </section>
    }
}

/// Radios for `options`; the first carries `field_id` so the error summary can focus it.
fn radios(
    qid: &str,
    field_id: &str,
    options: &[(Answer, String)],
    form: &Form,
    act: &Callback<Action>,
) -> Html {
    let picked = match &form.draft {
        Draft::Picked(a) => Some(a.clone()),
        _ => None,
    };
    html! {
        <div class="tsc-options">
            { for options.iter().enumerate().map(|(i, (answer, label))| {
                let id = if i == 0 { field_id.to_string() } else { format!("{field_id}-{i}") };
                let onchange = {
                    let answer = answer.clone();
                    act.reform(move |_: Event| Action::Draft(Draft::Picked(answer.clone())))
                };
                html! {
                    <div class="tsc-option">
                        <input type="radio" name={format!("tsc-{qid}")} id={id.clone()}
                            checked={picked.as_ref() == Some(answer)} {onchange} />
                        <label for={id}>{ label.clone() }</label>
                    </div>
                }
            }) }
        </div>
    }
}
