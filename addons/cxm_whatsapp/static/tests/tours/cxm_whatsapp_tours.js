import { registry } from "@web/core/registry";

const STATUS = ".o_field_widget[name='cxm_channel_message_ids'] .o_data_row:contains('Kargonuz yolda')";

/**
 * An agent answers a WhatsApp ticket from its form: the reply is sent on WhatsApp and its delivery
 * status, shown in the Conversation tab, moves on to Read as the provider reports it.
 */
registry.category("web_tour.tours").add("cxm_whatsapp_reply_tour", {
    steps: () => [
        {
            content: "The ticket replies on WhatsApp, to the customer's number",
            trigger: ".o_field_widget[name='cxm_reply_address']:contains('+905321112233')",
        },
        {
            content: "Open the message composer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Write the answer",
            trigger: ".o-mail-Composer-input",
            run: "edit Kargonuz yolda",
        },
        {
            content: "Send",
            trigger: ".o-mail-Composer:has(.o-mail-Composer-input:value(Kargonuz yolda)) .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The answer is in the chatter",
            trigger: ".o-mail-Message:contains('Kargonuz yolda')",
        },
        {
            content: "Open the conversation",
            trigger: ".o_notebook .nav-link:contains('Conversation')",
            run: "click",
        },
        {
            content: "Refresh until the provider has reported the message read",
            trigger: "button[name='action_cxm_refresh_conversation']",
            async run() {
                for (let i = 0; i < 60; i++) {
                    const row = document.querySelector(
                        ".o_field_widget[name='cxm_channel_message_ids'] .o_data_row"
                    );
                    if (row && row.textContent.includes("Kargonuz yolda") && row.textContent.includes("Read")) {
                        return;
                    }
                    document.querySelector("button[name='action_cxm_refresh_conversation']").click();
                    await new Promise((resolve) => setTimeout(resolve, 500));
                }
            },
        },
        {
            content: "The reply's delivery status is Read",
            trigger: `${STATUS}:contains('Read')`,
        },
    ],
});
