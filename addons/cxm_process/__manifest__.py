# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Process",
    "summary": "Configurable ticket processes: enforced transitions, SLA per status, history, templates",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_base", "resource"],
    "data": [
        "security/cxm_process_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_process_data.xml",
        "data/cxm_process_template_data.xml",
        "views/cxm_process_views.xml",
        "views/cxm_process_history_views.xml",
        "views/helpdesk_ticket_views.xml",
        "wizards/cxm_process_transition_wizard_views.xml",
        "wizards/cxm_process_template_wizard_views.xml",
        "views/cxm_process_menus.xml",
    ],
    "demo": ["demo/cxm_process_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "cxm_process/static/src/**/*",
        ],
        "web.assets_tests": [
            "cxm_process/static/tests/tours/**/*",
        ],
    },
}
