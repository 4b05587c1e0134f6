# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Base",
    "summary": "Customer Experience suite root: roles, menu and settings",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["base_setup", "helpdesk_mgmt"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/cxm_base_security.xml",
        "views/res_config_settings_views.xml",
        "views/cxm_base_menus.xml",
    ],
    "demo": [
        "demo/cxm_base_demo.xml",
        "demo/cxm_base_partner_demo.xml",
        "demo/cxm_base_ticket_demo.xml",
        "demo/cxm_base_helpdesk_mgmt_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cxm_base/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
