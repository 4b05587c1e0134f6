import { registry } from "@web/core/registry";

/**
 * A marketer opens a customer segment, starts a campaign to it (the segment's dynamic mailing list is
 * the recipients), picks a layout and sends it.
 */
registry.category("web_tour.tours").add("cxm_segment_campaign_tour", {
    steps: () => [
        {
            content: "New campaign to the segment",
            trigger: ".o_form_view button[name=action_cxm_new_mailing]",
            run: "click",
        },
        {
            content: "The segment's mailing list is the recipients",
            trigger: ".o_field_widget[name=contact_list_ids] .o_tag:contains(Segment: VIP)",
        },
        {
            content: "The subject is the segment's name",
            trigger: ".o_field_widget[name=subject] input:value(VIP)",
        },
        {
            content: "Pick the basic layout",
            trigger: '.o_mailing_template_preview_wrapper [data-name="basic"]',
            run: "click",
        },
        {
            trigger: "html:not(:has(.o_mailing_template_preview_wrapper))",
        },
        {
            content: "Send",
            trigger: ".o_form_view button[name=action_launch]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Queued",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(In Queue)",
        },
    ],
});

/**
 * After the sending, the campaign tells how many of the segment's customers were left out for consent.
 */
registry.category("web_tour.tours").add("cxm_segment_campaign_excluded_tour", {
    steps: () => [
        {
            content: "Excluded for consent, with the reason",
            trigger: ".o_cxm_consent_excluded:contains(never consented)",
        },
        {
            content: "One excluded",
            trigger: ".o_cxm_consent_excluded strong:contains(1)",
        },
    ],
});
