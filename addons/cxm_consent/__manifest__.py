# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent",
    "summary": "Append-only consent ledger per customer, channel and address (İYS-compatible), SMS-code opt-in, "
    "withdrawal by STOP replies and the portal, blacklists fed from refusals, enforcement of commercial sends",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_sms", "cxm_partner_identity", "phone_validation", "mail", "sms", "portal"],
    "data": [
        "security/cxm_consent_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_consent_event_views.xml",
        "views/cxm_consent_state_views.xml",
        "views/cxm_consent_code_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_consent_portal_templates.xml",
        "wizards/cxm_consent_optin_views.xml",
        "views/cxm_consent_menus.xml",
    ],
    "demo": ["demo/cxm_consent_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_consent/static/tests/tours/**/*"],
    },
}
