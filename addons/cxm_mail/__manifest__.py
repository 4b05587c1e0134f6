# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM E-mail Channel",
    "summary": "E-mail on Odoo's mail gateway: ticket reference in the subject, auto-reply and loop protection",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel"],
    "data": [
        "security/cxm_mail_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_mail_autoreply_views.xml",
        "views/cxm_mail_menus.xml",
    ],
    "demo": ["demo/cxm_mail_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_mail/static/tests/tours/**/*"],
    },
}
