//! The thin binary: mounts the app on the page (wasm only; natively it does nothing).

#[cfg(target_arch = "wasm32")]
fn main() {
    trial_self_check::ui::mount_standalone();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
