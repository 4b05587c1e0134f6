import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * An agent opens a ticket in "In Progress" of the complaint process: only the
 * transitions they may fire are shown (not the supervisor's "Cancel" nor
 * "Back to agent"), fires "Ask customer" with a reason in the dialog, then
 * drags the ticket to "New" on the kanban, which the process refuses.
 */
registry.category("web_tour.tours").add("cxm_process_agent_tour", {
    steps: () => [
        {
            content: "Allowed transitions are shown as buttons",
            trigger: ".o_form_view .o_cxm_transition_buttons button:contains('Ask customer')",
        },
        {
            content: "Escalate and Propose solution are there too",
            trigger:
                ".o_cxm_transition_buttons:has(button:contains('Escalate')):has(button:contains('Propose solution'))",
        },
        {
            content: "The supervisor's Cancel is not offered to an agent",
            trigger: ".o_cxm_transition_buttons:not(:has(button:contains('Cancel')))",
        },
        {
            content: "Fire Ask customer",
            trigger: ".o_cxm_transition_buttons button:contains('Ask customer')",
            run: "click",
        },
        {
            content: "The reason dialog asks why",
            trigger: ".modal textarea",
            run: "edit Which serial number?",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The ticket is now awaiting the customer",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Awaiting')",
        },
        {
            content: "Now only Resume is offered",
            trigger: ".o_cxm_transition_buttons:has(button:contains('Resume')):not(:has(button:contains('Ask customer')))",
        },
        {
            content: "Open the history tab",
            trigger: ".o_notebook a.nav-link:contains('Status history')",
            run: "click",
        },
        {
            content: "The history shows the reason",
            trigger: ".o_field_widget[name='cxm_history_ids'] td:contains('Which serial number?')",
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb a:contains('Tickets')",
            run: "click",
        },
        {
            content: "Drag the ticket to New",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Awaiting')) .o_kanban_record:contains('CXM tour: broken kettle')",
            run: "drag_and_drop (.o_kanban_group:has(.o_column_title:contains('New')))",
        },
        {
            content: "The move is refused with the allowed targets",
            trigger: ".modal:contains('Allowed targets from Awaiting: In Progress')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The ticket stayed in Awaiting",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Awaiting')) .o_kanban_record:contains('CXM tour: broken kettle')",
        },
    ],
});

/**
 * A manager creates a process from the "Information / request" template,
 * sees its diagram and activates it.
 */
registry.category("web_tour.tours").add("cxm_process_manager_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Customer Experience",
            trigger: '.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]',
            run: "click",
        },
        {
            content: "Open Configuration",
            trigger: '[data-menu-xmlid="cxm_base.menu_cxm_config"]',
            run: "click",
        },
        {
            content: "Create process from template",
            trigger: '[data-menu-xmlid="cxm_process.cxm_process_template_wizard_menu"]',
            run: "click",
        },
        {
            content: "Choose the template",
            trigger: ".modal .o_field_widget[name='template_id'] input",
            run: "edit Information",
        },
        {
            content: "Pick Information / request",
            trigger: ".o-autocomplete--dropdown-item a:contains('Information / request')",
            run: "click",
        },
        {
            content: "Name the process",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Tour information process",
        },
        {
            content: "Create",
            trigger: ".modal button[name='action_create']",
            run: "click",
        },
        {
            content: "The diagram is drawn with the statuses",
            trigger: ".o_field_widget[name='diagram_svg'] svg .o_cxm_node:contains('Awaiting')",
        },
        {
            content: "It has arrows",
            trigger: ".o_field_widget[name='diagram_svg'] svg path.o_cxm_edge",
        },
        {
            content: "Activate",
            trigger: ".o_form_view button[name='action_activate']",
            run: "click",
        },
        {
            content: "The process is active",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Active')",
        },
    ],
});

/**
 * The same agent's path in Turkish: the transition buttons, the reason dialog, the status bar,
 * the history tab and the refusal of a drag all speak Turkish (the user's language is tr_TR).
 */
registry.category("web_tour.tours").add("cxm_process_agent_tour_tr", {
    steps: () => [
        {
            content: "Transition buttons in Turkish",
            trigger: ".o_form_view .o_cxm_transition_buttons button:contains('Müşteriye sor')",
        },
        {
            content: "Escalate is Yükselt",
            trigger: ".o_cxm_transition_buttons:has(button:contains('Yükselt'))",
        },
        {
            content: "Fire Ask customer (Müşteriye sor)",
            trigger: ".o_cxm_transition_buttons button:contains('Müşteriye sor')",
            run: "click",
        },
        {
            content: "The reason dialog",
            trigger: ".modal textarea",
            run: "edit Seri numarası nedir?",
        },
        {
            content: "Confirm (Onayla)",
            trigger: ".modal button[name='action_confirm']:contains('Onayla')",
            run: "click",
        },
        {
            content: "The status bar shows the Turkish stage",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Bekliyor')",
        },
        {
            content: "The history tab is Durum geçmişi",
            trigger: ".o_notebook a.nav-link[name=cxm_history]:contains('Durum geçmişi')",
            run: "click",
        },
        {
            content: "The history shows the reason",
            trigger: ".o_field_widget[name='cxm_history_ids'] td:contains('Seri numarası nedir?')",
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb a:contains('Talepler')",
            run: "click",
        },
        {
            content: "Drag the ticket to Yeni",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Bekliyor')) .o_kanban_record:contains('CXM tour: broken kettle')",
            run: "drag_and_drop (.o_kanban_group:has(.o_column_title:contains('Yeni')))",
        },
        {
            content: "The refusal is in Turkish, with the allowed targets",
            trigger: ".modal:contains('durumuna geçemez'):contains('izin verilen hedefler')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The ticket stayed in Bekliyor",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Bekliyor')) .o_kanban_record:contains('CXM tour: broken kettle')",
        },
    ],
});
