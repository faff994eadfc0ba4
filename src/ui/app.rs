//! The root component, and the only one, in three steps: content (the trial and interface texts;
//! a trial not loaded returns its message before any hook), then the journey (one reducer holds the
//! root's state, with the hooks for each concern around it: keeping on the device, history, files,
//! the inactivity guard and each step's effect), then the current screen.

use crate::content::{fill, has_language, loaded_trial, shipped_ui, shown_language};
use crate::domain::engine::progress;
use crate::domain::journey::Screen;
use crate::domain::{Lang, Outcome, evaluate_trial};
use crate::ui::browser::device;
use crate::ui::browser::history::use_browser_history;
use crate::ui::ctx::Ctx;
use crate::ui::files::file_actions;
use crate::ui::hooks::erase::use_erase_everywhere;
use crate::ui::hooks::idle::use_idle;
use crate::ui::hooks::keep::use_keep;
use crate::ui::hooks::step::use_step;
use crate::ui::screens::decided::decided_screen;
use crate::ui::screens::question::question_screen;
use crate::ui::screens::saving::{answers_panel, idle_screen, import_screen};
use crate::ui::screens::start::start_screen;
use crate::ui::screens::summary::summary_screen;
use crate::ui::state::note::Note;
use crate::ui::state::{Action, emit, use_journey};
use crate::ui::text::{Kind, button, progress_text};
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
    /// Which of the trial's records on this device this instance keeps: empty for the first (or
    /// only) one; an embedded copy gets its own from its `id` or position (see `embed.js`), so two
    /// copies of one trial never overwrite each other's answers.
    #[prop_or_default]
    pub record: String,
    /// Start was pressed on the page's static start screen before the widget was ready
    /// (`boot.js`): begin at once, as if pressed now.
    #[prop_or_default]
    pub start: bool,
    /// Fetches the trial's texts in a language not loaded yet (the mount's, over the loader's
    /// fetch), then emits the action that shows it (`Action::Lang`), or the note that it failed.
    #[prop_or_default]
    pub load_language: Option<Callback<(Lang, Callback<Action>)>>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // Content is decoded once per page and shared by every instance: the interface strings from
    // the compiled-in data, the trial from the file the loader fetched before mounting.
    let ui = shipped_ui();
    // An instance's trial never changes (it is set when the widget is mounted; a language loaded
    // later only adds texts), so the hooks below run on every render or on none.
    let Some(trial) = loaded_trial(&props.trial) else {
        let lang = props.lang;
        return html! {
            <div class="tsc" lang={lang.tag()}><p class="tsc-error-box" role="alert">
                { fill(ui.unknown_trial().get(lang), &[("trial", &props.trial)]) }
            </p></div>
        };
    };
    // The first language is one whose texts are here; another the host asked for follows (below).
    let state = use_journey(trial, shown_language(&props.trial, props.lang), props.start);
    let act: Callback<Action> = state.dispatcher().into();
    // A language the trial is written in: shown at once when its texts are here, else fetched
    // first (the page stays in the language it has meanwhile, and says so if the fetch fails).
    let want = {
        let (act, id, load) = (
            act.clone(),
            props.trial.clone(),
            props.load_language.clone(),
        );
        Callback::from(move |lang: Lang| {
            let lang = trial.language(lang);
            match &load {
                Some(load) if !has_language(&id, lang) => load.emit((lang, act.clone())),
                _ => act.emit(Action::Lang(lang)),
            }
        })
    };
    {
        // The host's language (`props.lang`) until the patient switches; a new one from the host
        // replaces the patient's switch.
        let want = want.clone();
        use_effect_with(props.lang, move |l| want.emit(*l));
    }
    let lang = trial.language(state.lang);
    let on_keep = use_keep(trial, props.record.clone(), state.clone());
    let tell_erased = use_erase_everywhere(state.clone());
    // Answers kept on the device are not lost by leaving, so only unkept ones ask first.
    let history = use_browser_history(
        props.history,
        !state.journey.answers.is_empty() && !state.keep,
        act.reform(Action::Restore),
    );
    let files = file_actions(trial, ui, state.clone());
    let idle = use_idle(!state.journey.answers.is_empty(), act.clone());
    // The question screen's problem, while that screen shows.
    let problem = match &state.journey.screen {
        Screen::Question(id) if !state.idle && state.importing.is_none() => state.form(id).problem,
        _ => None,
    };
    let refs = {
        let state = state.clone();
        use_step(
            state.journey.screen.clone(),
            problem,
            history,
            props.on_outcome.clone(),
            move || evaluate_trial(trial, &state.journey.answers).outcome,
        )
    };

    // The one callback every screen emits on. Most actions go straight to the reducer (moving on
    // clears any message); the few that first touch the device or a hook's own state are done here.
    let on = {
        let (act, resume, on_keep) = (act.clone(), idle.resume.clone(), on_keep.clone());
        let tell_erased = tell_erased.clone();
        Callback::from(move |action: Action| match action {
            // Back from the inactivity prompt: its clock restarts too.
            Action::Idle(false) => resume.emit(()),
            // Erase reaches every concern: the idle prompt, the kept records (all of them), an
            // open import, keeping, the journey and the note; and every other copy, on this page
            // and in other tabs, which forgets and stops keeping too.
            Action::Erase => {
                resume.emit(());
                device::erase_all();
                tell_erased.emit(());
                act.emit(Action::Erase);
            }
            // Keeping writes or removes the record on the device.
            Action::Keep(keep) => on_keep.emit(keep),
            action => act.emit(action),
        })
    };
    let ctx = Ctx { trial, ui, lang };

    let switch = want.reform(move |_: MouseEvent| match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    });

    let journey = &state.journey;
    // Where the current question stands among those asked: once per render, for both the
    // screen and the announcement.
    let place = match &journey.screen {
        Screen::Question(id) => progress(trial, &journey.answers, id),
        _ => None,
    };
    let announce = match &journey.screen {
        Screen::Question(id) => match (trial.question(id), place) {
            (Some(q), Some(p)) => fill(
                ui.step_announce().get(lang),
                &[
                    ("title", q.text.get(lang)),
                    ("progress", &progress_text(ui, lang, p.position, p.total)),
                ],
            ),
            _ => String::new(),
        },
        Screen::Decided(_) => ui.decided_title().get(lang).to_string(),
        Screen::Summary => ui.summary_heading().get(lang).to_string(),
        Screen::Start => String::new(),
    };

    let question_index = match &journey.screen {
        Screen::Question(id) => trial.questions.iter().position(|q| q.id == *id),
        _ => None,
    };
    let body = match (&journey.screen, &state.importing) {
        _ if state.idle => idle_screen(&ctx, &on),
        (_, Some(found)) => import_screen(&ctx, found, &journey.answers, &on),
        // A question this content no longer has (an old history entry) shows the summary.
        (screen, None) => match (screen, question_index) {
            (Screen::Start, _) => start_screen(&ctx, &on),
            (Screen::Question(id), Some(index)) => question_screen(
                &ctx,
                index,
                &state.form(id),
                place.map(|p| (p.position, p.total)),
                &on,
                refs.error_summary.clone(),
            ),
            (Screen::Decided(_), _) => decided_screen(&ctx, &journey.answers, &on),
            _ => summary_screen(&ctx, &journey.answers, &on, &files),
        },
    };
    let show_panel = !state.idle && state.importing.is_none();
    let status = state.note.as_ref().map(|n| {
        (
            n.text(ui, lang),
            n.questions(lang),
            n.is_problem(),
            *n == Note::StorageCorrupt,
        )
    });

    html! {
        <div class="tsc" lang={lang.tag()} ref={refs.root}
            onclick={idle.on_activity.reform(|_: MouseEvent| ())} onkeydown={idle.on_activity.reform(|_: KeyboardEvent| ())}
            oninput={idle.on_activity.reform(|_: InputEvent| ())}>
            // A trial written in one language has no switch.
            if trial.languages.len() > 1 {
                <div class="tsc-bar">
                    <button type="button" class="tsc-lang" id="tsc-lang" onclick={switch}
                        lang={match lang { Lang::En => "zh-CN", Lang::Zh => "en" }}>{ ui.switch_language().get(lang) }</button>
                </div>
            }
            <div class="tsc-status-region" role="status">
                if let Some((text, questions, problem, offer_erase)) = status {
                    <div class="tsc-status" id="tsc-status" data-problem={problem.then_some("true")}>
                        <p>{ text }</p>
                        if !questions.is_empty() {
                            <ul class="tsc-plain-list">{ for questions.into_iter().map(|q| html! { <li>{ q }</li> }) }</ul>
                        }
                        if offer_erase {
                            { button("tsc-status-erase", Kind::Secondary, ui.erase().get(lang), &emit(&on, || Action::Erase)) }
                        }
                    </div>
                }
            </div>
            { body }
            if show_panel {
                { answers_panel(&ctx, state.keep, &on, &files) }
            }
            <div class="tsc-visually-hidden" aria-live="polite" aria-atomic="true">{ announce }</div>
            // The widget's version beside the content's: a study team can tell which build and
            // which questions a patient saw (the outcome event carries both too).
            <p class="tsc-version">
                { fill(ui.content_version().get(lang), &[("widget", crate::WIDGET_VERSION), ("version", &trial.content_version), ("date", &trial.registry_date)]) }
            </p>
        </div>
    }
}
