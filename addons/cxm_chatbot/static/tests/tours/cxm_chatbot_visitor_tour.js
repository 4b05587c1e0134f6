import { registry } from "@web/core/registry";

/**
 * A visitor talks to the support bot: asks the question, gives the e-mail; the bot's "Create Ticket"
 * step opens a ticket and says so.
 */
registry.category("web_tour.tours").add("cxm_chatbot_visitor_tour", {
    steps: () => [
        {
            trigger: ".o-livechat-root:shadow .o-livechat-LivechatButton",
            run: "click",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Message:contains(How can we help you?)",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Composer-input",
            run: "edit Kargom nerede?",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Message:contains(Your e-mail address, please?)",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Composer-input",
            run: "edit ayse@example.com",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            content: "The bot opened the ticket",
            trigger: ".o-livechat-root:shadow .o-mail-Message:contains(Thank you, a ticket is open.)",
        },
    ],
});
