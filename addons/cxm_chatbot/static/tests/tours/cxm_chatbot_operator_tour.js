import { registry } from "@web/core/registry";

/**
 * An operator opens a visitor's live chat in Discuss, clicks "Create Ticket" in its header and sees the
 * ticket: on the customer the visitor's e-mail identified, on the Chat channel. Then /ticket opens a
 * second one with the title typed.
 */
registry.category("web_tour.tours").add("cxm_chatbot_operator_tour", {
    steps: () => [
        {
            content: "Discuss shows the visitor's conversation (not #general)",
            trigger: ".o-mail-DiscussContent-threadName[title='Visitor']",
        },
        {
            content: "The visitor's question is in the thread",
            trigger: ".o-mail-DiscussContent .o-mail-Message:contains('Kargom nerede?')",
        },
        {
            content: "One click turns the conversation into a ticket",
            trigger: ".o-mail-DiscussContent-header button[name='cxm-create-ticket']",
            run: "click",
        },
        {
            content: "The ticket opens, titled by the visitor's question",
            trigger: ".modal .o_form_view .o_field_widget[name='name'] input:value('Kargom nerede?')",
        },
        {
            content: "On the customer the identity look-up found by the e-mail",
            trigger: ".modal .o_field_widget[name='partner_id'] input:value('Ayşe Yılmaz')",
        },
        {
            content: "Close the ticket's dialog",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "The conversation says a ticket is open",
            trigger: ".o-mail-NotificationMessage:contains('is open for this conversation')",
        },
        {
            content: "/ticket with a title",
            trigger: ".o-mail-DiscussContent .o-mail-Composer-input",
            run: "edit /ticket Fatura itirazı",
        },
        {
            trigger: ".o-mail-DiscussContent .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            content: "The operator gets the link of the second ticket",
            trigger: ".o-mail-Message a:contains('Fatura itirazı')",
        },
    ],
});

/**
 * No "Create Ticket" where it does not belong: in a channel that is not a live chat, or for an operator
 * without helpdesk rights.
 */
registry.category("web_tour.tours").add("cxm_chatbot_no_ticket_button_tour", {
    steps: () => [
        {
            content: "The thread's header actions are shown",
            trigger: ".o-mail-DiscussContent-header button[name='search-messages']",
        },
        {
            content: "No Create Ticket action",
            trigger: ".o-mail-DiscussContent-header:not(:has(button[name='cxm-create-ticket']))",
        },
    ],
});
