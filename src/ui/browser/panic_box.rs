//! The last resort: after a panic (`panic = "abort"`, so the module is dead for every instance on
//! the page) draw a bilingual message in every widget root with plain DOM calls — never Yew,
//! which can no longer run — so no patient faces a blank box.

use std::cell::RefCell;
use web_sys::Element;

const MESSAGE: &str = r#"<div class="tsc-panic" role="alert"><p><strong>Sorry, something went wrong in the self-check.</strong> Your answers were not sent anywhere. Start over to try again.</p><p lang="zh-CN"><strong>抱歉，自查工具出错了。</strong>您的回答没有发送到任何地方。请重新开始。</p><p>NCT07117435 · https://clinicaltrials.gov/study/NCT07117435</p><p><a class="tsc-panic-restart" href="{href}">Start over · <span lang="zh-CN">重新开始</span></a></p></div>"#;

thread_local! {
    static ROOTS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

/// Remembers `root` as a place to draw the message, and installs the hook (once).
pub fn register(root: &Element) {
    ROOTS.with(|roots| {
        let mut roots = roots.borrow_mut();
        if roots.is_empty() {
            // Through Yew, so its renderer does not replace the hook with its console-only one.
            yew::set_custom_panic_hook(Box::new(|info| {
                draw();
                web_sys::console::error_1(&info.to_string().into());
            }));
        }
        roots.push(root.clone());
    });
}

fn draw() {
    // "Start over" is a plain link to this page without its #fragment: a reload that needs no
    // script (the module is dead) and no inline handler (the CSP forbids one).
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().replace('"', "%22"))
        .unwrap_or_default();
    let html = crate::content::fill(MESSAGE, &[("href", &href)]);
    // `try_with`/`try_borrow`: a panic while the list is borrowed must not panic again.
    let _ = ROOTS.try_with(|roots| {
        if let Ok(roots) = roots.try_borrow() {
            for root in roots.iter() {
                root.set_inner_html(&html);
            }
        }
    });
}
