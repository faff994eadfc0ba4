//! "Erase my answers" reaches every copy: erasing in one copy of the widget makes every other copy
//! on the page, and in every other tab of the site, forget its answers and stop keeping them, and
//! say so in its own language. One `BroadcastChannel` carries both: a message reaches every other
//! channel of the same name in the origin, this page's other copies included (never the sender's
//! own), and it needs nothing a strict Content-Security-Policy forbids.

use crate::ui::state::{Action, State};
use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::BroadcastChannel;
use yew::prelude::*;

/// The channel every copy of the widget in the origin listens on.
const CHANNEL: &str = "trial-self-check:erase";

/// Listens for an erase in another copy (then this copy forgets and stops keeping, as if its own
/// "Erase" were pressed, without erasing or telling anyone again); returns what tells the others.
#[hook]
pub fn use_erase_everywhere(state: UseReducerHandle<State>) -> Callback<()> {
    // Opened in the effect, never while rendering: the build's pre-render runs this hook natively,
    // where there is no channel. A browser without one (or that refuses it) still erases this copy
    // and the device's records; only the other copies' memory is out of reach.
    let channel = use_mut_ref(|| None::<BroadcastChannel>);
    {
        let channel = channel.clone();
        use_effect_with((), move |_| {
            let opened = BroadcastChannel::new(CHANNEL).ok();
            let listener = opened
                .as_ref()
                .map(|c| EventListener::new(c, "message", move |_| state.dispatch(Action::Erase)));
            *channel.borrow_mut() = opened;
            move || {
                drop(listener);
                if let Some(c) = channel.borrow_mut().take() {
                    c.close();
                }
            }
        });
    }
    Callback::from(move |()| {
        if let Some(c) = channel.borrow().as_ref() {
            let _ = c.post_message(&JsValue::from_str("erase"));
        }
    })
}
