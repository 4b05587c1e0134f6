/**
 * Help-centre forms: show a field only when the answer it depends on has the expected value
 * (data-visible-key / data-visible-value, the same rule the server applies); hidden fields are
 * disabled so that they are neither required nor sent.
 */
function answerOf(form, key) {
    const inputs = form.querySelectorAll(`[name="${CSS.escape(key)}"]`);
    for (const input of inputs) {
        if (input.disabled) {
            return "";
        }
        if (input.type === "checkbox") {
            return input.checked ? "yes" : "no";
        }
        return (input.value || "").trim().toLowerCase();
    }
    return "";
}

function refresh(form) {
    // a chain of conditions settles in as many passes as it is long (at most 3 here)
    for (let pass = 0; pass < 3; pass++) {
        refreshOnce(form);
    }
}

function refreshOnce(form) {
    for (const block of form.querySelectorAll(".o_cxm_field[data-visible-key]")) {
        const expected = (block.dataset.visibleValue || "").trim().toLowerCase();
        const shown = answerOf(form, block.dataset.visibleKey) === expected;
        block.classList.toggle("d-none", !shown);
        for (const input of block.querySelectorAll("input, select, textarea")) {
            input.disabled = !shown;
        }
    }
}

function setup() {
    for (const form of document.querySelectorAll("form.o_cxm_help_form")) {
        form.addEventListener("change", () => refresh(form));
        form.addEventListener("input", () => refresh(form));
        refresh(form);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
} else {
    setup();
}
