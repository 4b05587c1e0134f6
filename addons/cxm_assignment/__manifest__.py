# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Assignment",
    "summary": "Hand out tickets to agents: round robin, balanced, capacity, presence, working hours, skills",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_helpdesk"],
    "data": [
        "security/cxm_assignment_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_assignment_data.xml",
        "views/cxm_assignment_agent_views.xml",
        "views/cxm_assignment_log_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cxm_process_status_views.xml",
        "views/cxm_assignment_menus.xml",
    ],
    "demo": ["demo/cxm_assignment_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_assignment/static/tests/tours/**/*"],
    },
}
