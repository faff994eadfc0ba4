//! Small helpers: domain values as display text in the current language, an answer with its
//! "Change", and the shared button.

use crate::content::{UiText, fill};
use crate::domain::Lang;
use crate::domain::model::{Answer, Question, QuestionKind};
use yew::prelude::*;

/// How a given answer reads back to the patient ("Yes", "64 years", the option's words…).
pub fn answer_text(ui: &UiText, lang: Lang, q: &Question, a: &Answer) -> String {
    match (a, &q.kind) {
        (Answer::Yes, _) => ui.yes().get(lang).into(),
        (Answer::No, _) => ui.no().get(lang).into(),
        (Answer::NotSure, _) => ui.not_sure().get(lang).into(),
        (Answer::Choice(id), QuestionKind::Choice { options }) => options
            .iter()
            .find(|o| &o.id == id)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| ui.no_answer().get(lang).into()),
        (Answer::Number(n), QuestionKind::Number { unit, .. }) => format!("{n} {}", unit.get(lang)),
        _ => ui.no_answer().get(lang).into(),
    }
}

/// One answer as the summary and the "not a fit" notice show it, inside a `<dl>`: the question,
/// the answer given (or "Not answered"), and a "Change" that emits the question's id.
pub fn answer_row(
    ui: &UiText,
    lang: Lang,
    q: &Question,
    given: Option<&Answer>,
    on_change: &Callback<String>,
) -> Html {
    let text = given
        .filter(|a| q.accepts(a))
        .map(|a| answer_text(ui, lang, q, a))
        .unwrap_or_else(|| ui.no_answer().get(lang).into());
    let onclick = {
        let id = q.id.clone();
        on_change.reform(move |_: MouseEvent| id.clone())
    };
    html! {
        <div class="tsc-answer">
            <dt>{ q.text.get(lang) }</dt>
            <dd>
                <span class="tsc-given">{ ui.your_answer().get(lang) }{ ui.colon().get(lang) }<strong>{ text }</strong></span>
                <button type="button" class="tsc-link" data-change={q.id.clone()} {onclick}>
                    { ui.change().get(lang) }
                    <span class="tsc-visually-hidden">{ " " }{ fill(ui.change_which().get(lang), &[("question", q.text.get(lang))]) }</span>
                </button>
            </dd>
        </div>
    }
}

pub fn progress_text(ui: &UiText, lang: Lang, position: usize, total: usize) -> String {
    fill(
        ui.progress().get(lang),
        &[("n", &position.to_string()), ("total", &total.to_string())],
    )
}

/// Which look a [`button`] has: the one main action of a screen, or any other.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Primary,
    Secondary,
}

/// A plain action button. One function for every such button keeps each call site to a few
/// bytes of wasm instead of a whole `html!` expansion; literal classes (see docs/size.md, rule 7).
pub fn button(id: &'static str, kind: Kind, label: &str, on: &Callback<()>) -> Html {
    let onclick = on.reform(|_: MouseEvent| ());
    match kind {
        Kind::Primary => html! {
            <button type="button" class="tsc-button tsc-primary" {id} {onclick}>{ label }</button>
        },
        Kind::Secondary => html! {
            <button type="button" class="tsc-button tsc-secondary" {id} {onclick}>{ label }</button>
        },
    }
}
