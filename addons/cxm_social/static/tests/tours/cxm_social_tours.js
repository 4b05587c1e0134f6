import { registry } from "@web/core/registry";

/**
 * An agent opens a public complaint polled from the complaint site: the Social tab shows its public
 * state and URL, and that replies go out in public; the agent answers from the chatter.
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
            content: "The reply goes out in public, like the complaint",
            trigger: ".o_field_widget[name='cxm_social_reply_public'] input:checked",
        },
        {
            content: "Open the message composer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Write the public answer",
            trigger: ".o-mail-Composer-input",
            run: "edit Ürününüzü değiştiriyoruz",
        },
        {
            content: "Send",
            trigger:
                ".o-mail-Composer:has(.o-mail-Composer-input:value(Ürününüzü değiştiriyoruz)) .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The answer is in the chatter",
            trigger: ".o-mail-Message:contains('Ürününüzü değiştiriyoruz')",
        },
    ],
});
