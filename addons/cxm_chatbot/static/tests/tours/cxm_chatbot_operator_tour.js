import { registry } from "@web/core/registry";

/**
 * An operator in a live chat clicks "Create Ticket" and types the title: the ticket is opened (the test
 * checks it).
 */
registry.category("web_tour.tours").add("cxm_chatbot_operator_tour", {
    steps: () => [
        {
            content: "Discuss has opened its conversation",
            trigger: ".o-mail-DiscussContent-header",
        },
        {
            content: "Open the live chat with the visitor",
            trigger: ".o-mail-DiscussSidebarChannel:contains('Portal Visitor')",
            run: "click",
        },
        {
            content: "The live chat is the open conversation",
            trigger: ".o-mail-DiscussContent-header:contains('Portal Visitor')",
        },
        {
            content: "The visitor's message is there",
            trigger: ".o-mail-Message:contains('Siparişimi iptal etmek istiyorum')",
        },
        {
            content: "Create a ticket of the conversation",
            trigger: ".o-mail-DiscussContent-header button[title='Create Ticket']",
            run: "click",
        },
        {
            trigger: ".o-livechat-LivechatCommandDialog-form input",
            run: "edit Sipariş iptali",
        },
        {
            trigger: ".o-mail-ActionPanel button:contains('Create Ticket'), .o-popover button:contains('Create Ticket')",
            run: "click",
        },
        {
            content: "The command ran: the dialog is closed (the ticket is checked by the test)",
            trigger: "body:not(:has(.o-livechat-LivechatCommandDialog-form))",
        },
    ],
});
