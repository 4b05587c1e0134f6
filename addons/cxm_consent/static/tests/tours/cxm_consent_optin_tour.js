/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cxm_consent_optin_send_tour", {
    steps: () => [
        {trigger: ".o_form_view .o_notebook a[name='cxm_consent']", run: "click"},
        {trigger: "button[name='action_cxm_consent_optin']", run: "click"},
        {trigger: ".modal div[name='approve_whatsapp'] input", run: "click"},
        {trigger: ".modal button[name='action_send_code']:contains(Send code)", run: "click"},
        {trigger: ".modal .o_cxm_consent_feedback:contains(Code sent to +905321234567)"},
        {trigger: ".modal div[name='entered_code'] input"},
    ],
});

registry.category("web_tour.tours").add("cxm_consent_optin_confirm_tour", {
    steps: () => [
        {trigger: ".o_form_view .o_notebook a[name='cxm_consent']", run: "click"},
        {trigger: "button[name='action_cxm_consent_optin']", run: "click"},
        // the code sent in the first part is still open: the dialog resumes it
        {
            trigger: ".modal div[name='entered_code'] input",
            run: (helpers) => helpers.edit(window.cxmConsentCodes[0]),
        },
        {trigger: ".modal button[name='action_confirm_code']", run: "click"},
        {trigger: ".modal .o_cxm_consent_feedback:contains(Wrong code: 2 attempt(s) left.)"},
        {
            trigger: ".modal div[name='entered_code'] input",
            run: (helpers) => helpers.edit(window.cxmConsentCodes[1]),
        },
        {trigger: ".modal button[name='action_confirm_code']", run: "click"},
        {trigger: ".modal .o_cxm_consent_done:contains(Consent recorded (2 channel(s)).)"},
        {trigger: ".o_form_view .o_notebook a[name='cxm_consent']"},
    ],
});
