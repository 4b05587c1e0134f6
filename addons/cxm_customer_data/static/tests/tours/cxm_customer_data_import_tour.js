import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * The customer import from the Customer Data menu, walked three times on one path
 * (importSteps): a CSV of five customers, two of them wrong (in English and by a manager
 * who works in Turkish), and the re-import of that import's own error report once fixed.
 */
const CSV = [
    "external_key;name;is_company;parent_key;email;phone",
    "TOUR-CO;Tour Gida;yes;;info@tourgida.example;0212 555 12 34",
    "TOUR-1;Tour Ayse;no;TOUR-CO;ayse@tourgida.example;0532 123 45 67",
    "TOUR-2;Tour Bad Phone;no;TOUR-CO;;12",
    "TOUR-3;Tour Orphan;no;NOPE;;",
    "TOUR-4;Tour Mehmet;no;TOUR-CO;mehmet@tourgida.example;+90 533 765 43 21",
].join("\n");
const REPORT = "tour_customers-errors.xlsx";

/** The CSV above as the file a user picks. */
async function csvFile() {
    return new File([CSV], "tour_customers.csv", { type: "text/csv" });
}

/** The fixed error report the Python test left among the manager's own attachments. */
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

/** Customer Experience > Customer Data > Import Customers, source "Tour ERP", the file, Import. */
function importSteps(file) {
    return [
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
            content: "Choose the source system",
            trigger: ".modal .o_field_widget[name=source_id] input",
            run: "edit Tour ERP",
        },
        {
            content: "Pick it",
            trigger: ".ui-autocomplete a:contains(Tour ERP)",
            run: "click",
        },
        {
            content: "Attach the file",
            trigger: ".modal .o_field_widget[name=file]",
            async run() {
                // the file input is hidden behind the "Upload your file" button
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(await file());
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
    ];
}

/** The outcome of the CSV: 5 rows, 3 created, 2 in error with their reasons, the report. */
function outcomeSteps({ report, parentError, phoneError }) {
    return [
        {
            content: "The import is done: every row processed",
            trigger: ".o_form_view .o_cxm_import_rows:contains(5 / 5)",
        },
        {
            content: "Progress bar full",
            trigger: ".o_form_view .o_cxm_import_progress .o_progressbar_value:contains(100)",
        },
        {
            content: "Three customers created",
            trigger: ".o_form_view .o_field_widget[name=created_count]:contains(3)",
        },
        {
            content: "Two rows in error",
            trigger: ".o_form_view .o_field_widget[name=error_count]:contains(2)",
        },
        {
            content: "The error report can be downloaded",
            trigger: `.o_form_view button.o_cxm_error_report:contains(${report})`,
        },
        {
            content: "The rows in error say why",
            trigger: `.o_form_view .o_field_widget[name=error_row_ids] td:contains(${parentError})`,
        },
        {
            content: "and the bad phone",
            trigger: `.o_form_view .o_field_widget[name=error_row_ids] td:contains(${phoneError})`,
        },
    ];
}

registry.category("web_tour.tours").add("cxm_customer_data_import_tour", {
    url: "/odoo",
    steps: () => [
        ...importSteps(csvFile),
        ...outcomeSteps({
            report: "Download error report",
            parentError: "Unknown parent key: NOPE",
            phoneError: "Not a valid phone number: 12",
        }),
    ],
});

/** The same import by a manager who works in Turkish: outcome and row errors in Turkish. */
registry.category("web_tour.tours").add("cxm_customer_data_import_tour_tr", {
    url: "/odoo",
    steps: () => [
        ...importSteps(csvFile),
        ...outcomeSteps({
            report: "Hata raporunu indir",
            parentError: "Bilinmeyen üst kayıt anahtarı: NOPE",
            phoneError: "Geçerli bir telefon numarası değil: 12",
        }),
    ],
});

/**
 * The README's promise "bad rows come back in an error report to fix and re-submit": the
 * manager re-imports the very error report of the previous import (downloaded from its form,
 * fixed in a spreadsheet). The report's own columns (row, errors) are ignored: both rows load.
 */
registry.category("web_tour.tours").add("cxm_customer_data_reimport_tour", {
    url: "/odoo",
    steps: () => [
        ...importSteps(fixedReport),
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
