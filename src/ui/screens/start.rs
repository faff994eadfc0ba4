//! The start screen: what this is, that answers stay here, about the study, Start.

use crate::content::fill;
use crate::domain::engine::question_range;
use crate::ui::ctx::Ctx;
use crate::ui::state::{Action, emit};
use crate::ui::text::{Kind, button};
use yew::prelude::*;

/// A plain function, not a component (see docs/size.md, rule 3): it has no state of its own. The key makes a
/// new screen replace the old one.
pub fn start_screen(ctx: &Ctx, act: &Callback<Action>) -> Html {
    let Ctx { trial, ui, lang } = ctx;
    let lang = *lang;
    // An honest range: the questions every patient is asked, up to every question there is
    // (follow-ups depend on answers). About 20 seconds a question, rounded up to whole minutes.
    let (min, max) = question_range(trial);
    let minutes = (max * 20).div_ceil(60);
    html! {
        <section key="start" class="tsc-screen">
            <h1 class="tsc-heading" tabindex="-1">{ ui.app_title().get(lang) }</h1>
            <p class="tsc-lead">{ trial.title.get(lang) }</p>
            <p>{ fill(ui.start_intro().get(lang), &[("min", &min.to_string()), ("max", &max.to_string()), ("m", &minutes.to_string())]) }</p>
            <ul class="tsc-promises">
                <li>{ ui.private_note().get(lang) }</li>
                <li>{ ui.not_advice().get(lang) }</li>
            </ul>
            { button("tsc-start", Kind::Primary, ui.start().get(lang), &emit(act, || Action::Start)) }
            <h2>{ ui.about_heading().get(lang) }</h2>
            { for trial.about.iter().map(|p| html! { <p>{ p.get(lang) }</p> }) }
        </section>
    }
}
