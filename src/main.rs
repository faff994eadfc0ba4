//! The thin binary Trunk builds: the widget's library is all there is (`boot.js` calls its
//! `mount_page`, `embed.js` its `mount_element`), so `main` does nothing.

fn main() {
    // Names an export so the link keeps what wasm-bindgen's exports need: with an empty `main`,
    // wasm-bindgen 0.2.130 fails ("failed to find intrinsics to enable `clone_ref` function").
    #[cfg(target_arch = "wasm32")]
    std::hint::black_box(trial_self_check::ui::mount_page as fn(_, _) -> _);
}
