import { registry } from "@web/core/registry";

/**
 * The agent finds the ticket the support bot opened in the ticket list, on the Chat channel, with the
 * conversation as its description.
 */
registry.category("web_tour.tours").add("cxm_chatbot_agent_tour", {
    steps: () => [
        {
            content: "The bot's ticket is in the agent's list",
            trigger: ".o_data_row td:contains('Kargom nerede?')",
            run: "click",
        },
        {
            content: "It came from the live chat, on the Chat channel",
            trigger: ".o_field_widget[name='cxm_livechat_channel_id']:contains('Support test bot')",
        },
        {
            content: "On the Chat channel",
            trigger: ".o_field_widget[name='channel_id'] input:value('Chat'), .o_field_widget[name='channel_id']:contains('Chat')",
        },
        {
            content: "The transcript is its description",
            trigger: ".o_field_widget[name='description']:contains('ayse@example.com')",
        },
        {
            content: "The customer was identified by the e-mail",
            trigger: ".o_field_widget[name='partner_id'] input:value('Ayşe Yılmaz')",
        },
    ],
});
