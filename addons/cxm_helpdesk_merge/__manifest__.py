# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Helpdesk Merge",
    "summary": "Glue: process- and conversation-aware ticket merge (merged tickets leave through a transition)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_helpdesk", "helpdesk_mgmt_merge"],
    "data": [
        "security/ir.model.access.csv",
        "data/cxm_helpdesk_merge_data.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "demo": ["demo/cxm_helpdesk_merge_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_helpdesk_merge/static/tests/tours/**/*"],
    },
    "auto_install": True,
}
