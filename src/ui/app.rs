//! The root component: loads the trial content, owns the journey, and picks the screen.

use super::history::use_browser_history;
use super::question::QuestionScreen;
use super::start::StartScreen;
use super::summary::SummaryScreen;
use super::text::progress_text;
use crate::content::{UI_JSON, UiText, fill, load_ui, shipped_trial};
use crate::domain::engine::progress;
use crate::domain::journey::{Journey, Screen};
use crate::domain::{Answer, Lang, Outcome, Trial, evaluate_trial};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The registry id of the trial to check against.
    pub trial: String,
    /// The first language; the patient can switch at any time.
    pub lang: Lang,
    /// Whether the widget owns the page's history (one entry per step) and asks before the page
    /// is left with answers. True on the standalone page; a host page must opt in.
    #[prop_or_default]
    pub history: bool,
    /// Called once, with only the outcome level, when the patient first reaches the summary
    /// (the host's opt-in outcome event). Never carries answers.
    #[prop_or_default]
    pub on_outcome: Option<Callback<Outcome>>,
}

/// What every screen needs to render: the content and the current language.
#[derive(Clone)]
pub struct Ctx {
    pub trial: Rc<Trial>,
    pub ui: Rc<UiText>,
    pub lang: Lang,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        // Content never changes after load; comparing pointers keeps re-renders cheap.
        Rc::ptr_eq(&self.trial, &other.trial)
            && Rc::ptr_eq(&self.ui, &other.ui)
            && self.lang == other.lang
    }
}

/// Every change the screens can ask for.
pub enum Action {
    Start,
    Answer(String, Answer),
    Back,
    Change(String),
    KeepAnswering,
    ShowSummary,
    Restart,
    /// The browser went back or forward to the step with this key.
    Restore(String),
}

