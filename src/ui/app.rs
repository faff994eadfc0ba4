//! The root component: loads the trial content, owns the journey, and picks the screen.

use super::device;
use super::history::use_browser_history;
use super::question::QuestionScreen;
use super::saving::{AnswersPanel, IdleScreen, ImportScreen};
use super::start::StartScreen;
use super::summary::SummaryScreen;
use super::text::progress_text;
use crate::content::{UI_COMPACT, UiText, fill, load_ui, shipped_trial};
use crate::domain::engine::progress;
use crate::domain::journey::{Journey, Screen};
use crate::domain::saved::{self, ImportError, Imported};
use crate::domain::{Answer, Answers, Lang, Outcome, Trial, evaluate_trial};
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
    /// Answers kept on this device, loaded at start-up (the screen stays where it is).
    Loaded(Answers),
    /// Answers from an opened file, after the patient confirmed.
    Replace(Answers),
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
            Action::Loaded(answers) => journey.answers = answers,
            Action::Replace(answers) => journey.replace_answers(t, answers),
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
        let ui = load_ui(UI_COMPACT).ok().map(Rc::new);
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

/// A message about saving, opening or erasing, rendered in the current language.
#[derive(Clone, PartialEq)]
enum Note {
    Restored(String),
    StorageCorrupt,
    Erased,
    KeptOn,
    KeptOff,
    KeepFailed,
    SavedFile(String),
    Import(ImportError),
    ReadFailed,
    ImportCancelled,
    ImportDone,
    IdleErased,
}

impl Note {
    fn text(&self, ui: &UiText, lang: Lang) -> String {
        let t = |t: &crate::domain::Text| t.get(lang).to_string();
        match self {
            Note::Restored(date) => fill(ui.restored.get(lang), &[("date", date)]),
            Note::StorageCorrupt => t(&ui.storage_corrupt),
            Note::Erased => t(&ui.erased),
            Note::KeptOn => t(&ui.kept_on),
            Note::KeptOff => t(&ui.kept_off),
            Note::KeepFailed => t(&ui.keep_failed),
            Note::SavedFile(name) => fill(ui.saved_file.get(lang), &[("file", name)]),
            Note::Import(ImportError::TooLarge { .. }) => t(&ui.err_too_large),
            Note::Import(ImportError::NotJson | ImportError::NotAnswersFile) => t(&ui.err_not_ours),
            Note::Import(ImportError::OtherTrial { found }) => {
                fill(ui.err_other_trial.get(lang), &[("found", found)])
            }
            Note::Import(ImportError::NewerSchema { .. }) => t(&ui.err_newer),
            Note::ReadFailed => t(&ui.err_read),
            Note::ImportCancelled => t(&ui.import_cancelled),
            Note::ImportDone => t(&ui.import_done),
            Note::IdleErased => t(&ui.idle_erased),
        }
    }

    fn is_problem(&self) -> bool {
        matches!(
            self,
            Note::StorageCorrupt | Note::KeepFailed | Note::Import(_) | Note::ReadFailed
        )
    }
}

