import { registry } from "@web/core/registry";

/**
 * An agent opens a ticket whose field-service visits the field-service app
 * created through the REST API (from the Python test), sees them on the
 * ticket's Field Service tab with status, technician, date and notes, and
 * opens one visit for its details.
 */
registry.category("web_tour.tours").add("cxm_customer_data_field_service_tour", {
    steps: () => [
        {
            content: "The ticket is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Boiler makes noise), .o_form_view .o_field_widget[name=name] input",
        },
        {
            content: "Open the Field Service tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Field Service)",
            run: "click",
        },
        {
            content: "The visit planned by the app is listed as scheduled, with its technician and date",
            trigger: ".o_field_widget[name=cxm_field_service_ids] .o_data_row:contains(TOUR-V1):contains(Scheduled):contains(Tour Technician):contains(Nov 24)",
        },
        {
            content: "The earlier diagnosis visit is listed as done",
            trigger: ".o_field_widget[name=cxm_field_service_ids] .o_data_row:contains(TOUR-V0):contains(Done):contains(Worn valve)",
        },
        {
            content: "Open the planned visit",
            trigger: ".o_field_widget[name=cxm_field_service_ids] .o_data_row:contains(TOUR-V1) td[name=technician]",
            run: "click",
        },
        {
            content: "Its details: technician, customer and notes",
            trigger: ".modal .o_form_view .o_field_widget[name=technician]:contains(Tour Technician)",
        },
        {
            content: "The customer",
            trigger: ".modal .o_form_view .o_field_widget[name=partner_id]:contains(Tour Boiler Owner)",
        },
        {
            content: "The visit notes",
            trigger: ".modal .o_form_view .o_field_widget[name=notes]:contains(Bring a new valve)",
        },
        {
            content: "Its status bar says Scheduled",
            trigger: ".modal .o_statusbar_status button.o_arrow_button_current:contains(Scheduled)",
        },
        {
            content: "Close the visit",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Back on the ticket",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=cxm_field_service_ids]",
        },
    ],
});

/**
 * The app closed the visit through the REST API meanwhile (the Python test
 * did the PUT): on reload, the ticket shows it done, with its close date and
 * the technician's notes.
 */
registry.category("web_tour.tours").add("cxm_customer_data_field_service_reload_tour", {
    steps: () => [
        {
            content: "Open the Field Service tab of the reloaded ticket",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Field Service)",
            run: "click",
        },
        {
            content: "The visit is now done, with its close date and notes",
            trigger: ".o_field_widget[name=cxm_field_service_ids] .o_data_row:contains(TOUR-V1):contains(Done):contains(Valve replaced) td[name=done_date]:contains(Nov 24)",
        },
        {
            content: "No visit is left scheduled",
            trigger: ".o_field_widget[name=cxm_field_service_ids]:not(:has(.o_data_row:contains(Scheduled)))",
        },
    ],
});
