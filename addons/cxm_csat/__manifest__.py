# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Customer Satisfaction",
    "summary": "CSAT on the ticket's own channel: rating link by e-mail, a 1-5 reply by SMS or WhatsApp, one "
    "answer per ticket, low scores fire a process transition, results by agent, team, category and channel",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel", "helpdesk_mgmt_rating"],
    "data": [
        "security/ir.model.access.csv",
        "views/cxm_process_transition_views.xml",
        "views/rating_rating_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "demo": ["demo/cxm_csat_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_csat/static/tests/tours/*.js"]},
}
