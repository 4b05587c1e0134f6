/**
 * Embedded help centre: tell the host page (the generated embed script) how tall the page is, so
 * that the iframe never shows a scroll bar. Only a height is sent: nothing else leaves the frame.
 */
function setupEmbedded() {
    const root = document.querySelector("[data-cxm-embedded]");
    if (!root || window.parent === window) {
        return;
    }
    // the height of the help centre's own content, not of the document: the page's layout stretches
    // to the frame (min-height: 100vh), so the document's height would only ever grow with the frame
    const post = () => {
        const bottom = root.getBoundingClientRect().bottom + window.scrollY;
        window.parent.postMessage({ type: "cxm-help-height", height: Math.ceil(bottom) + 8 }, "*");
    };
    new ResizeObserver(post).observe(root);
    post();
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupEmbedded);
} else {
    setupEmbedded();
}
