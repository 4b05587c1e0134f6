# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Helpdesk",
    "summary": "Ticket basics: reference format, channel and source, category routing to team and default processes",
    "version": "19.0.1.1.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_process"],
    "data": [
        "security/cxm_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_helpdesk_data.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "views/cxm_helpdesk_routing_rule_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/res_config_settings_views.xml",
        "views/cxm_helpdesk_menus.xml",
    ],
    "demo": ["demo/cxm_helpdesk_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_helpdesk/static/tests/tours/**/*"],
    },
}
