# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Social",
    "summary": "Social-media tracking platforms and complaint sites (Şikayetvar) on the conversation layer",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel", "cxm_process"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "data/cxm_social_data.xml",
        "views/cxm_integration_instance_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "assets": {"web.assets_tests": ["cxm_social/static/tests/tours/**/*"]},
    "demo": ["demo/cxm_social_demo.xml"],
}
