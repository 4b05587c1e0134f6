import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * The README's promise "bad rows come back in an error report to fix and re-submit": the manager
 * re-imports the very error report of the previous import (downloaded from its form, fixed in a
 * spreadsheet; the test puts the fixed file among the manager's own attachments) through the
 * Customer Data import wizard. The report's own columns (row, errors) are ignored: both rows load.
 */
const REPORT = "tour_customers-errors.xlsx";

async function fixedReport() {
    const response = await fetch("/web/dataset/call_kw/ir.attachment/search_read", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
            jsonrpc: "2.0",
            method: "call",
            params: {
                model: "ir.attachment",
                method: "search_read",
                args: [[["name", "=", REPORT], ["res_model", "=", false]], ["id"]],
                kwargs: { limit: 1, order: "id desc" },
            },
        }),
    });
    const [attachment] = (await response.json()).result;
    const file = await fetch(`/web/content/${attachment.id}?download=true`);
    return new File([await file.blob()], REPORT, {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
}

registry.category("web_tour.tours").add("cxm_customer_data_reimport_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Customer Experience",
            trigger: '.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]',
            run: "click",
        },
        {
            content: "Open the Customer Data menu",
            trigger: '[data-menu-xmlid="cxm_customer_data.cxm_customer_data_menu"]',
            run: "click",
        },
        {
            content: "Import Customers",
            trigger: '[data-menu-xmlid="cxm_customer_data.cxm_customer_import_wizard_menu"]',
            run: "click",
        },
        {
            content: "Choose the same source system",
            trigger: ".modal .o_field_widget[name=source_id] input",
            run: "edit Tour ERP",
        },
        {
            content: "Pick it",
            trigger: ".ui-autocomplete a:contains(Tour ERP)",
            run: "click",
        },
        {
            content: "Attach the fixed error report",
            trigger: ".modal .o_field_widget[name=file]",
            async run() {
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(await fixedReport());
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is attached",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Import",
            trigger: ".modal .o_cxm_import_start",
            run: "click",
        },
        {
            content: "Both fixed rows processed",
            trigger: ".o_form_view .o_cxm_import_rows:contains(2 / 2)",
        },
        {
            content: "Two customers created",
            trigger: ".o_form_view .o_field_widget[name=created_count]:contains(2)",
        },
        {
            content: "No row in error",
            trigger: ".o_form_view .o_field_widget[name=error_count]:contains(0)",
        },
        {
            content: "A real speed is shown",
            trigger: ".o_form_view .o_field_widget[name=rate]",
            run() {
                const rate = parseFloat(this.anchor.innerText.replace(",", "."));
                if (!(rate > 0)) {
                    throw new Error(`Rows / s shows ${this.anchor.innerText}`);
                }
            },
        },
    ],
});
