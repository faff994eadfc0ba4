//! A trial's files, as the loader (`embed.js`, `boot.js`) hands them over: the first one at mount,
//! checked and decoded before anything is drawn, and another language's when the patient or the
//! host asks for it, through the loader's fetch (which holds the digests and the addresses).

use crate::content::add_trial_file;
use crate::domain::Lang;
use crate::ui::state::Action;
use crate::ui::state::note::Note;
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Adds the trial file the loader fetched before mounting. An error names the trial and why, for
/// the host's console.
pub fn add_first(trial: &str, file: Option<Vec<u8>>) -> Result<(), JsValue> {
    match file {
        // No file: an unknown trial, which the widget says plainly.
        None => Ok(()),
        Some(bytes) => add_trial_file(trial, bytes).map(|_| ()).map_err(|why| {
            JsValue::from_str(&format!("the file of trial {trial} was refused: {why}"))
        }),
    }
}

/// What the App calls for a language not loaded yet: `fetch(tag)` is the loader's, resolving to
/// the file's bytes (or rejecting); once added, the language shows, else the page says it could
/// not and the console says why.
pub fn language_loader(
    trial: String,
    fetch: Option<Function>,
) -> Option<Callback<(Lang, Callback<Action>)>> {
    let fetch = fetch?;
    Some(Callback::from(
        move |(lang, done): (Lang, Callback<Action>)| {
            let promise = fetch.call1(&JsValue::NULL, &lang.tag().into());
            let trial = trial.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match promise {
                    Ok(p) => JsFuture::from(Promise::from(p)).await,
                    Err(e) => Err(e),
                };
                let added = match bytes {
                    Ok(b) => add_trial_file(&trial, Uint8Array::new(&b).to_vec())
                        .map(|_| ())
                        .map_err(|why| JsValue::from_str(&why.to_string())),
                    Err(e) => Err(e),
                };
                match added {
                    Ok(()) => done.emit(Action::Lang(lang)),
                    Err(why) => {
                        web_sys::console::error_2(
                            &format!(
                                "<trial-self-check>: trial {trial} in {} could not be loaded:",
                                lang.tag()
                            )
                            .into(),
                            &why,
                        );
                        done.emit(Action::Note(Some(Note::LanguageFailed)));
                    }
                }
            });
        },
    ))
}
