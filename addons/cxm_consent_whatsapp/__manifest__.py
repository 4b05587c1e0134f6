# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent on WhatsApp",
    "summary": "STOP / İPTAL replies on WhatsApp withdraw commercial-message consent; marketing templates follow "
    "the consent ledger",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_consent", "cxm_whatsapp"],
    "auto_install": True,
    "data": ["views/cxm_whatsapp_template_send_views.xml"],
    "assets": {"web.assets_tests": ["cxm_consent_whatsapp/static/tests/tours/**/*"]},
}
