/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cxm_consent_portal_tour", {
    url: "/my",
    steps: () => [
        {trigger: "a[href='/my/consent']", run: "click", expectUnloadPage: true},
        {trigger: ".o_cxm_consent_page input#consent_email:checked"},
        {trigger: ".o_cxm_consent_page input#consent_email", run: "click"},
        {trigger: ".o_cxm_consent_page input#consent_sms", run: "click"},
        {trigger: ".o_cxm_consent_page button[type='submit']", run: "click", expectUnloadPage: true},
        {trigger: ".o_cxm_consent_saved"},
        {trigger: ".o_cxm_consent_page input#consent_sms:checked"},
        {trigger: ".o_cxm_consent_page input#consent_email:not(:checked)"},
    ],
});
