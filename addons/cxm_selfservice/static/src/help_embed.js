/**
 * Embedded help centre: tell the host page (the generated embed script) how tall the page is, so
 * that the iframe never shows a scroll bar. Only a height is sent: nothing else leaves the frame.
 */
function setupEmbedded() {
    const root = document.querySelector("[data-cxm-embedded]");
    if (!root || window.parent === window) {
        return;
    }
    const post = () =>
        window.parent.postMessage(
            { type: "cxm-help-height", height: document.documentElement.scrollHeight },
            "*"
        );
    new ResizeObserver(post).observe(document.body);
    post();
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupEmbedded);
} else {
    setupEmbedded();
}
