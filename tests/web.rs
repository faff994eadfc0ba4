//! Component tests in headless Chromium (wasm-bindgen-test): mount the app, act like a patient
//! through DOM events, and await Yew's scheduler instead of sleeping.
#![cfg(target_arch = "wasm32")]

use trial_self_check::domain::Lang;
use trial_self_check::ui::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own element and returns that element.
async fn mount(lang: Lang, trial: &str) -> Element {
    // The trial's files, as the loader would have fetched them before mounting.
    trial_self_check::content::add_trial_json(trial_self_check::content::NCT07117435_JSON).unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            trial: trial.into(),
            lang,
            history: false,
            on_outcome: None,
            record: String::new(),
            start: false,
            load_language: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).click();
    yew::scheduler::flush().await;
}

async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).dyn_into().unwrap();
    input.set_value(value);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn start_screen_then_first_question() {
    let root = mount(Lang::En, "NCT07117435").await;
    assert_eq!(text(&root, ".tsc-heading"), "Could this study suit me?");
    // An honest range, from the content: the questions always asked, up to all of them.
    let start = root.text_content().unwrap_or_default();
    assert!(start.contains("Answer 31 to 38 short questions"), "{start}");
    click(&root, "#tsc-start").await;
    assert_eq!(text(&root, ".tsc-heading"), "How old are you?");
    assert_eq!(text(&root, ".tsc-progress"), "Question 1 of about 31");
    // The heading sits inside the fieldset's legend.
    assert!(
        root.query_selector("fieldset legend h1.tsc-heading")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn a_bad_number_shows_the_error_pattern_and_a_good_one_moves_on() {
    let root = mount(Lang::En, "NCT07117435").await;
    click(&root, "#tsc-start").await;
    type_into(&root, "#tsc-q-age", "200").await;
    click(&root, "#tsc-continue").await;
    assert_eq!(text(&root, ".tsc-error-summary h2"), "There is a problem");
    assert!(text(&root, ".tsc-error-message").ends_with("Enter a number from 0 to 120."));
    let input = find(&root, "#tsc-q-age");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&root, "#tsc-q-age", "70").await;
    click(&root, "#tsc-continue").await;
    assert!(root.query_selector(".tsc-error-summary").unwrap().is_none());
    assert_eq!(
        text(&root, ".tsc-heading"),
        "Has a doctor told you that bowel cancer has spread to your liver?"
    );
}

#[wasm_bindgen_test]
async fn continue_without_a_choice_asks_for_one() {
    let root = mount(Lang::En, "NCT07117435").await;
    click(&root, "#tsc-start").await;
    type_into(&root, "#tsc-q-age", "70").await;
    click(&root, "#tsc-continue").await;
    click(&root, "#tsc-continue").await;
    assert!(text(&root, ".tsc-error-message").contains("If you do not know, choose “Not sure”"));
    // "Not sure" is the last radio; picking it is an answer.
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    let not_sure: HtmlElement = radios
        .item(radios.length() - 1)
        .unwrap()
        .dyn_into()
        .unwrap();
    not_sure.click();
    yew::scheduler::flush().await;
    click(&root, "#tsc-continue").await;
    assert_eq!(
        text(&root, ".tsc-heading"),
        "Have your doctors said whether the tumours in your liver can be removed by surgery?"
    );
}

#[wasm_bindgen_test]
async fn language_switch_changes_text_and_inner_lang_only() {
    let root = mount(Lang::En, "NCT07117435").await;
    click(&root, "#tsc-start").await;
    click(&root, "#tsc-lang").await;
    assert_eq!(text(&root, ".tsc-heading"), "您今年多少周岁（不是虚岁）？");
    assert_eq!(
        find(&root, ".tsc").get_attribute("lang").as_deref(),
        Some("zh-CN")
    );
    click(&root, "#tsc-lang").await;
    assert_eq!(text(&root, ".tsc-heading"), "How old are you?");
}

#[wasm_bindgen_test]
async fn the_version_line_names_the_build_and_the_questions_in_both_languages() {
    let trial =
        trial_self_check::content::add_trial_json(trial_self_check::content::NCT07117435_JSON)
            .unwrap();
    let (widget, content, date) = (
        trial_self_check::WIDGET_VERSION,
        &trial.content_version,
        &trial.registry_date,
    );
    let root = mount(Lang::En, "NCT07117435").await;
    assert_eq!(
        text(&root, ".tsc-version"),
        format!(
            "Self-check {widget}, questions version {content}, based on the registry text of {date}."
        )
    );
    click(&root, "#tsc-lang").await;
    assert_eq!(
        text(&root, ".tsc-version"),
        format!("自查工具 {widget}，问题版本 {content}，依据 {date} 的注册信息编写。")
    );
}

#[wasm_bindgen_test]
async fn an_unknown_trial_says_so_instead_of_a_blank_box() {
    let root = mount(Lang::En, "NCT00000000").await;
    let message = text(&root, ".tsc-error-box");
    assert!(
        message.contains("does not have questions for the trial “NCT00000000”"),
        "{message}"
    );
}
