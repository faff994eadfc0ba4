//! Saving, opening and erasing answers, and the inactivity prompt: the "Save or erase your
//! answers" panel, the screen that confirms an opened file (showing what will change), and the
//! "Are you still there?" screen that hides answers on a shared screen.

use crate::content::fill;
use crate::domain::imported::{DropReason, Imported};
use crate::domain::saved::{Change, changes};
use crate::domain::{Answer, Answers};
use crate::ui::ctx::Ctx;
use crate::ui::files::Files;
use crate::ui::state::{Action, emit};
use crate::ui::text::{Kind, answer_text, button};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The panel, folded under its heading. `keep`: whether answers are kept on this device (opt-in);
/// `files.on_open`: a file was picked in the "Open saved answers" input. A plain function, not a
/// component (see docs/size.md, rule 3): the file input's reference is made afresh on each render,
/// and Yew points it at the input it keeps.
pub fn answers_panel(ctx: &Ctx, keep: bool, act: &Callback<Action>, files: &Files) -> Html {
    let Ctx { ui, lang, .. } = ctx;
    let lang = *lang;
    let file_input = NodeRef::default();
    let onchange_keep = act
        .reform(|e: Event| Action::Keep(e.target_unchecked_into::<HtmlInputElement>().checked()));
    let pick = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        })
    };
    let on_file = files
        .on_open
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>());
    html! {
        <details class="tsc-answers-panel tsc-no-print">
            <summary>{ ui.answers_panel().get(lang) }</summary>
            <div class="tsc-option">
                <input type="checkbox" id="tsc-keep" checked={keep} onchange={onchange_keep}
                    aria-describedby="tsc-keep-warning" />
                <label for="tsc-keep">{ ui.keep_label().get(lang) }</label>
            </div>
            <p class="tsc-hint" id="tsc-keep-warning">{ ui.keep_warning().get(lang) }</p>
            <div class="tsc-actions">
                { button("tsc-save-file", Kind::Secondary, ui.save_file().get(lang), &files.on_save) }
                { button("tsc-open-file", Kind::Secondary, ui.open_file().get(lang), &pick) }
                <input type="file" id="tsc-open-input" class="tsc-visually-hidden" tabindex="-1" aria-hidden="true"
                    accept=".json,application/json" ref={file_input} onchange={on_file} />
                { button("tsc-erase", Kind::Secondary, ui.erase().get(lang), &emit(act, || Action::Erase)) }
            </div>
        </details>
    }
}

/// Shows what an opened file (`imported`) would change in the `current` answers; nothing changes
/// until the patient confirms. A plain function, not a component (see docs/size.md, rule 3).
pub fn import_screen(
    ctx: &Ctx,
    imported: &Imported,
    current: &Answers,
    act: &Callback<Action>,
) -> Html {
    let Ctx { trial, ui, lang } = ctx;
    let lang = *lang;
    let list: Vec<Change> = changes(trial, current, &imported.answers);
    let show = |q: &str, a: &Option<Answer>| match (trial.question(q), a) {
        (Some(q), Some(a)) => answer_text(ui, lang, q, a),
        _ => ui.answer_removed().get(lang).to_string(),
    };
    html! {
        <section key="import" class="tsc-screen">
            <h1 class="tsc-heading" tabindex="-1">{ ui.import_title().get(lang) }</h1>
            if !imported.saved.is_empty() {
                <p>{ fill(ui.import_intro().get(lang), &[("date", &imported.saved)]) }</p>
            }
            if list.is_empty() {
                <p>{ ui.import_same().get(lang) }</p>
            } else {
                <h2>{ ui.import_changes().get(lang) }</h2>
                <ul class="tsc-plain-list" id="tsc-import-changes">
                    { for list.iter().map(|c| html! {
                        <li>
                            <strong>{ trial.question(&c.question).map(|q| q.text.get(lang)).unwrap_or_default() }</strong><br/>
                            { show(&c.question, &c.before) }{ " → " }<strong>{ show(&c.question, &c.after) }</strong>
                        </li>
                    }) }
                </ul>
            }
            if !imported.dropped.is_empty() {
                <h2>{ ui.import_dropped().get(lang) }</h2>
                <ul class="tsc-plain-list" id="tsc-import-dropped">
                    { for imported.dropped.iter().map(|d| {
                        let name = trial.question(&d.question).map(|q| q.text.get(lang).to_string()).unwrap_or_else(|| d.question.clone());
                        let why = match d.reason {
                            DropReason::UnknownQuestion => ui.dropped_unknown().get(lang),
                            DropReason::Invalid => ui.dropped_invalid().get(lang),
                            DropReason::Changed => ui.dropped_changed().get(lang),
                        };
                        html! { <li><strong>{ name }</strong><br/>{ why }</li> }
                    }) }
                </ul>
            }
            <div class="tsc-actions">
                { button("tsc-import-replace", Kind::Primary, ui.import_replace().get(lang), &emit(act, || Action::ConfirmImport)) }
                { button("tsc-import-cancel", Kind::Secondary, ui.import_cancel().get(lang), &emit(act, || Action::CancelImport)) }
            </div>
        </section>
    }
}

/// After 15 minutes without input: the answers are hidden behind this screen. A plain function,
/// not a component (see docs/size.md, rule 3).
pub fn idle_screen(ctx: &Ctx, act: &Callback<Action>) -> Html {
    let Ctx { ui, lang, .. } = ctx;
    let lang = *lang;
    html! {
        <section key="idle" class="tsc-screen">
            <h1 class="tsc-heading" tabindex="-1">{ ui.idle_title().get(lang) }</h1>
            <p>{ ui.idle_body().get(lang) }</p>
            <div class="tsc-actions">
                { button("tsc-idle-continue", Kind::Primary, ui.idle_continue().get(lang), &emit(act, || Action::Idle(false))) }
                { button("tsc-idle-erase", Kind::Secondary, ui.erase().get(lang), &emit(act, || Action::Erase)) }
            </div>
        </section>
    }
}
