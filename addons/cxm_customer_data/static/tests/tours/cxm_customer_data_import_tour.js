import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * A manager imports a CSV of five customers, two of them wrong, from the
 * Customer Data menu: the import shows its progress and outcome (3 created,
 * 2 errors), the rows in error with their reason, and the error report.
 */
const CSV = [
    "external_key;name;is_company;parent_key;email;phone",
    "TOUR-CO;Tour Gida;yes;;info@tourgida.example;0212 555 12 34",
    "TOUR-1;Tour Ayse;no;TOUR-CO;ayse@tourgida.example;0532 123 45 67",
    "TOUR-2;Tour Bad Phone;no;TOUR-CO;;12",
    "TOUR-3;Tour Orphan;no;NOPE;;",
    "TOUR-4;Tour Mehmet;no;TOUR-CO;mehmet@tourgida.example;+90 533 765 43 21",
].join("\n");

registry.category("web_tour.tours").add("cxm_customer_data_import_tour", {
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
            content: "Attach the CSV file",
            trigger: ".modal .o_field_widget[name=file]",
            run() {
                // the file input is hidden behind the "Upload your file" button
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File([CSV], "tour_customers.csv", { type: "text/csv" }));
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
            trigger: ".o_form_view button.o_cxm_error_report",
        },
        {
            content: "The rows in error say why",
            trigger: ".o_form_view .o_field_widget[name=error_row_ids] td:contains(Unknown parent key: NOPE)",
        },
        {
            content: "and the bad phone",
            trigger: ".o_form_view .o_field_widget[name=error_row_ids] td:contains(Not a valid phone number: 12)",
        },
    ],
});

/** The same import by a manager who works in Turkish: the outcome and row errors read in Turkish. */
registry.category("web_tour.tours").add("cxm_customer_data_import_tour_tr", {
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
            content: "Attach the CSV file",
            trigger: ".modal .o_field_widget[name=file]",
            run() {
                // the file input is hidden behind the "Upload your file" button
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File([CSV], "tour_customers.csv", { type: "text/csv" }));
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
            content: "The error report can be downloaded (Hata raporunu indir)",
            trigger: ".o_form_view button.o_cxm_error_report:contains(Hata raporunu indir)",
        },
        {
            content: "The rows in error say why",
            trigger: ".o_form_view .o_field_widget[name=error_row_ids] td:contains(Bilinmeyen üst kayıt anahtarı: NOPE)",
        },
        {
            content: "and the bad phone",
            trigger: ".o_form_view .o_field_widget[name=error_row_ids] td:contains(Geçerli bir telefon numarası değil: 12)",
        },
    ],
});
