# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM WhatsApp",
    "summary": "WhatsApp Business channel (Cloud API and 360dialog-style BSPs) on the conversation layer",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/cxm_whatsapp_security.xml",
        "views/cxm_whatsapp_template_views.xml",
        "views/cxm_integration_instance_views.xml",
        "wizards/cxm_whatsapp_template_send_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cxm_whatsapp_menus.xml",
    ],
    "demo": ["demo/cxm_whatsapp_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_whatsapp/static/tests/tours/**/*"]},
}
