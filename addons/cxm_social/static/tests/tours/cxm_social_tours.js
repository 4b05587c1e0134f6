import { registry } from "@web/core/registry";

/**
 * An agent opens a public complaint polled from the complaint site: the Social tab shows its public
 * state and URL; the agent answers it from the chatter.
 */
registry.category("web_tour.tours").add("cxm_social_complaint_tour", {
    steps: () => [
        {
            content: "Open the Social tab",
            trigger: ".o_notebook .nav-link:contains('Social')",
            run: "click",
        },
        {
            content: "The complaint is open in public",
            trigger: ".o_field_widget[name='cxm_social_public_state']:contains('Open')",
        },
        {
            content: "Its public URL is shown",
            trigger: ".o_field_widget[name='cxm_social_url']:contains('sikayetvar.com')",
        },
        {
            content: "Open the message composer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Write the answer",
            trigger: ".o-mail-Composer-input",
            run: "edit Değişim talebinizi onayladık.",
        },
        {
            content: "Send",
            trigger: ".o-mail-Composer:has(.o-mail-Composer-input:value(Değişim talebinizi onayladık.)) .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The answer is in the chatter",
            trigger: ".o-mail-Message:contains('Değişim talebinizi onayladık.')",
        },
    ],
});
