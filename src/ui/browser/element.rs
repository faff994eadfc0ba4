//! The `<trial-self-check>` custom element's Rust side. `embed.js` defines the element and, once
//! the wasm has loaded, calls [`mount_element`] for each instance: the widget renders inside the
//! element's own open shadow root, styled by the same-origin stylesheet linked there, so host-page
//! CSS cannot reach it. Each instance is its own Yew app: answers, step and language are per
//! instance.

use crate::domain::{Lang, Outcome};
use crate::ui::{App, AppProps};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

/// A mounted instance, kept by `embed.js` so attribute changes reach the app.
#[wasm_bindgen]
pub struct ElementHandle {
    app: AppHandle<App>,
    props: AppProps,
}

#[wasm_bindgen]
impl ElementHandle {
    /// The host changed the `lang` attribute: switch language, keep answers and place.
    pub fn set_lang(&mut self, tag: &str) {
        self.props.lang = Lang::from_tag(tag).unwrap_or_default();
        self.app.update(self.props.clone());
    }
}

/// Mounts the widget in `host`'s shadow root. `stylesheet` is the URL of the widget's CSS
/// (same origin, so `style-src 'self'` allows it); `lang` the first language; `record` which of
/// the trial's records on this device the instance keeps (empty, `#<id>` or `@<n>`, from
/// `embed.js`); `start` that Start was pressed on the host's pre-rendered snippet before the
/// widget was ready; `file` the trial's file in the first language (none for a trial the loader
/// has no file for), `fetch_language` the loader's fetch of another language's file (see
/// `trial_files`). A file that is refused is an error
/// naming why, before anything is drawn. A host that pasted the snippet (`snippet.*.html`) gave the element a
/// declarative shadow root with the stylesheet and the static first screen: the widget takes that
/// root over in place, as on the standalone page.
#[wasm_bindgen]
pub fn mount_element(
    host: HtmlElement,
    stylesheet: &str,
    lang: &str,
    record: String,
    start: bool,
    file: Option<Vec<u8>>,
    fetch_language: Option<js_sys::Function>,
) -> Result<ElementHandle, JsValue> {
    let trial = host
        .get_attribute("trial")
        .unwrap_or_else(|| crate::content::DEFAULT_TRIAL.into());
    super::trial_files::add_first(&trial, file)?;
    let root = match host.shadow_root() {
        // `data-static`: crate::ui::STATIC_MARK.
        Some(shadow) => shadow.query_selector(".tsc-root[data-static]")?,
        None => None,
    };
    let root = match root {
        Some(root) => {
            crate::ui::take_over(&root);
            root
        }
        None => attach(&host, stylesheet)?,
    };
    super::panic_box::register(&root);

    let wants_event = host.has_attribute("outcome-event");
    // An unknown trial never reaches a summary, so its event never fires; "" keeps the type.
    let content_version = crate::content::loaded_trial(&trial).map_or("", |t| &t.content_version);
    let on_outcome = wants_event.then(|| {
        let host = host.clone();
        yew::Callback::from(move |outcome: Outcome| {
            dispatch_outcome(&host, outcome, content_version)
        })
    });
    let props = AppProps {
        load_language: super::trial_files::language_loader(trial.clone(), fetch_language),
        trial,
        lang: Lang::from_tag(lang).unwrap_or_default(),
        history: host.has_attribute("history"),
        on_outcome,
        record,
        start,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props.clone()).render();
    Ok(ElementHandle { app, props })
}

/// A new shadow root with the stylesheet and an empty widget root, which stays hidden until the
/// stylesheet has loaded: until then the element keeps showing its own "Loading…" content
/// (through a slot), never a moment in the host page's fonts.
fn attach(host: &HtmlElement, stylesheet: &str) -> Result<web_sys::Element, JsValue> {
    let document = gloo::utils::document();
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let link = document.create_element("link")?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", stylesheet)?;
    shadow.append_child(&link)?;
    let slot = document.create_element("slot")?;
    shadow.append_child(&slot)?;
    let root = document.create_element("div")?;
    root.set_attribute("class", "tsc-root")?;
    root.set_attribute("hidden", "")?;
    // Both languages read left to right, whatever direction the host page sets (an Arabic or
    // Hebrew page, a CMS theme's `direction: rtl`); `:host` in app.css stops it at the element.
    root.set_attribute("dir", "ltr")?;
    shadow.append_child(&root)?;
    for event in ["load", "error"] {
        let (slot, root) = (slot.clone(), root.clone());
        gloo::events::EventListener::once(&link, event, move |_| {
            slot.remove();
            let _ = root.remove_attribute("hidden");
        })
        .forget();
    }
    Ok(root)
}

/// `trial-self-check-outcome`, bubbling and composed: `detail.outcome` ("likely-fit", "possibly"
/// or "not-a-fit"), and which build and which questions gave it (`widgetVersion`,
/// `contentVersion`), so a study team can tell them apart. Nothing the patient answered is ever
/// put in an event.
fn dispatch_outcome(host: &HtmlElement, outcome: Outcome, content_version: &str) {
    let level = match outcome {
        Outcome::LikelyFit => "likely-fit",
        Outcome::Possibly => "possibly",
        Outcome::NotAFit => "not-a-fit",
    };
    let detail = js_sys::Object::new();
    for (key, value) in [
        ("outcome", level),
        ("widgetVersion", crate::WIDGET_VERSION),
        ("contentVersion", content_version),
    ] {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value.into());
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict("trial-self-check-outcome", &init) {
        let _ = host.dispatch_event(&event);
    }
}