/// Minutes without input before the answers are hidden, then before they are erased.
const IDLE_HIDE_MS: f64 = 15.0 * 60.0 * 1000.0;
const IDLE_ERASE_MS: f64 = 5.0 * 60.0 * 1000.0;
const IDLE_CHECK_MS: u32 = 5_000;

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
    // Whether the patient chose to keep answers on this device.
    let keep = use_state(|| false);
    {
        let state = state.clone();
        // Answers kept on the device are not lost by leaving, so only unkept ones ask first.
        use_browser_history(
            props.history,
            state.journey.screen.key(),
            !state.journey.answers.is_empty() && !*keep,
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
    // Saving, opening, erasing and the inactivity guard.
    let storage_key = device::storage_key(&trial.id);
    let note = use_state(|| None::<Note>);
    let importing = use_state(|| None::<Imported>);
    let idle = use_state(|| false);
    {
        // Start-up: read (never write) the record kept on this device, if the patient kept one.
        let (state, keep, note, key, trial) = (
            state.clone(),
            keep.clone(),
            note.clone(),
            storage_key.clone(),
            trial.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(text) = device::load(&key) {
                match saved::from_json(&text, &trial) {
                    Ok(found) => {
                        state.dispatch(Action::Loaded(found.answers));
                        keep.set(true);
                        note.set(Some(Note::Restored(found.saved)));
                    }
                    Err(_) => note.set(Some(Note::StorageCorrupt)),
                }
            }
        });
    }
    {
        // While the patient keeps answers on the device, every change (and the opt-in itself) is
        // written through here; a browser that refuses storage turns the option back off.
        let (key, trial, keep_handle, note) = (
            storage_key.clone(),
            trial.clone(),
            keep.clone(),
            note.clone(),
        );
        use_effect_with(
            (*keep, state.journey.answers.clone()),
            move |(keep, answers)| {
                if *keep && !device::store(&key, &saved::to_json(&trial, answers, &device::today()))
                {
                    keep_handle.set(false);
                    note.set(Some(Note::KeepFailed));
                }
            },
        );
    }
    // 15 minutes without input hide the answers; 5 more erase them from memory. Input is noted
    // in a cell (no re-render per keystroke or click); a 5-second check compares the clock.
    let last_input = use_mut_ref(js_sys::Date::now);
    let idle_since = use_mut_ref(|| None::<f64>);
    {
        let (idle, state, note) = (idle.clone(), state.clone(), note.clone());
        let (last_input, idle_since) = (last_input.clone(), idle_since.clone());
        let has_answers = !state.journey.answers.is_empty();
        use_effect_with(has_answers, move |&has_answers| {
            *last_input.borrow_mut() = js_sys::Date::now();
            let timer = has_answers.then(|| {
                gloo::timers::callback::Interval::new(IDLE_CHECK_MS, move || {
                    let now = js_sys::Date::now();
                    let since = *idle_since.borrow();
                    match since {
                        None if now - *last_input.borrow() >= IDLE_HIDE_MS => {
                            *idle_since.borrow_mut() = Some(now);
                            idle.set(true);
                        }
                        Some(t) if now - t >= IDLE_ERASE_MS => {
                            *idle_since.borrow_mut() = None;
                            idle.set(false);
                            state.dispatch(Action::Restart);
                            note.set(Some(Note::IdleErased));
                        }
                        _ => {}
                    }
                })
            });
            move || drop(timer)
        });
    }
    let on_activity = {
        let (last_input, idle_since) = (last_input.clone(), idle_since.clone());
        Callback::from(move |_: ()| {
            // While the prompt shows, only its buttons count as a reply.
            if idle_since.borrow().is_none() {
                *last_input.borrow_mut() = js_sys::Date::now();
            }
        })
    };
    let resume = {
        let (idle, last_input, idle_since) = (idle.clone(), last_input.clone(), idle_since.clone());
        Callback::from(move |_: ()| {
            *idle_since.borrow_mut() = None;
            *last_input.borrow_mut() = js_sys::Date::now();
            idle.set(false);
        })
    };
    let erase = {
        let (state, keep, note, importing, resume) = (
            state.clone(),
            keep.clone(),
            note.clone(),
            importing.clone(),
            resume.clone(),
        );
        Callback::from(move |_: ()| {
            resume.emit(());
            device::erase_all();
            keep.set(false);
            importing.set(None);
            state.dispatch(Action::Restart);
            note.set(Some(Note::Erased));
        })
    };
    let on_keep = {
        let (keep, note, key) = (keep.clone(), note.clone(), storage_key.clone());
        Callback::from(move |on: bool| {
            if on {
                keep.set(true);
                note.set(Some(Note::KeptOn));
            } else {
                device::remove(&key);
                keep.set(false);
                note.set(Some(Note::KeptOff));
            }
        })
    };
    let on_save = {
        let (note, state, trial) = (note.clone(), state.clone(), trial.clone());
        Callback::from(move |_: ()| {
            let today = device::today();
            let name = format!("trial-self-check-{}-{today}.json", trial.id);
            if device::download(
                &name,
                &saved::to_json(&trial, &state.journey.answers, &today),
            ) {
                note.set(Some(Note::SavedFile(name)));
            }
        })
    };
    let on_open = {
        let (note, importing, trial) = (note.clone(), importing.clone(), trial.clone());
        Callback::from(move |input: web_sys::HtmlInputElement| {
            let (note, importing, trial) = (note.clone(), importing.clone(), trial.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match device::read_picked(&input, saved::MAX_BYTES).await {
                    Err(true) => note.set(Some(Note::Import(ImportError::TooLarge { bytes: 0 }))),
                    Err(false) => note.set(Some(Note::ReadFailed)),
                    Ok(text) => match saved::from_json(&text, &trial) {
                        Ok(found) => {
                            note.set(None);
                            importing.set(Some(found));
                        }
                        Err(e) => note.set(Some(Note::Import(e))),
                    },
                }
            });
        })
    };

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

    // Moving on clears any message about saving or opening.
    let dispatch = |make: fn() -> Action| {
        let (state, note) = (state.clone(), note.clone());
        Callback::from(move |_: ()| {
            note.set(None);
            state.dispatch(make())
        })
    };
    let on_answer = {
        let (state, note) = (state.clone(), note.clone());
        Callback::from(move |(q, a): (String, Answer)| {
            note.set(None);
            state.dispatch(Action::Answer(q, a))
        })
    };
    let on_change = {
        let (state, note) = (state.clone(), note.clone());
        Callback::from(move |q: String| {
            note.set(None);
            state.dispatch(Action::Change(q))
        })
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

    let body = match (&journey.screen, &*importing) {
        _ if *idle => html! {
            <IdleScreen ctx={ctx.clone()} on_erase={erase.clone()}
                on_continue={resume.clone()} />
        },
        (_, Some(found)) => {
            let on_replace = {
                let (state, importing, note, answers) = (
                    state.clone(),
                    importing.clone(),
                    note.clone(),
                    found.answers.clone(),
                );
                Callback::from(move |_| {
                    state.dispatch(Action::Replace(answers.clone()));
                    importing.set(None);
                    note.set(Some(Note::ImportDone));
                })
            };
            let on_cancel = {
                let (importing, note) = (importing.clone(), note.clone());
                Callback::from(move |_| {
                    importing.set(None);
                    note.set(Some(Note::ImportCancelled));
                })
            };
            html! { <ImportScreen ctx={ctx.clone()} imported={found.clone()} current={journey.answers.clone()} {on_replace} {on_cancel} /> }
        }
        (screen, None) => match screen {
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
        },
    };
    let show_panel = !*idle && importing.is_none();
    let status = note.as_ref().map(|n| {
        (
            n.text(&ui, lang),
            n.is_problem(),
            *n == Note::StorageCorrupt,
        )
    });

    html! {
        <div class="tsc" lang={lang.tag()} ref={root}
            onclick={on_activity.reform(|_: MouseEvent| ())} onkeydown={on_activity.reform(|_: KeyboardEvent| ())}
            oninput={on_activity.reform(|_: InputEvent| ())}>
            <div class="tsc-bar">
                <button type="button" class="tsc-lang" id="tsc-lang" onclick={switch}
                    lang={match lang { Lang::En => "zh-CN", Lang::Zh => "en" }}>{ ui.switch_language.get(lang) }</button>
            </div>
            <div class="tsc-status-region" role="status">
                if let Some((text, problem, offer_erase)) = status {
                    <div class={classes!("tsc-status", problem.then_some("tsc-status-problem"))} id="tsc-status">
                        <p>{ text }</p>
                        if offer_erase {
                            <button type="button" class="tsc-button tsc-secondary" id="tsc-status-erase"
                                onclick={erase.reform(|_: MouseEvent| ())}>{ ui.erase.get(lang) }</button>
                        }
                    </div>
                }
            </div>
            { body }
            if show_panel {
                <AnswersPanel ctx={ctx.clone()} keep={*keep} {on_keep} {on_save} {on_open}
                    on_erase={erase.clone()} />
            }
            <div class="tsc-visually-hidden" aria-live="polite" aria-atomic="true">{ announce }</div>
            <p class="tsc-version">
                { fill(ui.content_version.get(lang), &[("version", &trial.content_version), ("date", &trial.registry_date)]) }
            </p>
        </div>
    }
}
