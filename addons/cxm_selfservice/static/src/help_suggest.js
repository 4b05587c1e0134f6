/**
 * Deflection: while the customer describes the issue, suggest knowledge articles that match
 * (/help/suggest, read as the visitor). The suggested ids travel with the form so that a submission
 * is recorded as "submitted anyway"; "This answered my question" records a solved deflection.
 */
async function rpc(url, params) {
    const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", params }),
    });
    const data = await response.json();
    return data.result;
}

function setupSuggestions(form) {
    const box = form.querySelector(".o_cxm_suggestions");
    if (!box) {
        return;
    }
    const list = box.querySelector(".o_cxm_suggestion_list");
    const suggested = form.querySelector("input[name='cxm_suggested']");
    const queryInput = form.querySelector("input[name='cxm_query']");
    const categoryId = parseInt(box.dataset.categoryId, 10);
    const helpQuery = box.dataset.helpQuery || "";
    let timer = null;
    let lastQuery = "";

    const text = () =>
        [...form.querySelectorAll(".o_cxm_field_text input, .o_cxm_field_textarea textarea")]
            .filter((input) => !input.disabled)
            .map((input) => input.value.trim())
            .filter(Boolean)
            .join(" ")
            .slice(0, 200);

    async function suggest() {
        const query = text();
        if (query.length < 3 || query === lastQuery) {
            return;
        }
        lastQuery = query;
        const articles = (await rpc("/help/suggest", { q: query, category_id: categoryId })) || [];
        list.replaceChildren();
        for (const article of articles) {
            const item = document.createElement("li");
            const link = document.createElement("a");
            link.href = article.url + helpQuery;
            link.target = "_blank";
            link.className = "o_cxm_suggestion";
            link.textContent = article.name; // text only: never markup from the server
            item.append(link);
            list.append(item);
        }
        box.classList.toggle("d-none", !articles.length);
        if (articles.length) {
            const ids = new Set((suggested.value || "").split(",").filter(Boolean));
            articles.forEach((article) => ids.add(String(article.id)));
            suggested.value = [...ids].slice(-20).join(",");
            queryInput.value = query;
        }
    }

    form.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(suggest, 400);
    });
    box.querySelector(".o_cxm_solved").addEventListener("click", async (ev) => {
        ev.currentTarget.disabled = true;
        const ids = (suggested.value || "").split(",").filter(Boolean).map(Number);
        await rpc("/help/deflected", { article_ids: ids, q: queryInput.value, category_id: categoryId });
        box.querySelector(".o_cxm_solved_thanks").classList.remove("d-none");
    });
}

function setup() {
    document.querySelectorAll("form.o_cxm_help_form").forEach(setupSuggestions);
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
} else {
    setup();
}
