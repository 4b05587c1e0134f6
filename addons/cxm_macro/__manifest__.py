# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Macros",
    "summary": "One-click macros on tickets: a canned reply or mail template, field changes and a transition",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_helpdesk"],
    "data": [
        "security/cxm_macro_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_macro_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cxm_macro_menus.xml",
    ],
    "demo": ["demo/cxm_macro_demo.xml"],
    "assets": {
        "web.assets_backend": ["cxm_macro/static/src/**/*"],
        "web.assets_tests": ["cxm_macro/static/tests/tours/**/*"],
    },
}
