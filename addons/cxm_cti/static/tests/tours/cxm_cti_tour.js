import { registry } from "@web/core/registry";

/**
 * The call-centre software opened the screen-pop URL in the agent's browser
 * (the Python test starts the tour on it): the customer 360° view of the
 * call shows the caller, and one click creates a ticket linked to the call.
 */
registry.category("web_tour.tours").add("cxm_cti_pop_tour", {
    steps: () => [
        {
            content: "The 360° view shows the matched customer",
            trigger: '.o_cxm_cti_call .o_field_widget[name="partner_id"] input:value("CTI Tour Customer")',
        },
        {
            content: "Their open ticket is listed",
            trigger: '.o_cxm_cti_call .o_field_widget[name="open_ticket_ids"] td:contains("CTI tour: old complaint")',
        },
        {
            content: "One click: new ticket for this call",
            trigger: ".o_cxm_cti_call button.o_cxm_cti_new_ticket",
            run: "click",
        },
        {
            content: "The ticket form shows the call it came from",
            trigger: '.o_form_view .o_field_widget[name="cxm_call_ref"]:contains("tour-call-1")',
        },
        {
            content: "and the customer",
            trigger: '.o_form_view .o_field_widget[name="partner_id"] input:value("CTI Tour Customer")',
        },
    ],
});

/**
 * A number two customers share: the 360° view lists both; one click on "This is
 * the caller" makes that customer the caller and shows their tickets.
 */
registry.category("web_tour.tours").add("cxm_cti_pick_caller_tour", {
    steps: () => [
        {
            content: "The call says several customers have this number",
            trigger: ".o_form_view .o_cxm_cti_ambiguous",
        },
        {
            content: "Twin B is the caller",
            trigger: ".o_field_widget[name=candidate_ids] .o_data_row:contains('Twin B') button.o_cxm_cti_pick_caller",
            run: "click",
        },
        {
            content: "The call has its customer: it no longer asks to pick (the test checks it is Twin B)",
            trigger: ".o_form_view:not(:has(.o_cxm_cti_ambiguous)):not(:has(.o_cxm_cti_unknown))",
        },
    ],
});