struct State {
    trial: Rc<Trial>,
    journey: Journey,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut journey = self.journey.clone();
        let t = &self.trial;
        match action {
            Action::Start => journey.start(t),
            Action::Answer(q, a) => journey.answer(t, &q, a),
            Action::Back => journey.back(t),
            Action::Change(q) => journey.change(&q),
            Action::KeepAnswering => journey.keep_answering(),
            Action::ShowSummary => journey.show_summary(),
            Action::Restart => journey.restart(),
            Action::Restore(key) => journey.restore(t, &key),
        }
        Rc::new(State {
            trial: self.trial.clone(),
            journey,
        })
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // Content is parsed once per instance. The shipped files are validated by tests, so an error
    // here means a corrupt build: say so plainly rather than show a blank box.
    let loaded = use_memo(props.trial.clone(), |id| {
        let ui = load_ui(UI_JSON).ok().map(Rc::new);
        let trial = shipped_trial(id).map(|r| r.ok().map(Rc::new));
        (ui, trial)
    });
    let lang = use_state(|| props.lang);
    {
        let lang = lang.clone();
        use_effect_with(props.lang, move |l| lang.set(*l));
    }
    let lang = *lang;
    match &*loaded {
        (Some(ui), Some(Some(trial))) => html! {
            <Journeyed ctx={Ctx { trial: trial.clone(), ui: ui.clone(), lang }} history={props.history}
                on_outcome={props.on_outcome.clone()} />
        },
        (Some(ui), None) => html! {
            <div class="tsc" lang={lang.tag()}><p class="tsc-error-box" role="alert">
                { fill(ui.unknown_trial.get(lang), &[("trial", &props.trial)]) }
            </p></div>
        },
        (Some(ui), Some(None)) => html! {
            <div class="tsc" lang={lang.tag()}><p class="tsc-error-box" role="alert">{ ui.content_error.get(lang) }</p></div>
        },
        (None, _) => html! {
            <div class="tsc"><p class="tsc-error-box" role="alert">
                { "Sorry, the self-check could not load. 抱歉，自查工具无法加载。 https://clinicaltrials.gov/study/" }{ &props.trial }
            </p></div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct JourneyProps {
    ctx: Ctx,
    history: bool,
    on_outcome: Option<Callback<Outcome>>,
}

/// The journey proper, once content has loaded.
#[component]
fn Journeyed(props: &JourneyProps) -> Html {
    let trial = props.ctx.trial.clone();
    let state = use_reducer(|| State {
        trial: trial.clone(),
        journey: Journey::default(),
    });
    let lang_override = use_state(|| None::<Lang>);
    let lang = lang_override.unwrap_or(props.ctx.lang);
    {
        // A new language from the host resets the patient's own switch.
        let lang_override = lang_override.clone();
        use_effect_with(props.ctx.lang, move |_| lang_override.set(None));
    }
    {
        let state = state.clone();
        use_browser_history(
            props.history,
            state.journey.screen.key(),
            !state.journey.answers.is_empty(),
            Callback::from(move |key| state.dispatch(Action::Restore(key))),
        );
    }
    {
        // The outcome event fires once per page view, on the first arrival at the summary.
        let fired = use_mut_ref(|| false);
        let on_outcome = props.on_outcome.clone();
        let outcome = (state.journey.screen == Screen::Summary)
            .then(|| evaluate_trial(&trial, &state.journey.answers).outcome);
        use_effect_with(outcome, move |outcome| {
            if let (Some(outcome), Some(cb)) = (outcome, on_outcome)
                && !std::mem::replace(&mut *fired.borrow_mut(), true)
            {
                cb.emit(*outcome);
            }
        });
    }
    let ctx = Ctx {
        lang,
        ..props.ctx.clone()
    };
    let ui = ctx.ui.clone();
    let root = use_node_ref();
    let first_render = use_mut_ref(|| true);
    {
        // Each step moves focus to the new heading (not on first load: that would steal focus
        // from the host page).
        let root = root.clone();
        use_effect_with(state.journey.screen.clone(), move |_| {
            let mut first = first_render.borrow_mut();
            if *first {
                *first = false;
            } else if let Some(root) = root.cast::<HtmlElement>()
                && let Some(h) = root
                    .query_selector(".tsc-heading")
                    .ok()
                    .flatten()
                    .and_then(|h| h.dyn_into::<HtmlElement>().ok())
            {
                let _ = h.focus();
            }
        });
    }

    let dispatch = |make: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(make()))
    };
    let on_answer = {
        let state = state.clone();
        Callback::from(move |(q, a): (String, Answer)| state.dispatch(Action::Answer(q, a)))
    };
    let on_change = {
        let state = state.clone();
        Callback::from(move |q: String| state.dispatch(Action::Change(q)))
    };
    let switch = {
        let lang_override = lang_override.clone();
        Callback::from(move |_: MouseEvent| {
            lang_override.set(Some(match lang {
                Lang::En => Lang::Zh,
                Lang::Zh => Lang::En,
            }))
        })
    };

    let journey = &state.journey;
    let announce = match &journey.screen {
        Screen::Question(id) => {
            match (trial.question(id), progress(&trial, &journey.answers, id)) {
                (Some(q), Some(p)) => fill(
                    ui.step_announce.get(lang),
                    &[
                        ("title", q.text.get(lang)),
                        ("progress", &progress_text(&ui, lang, p.position, p.total)),
                    ],
                ),
                _ => String::new(),
            }
        }
        Screen::Decided(_) => ui.decided_title.get(lang).to_string(),
        Screen::Summary => ui.summary_heading.get(lang).to_string(),
        Screen::Start => String::new(),
    };

    let body = match &journey.screen {
        Screen::Start => {
            html! { <StartScreen ctx={ctx.clone()} on_start={dispatch(|| Action::Start)} /> }
        }
        Screen::Question(id) => match trial.question(id) {
            Some(q) => {
                let position = progress(&trial, &journey.answers, id);
                html! {
                    <QuestionScreen key={id.clone()} ctx={ctx.clone()} question={Rc::new(q.clone())}
                        current={journey.answers.get(id).cloned()}
                        position={position.map(|p| (p.position, p.total))}
                        on_answer={on_answer.clone()} on_back={dispatch(|| Action::Back)} />
                }
            }
            None => html! { <SummaryScreen ctx={ctx.clone()} answers={journey.answers.clone()}
            on_change={on_change.clone()} on_restart={dispatch(|| Action::Restart)} /> },
        },
        Screen::Decided(_) => {
            let see = dispatch(|| Action::ShowSummary).reform(|_: MouseEvent| ());
            let keep = dispatch(|| Action::KeepAnswering).reform(|_: MouseEvent| ());
            let back = dispatch(|| Action::Back).reform(|e: MouseEvent| e.prevent_default());
            html! {
                <section class="tsc-screen">
                    <a href="#" class="tsc-back" onclick={back}>{ ui.back.get(lang) }</a>
                    <div class="tsc-notice">
                        <span class="tsc-icon" aria-hidden="true">{ "✕" }</span>
                        <h1 class="tsc-heading" tabindex="-1">{ ui.decided_title.get(lang) }</h1>
                        <p>{ ui.decided_body.get(lang) }</p>
                    </div>
                    <div class="tsc-actions">
                        <button type="button" class="tsc-button tsc-primary" id="tsc-see-summary" onclick={see}>{ ui.see_summary.get(lang) }</button>
                        <button type="button" class="tsc-button tsc-secondary" id="tsc-keep-answering" onclick={keep}>{ ui.keep_answering.get(lang) }</button>
                    </div>
                </section>
            }
        }
        Screen::Summary => html! {
            <SummaryScreen ctx={ctx.clone()} answers={journey.answers.clone()}
                on_change={on_change.clone()} on_restart={dispatch(|| Action::Restart)} />
        },
    };

    html! {
        <div class="tsc" lang={lang.tag()} ref={root}>
            <div class="tsc-bar">
                <button type="button" class="tsc-lang" id="tsc-lang" onclick={switch}
                    lang={match lang { Lang::En => "zh-CN", Lang::Zh => "en" }}>{ ui.switch_language.get(lang) }</button>
            </div>
            { body }
            <div class="tsc-visually-hidden" aria-live="polite" aria-atomic="true">{ announce }</div>
            <p class="tsc-version">
                { fill(ui.content_version.get(lang), &[("version", &trial.content_version), ("date", &trial.registry_date)]) }
            </p>
        </div>
    }
}
