//! The last resort: after a panic (`panic = "abort"`, so the module is dead) draw a bilingual
//! message with plain DOM calls — never Yew, which can no longer run — so the patient never
//! faces a blank box.

const MESSAGE: &str = r#"<div class="tsc-panic" role="alert"><p><strong>Sorry, something went wrong in the self-check.</strong> Your answers were not sent anywhere. Reload the page to start again.</p><p lang="zh-CN"><strong>抱歉，自查工具出错了。</strong>您的回答没有发送到任何地方。请刷新页面重新开始。</p><p>NCT07117435 · https://clinicaltrials.gov/study/NCT07117435</p></div>"#;

pub fn install() {
    std::panic::set_hook(Box::new(|_| {
        if let Some(root) = gloo::utils::document().get_element_by_id("trial-self-check") {
            root.set_inner_html(MESSAGE);
        }
    }));
}
