# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Chatbot",
    "summary": "Live chat and chatbots: a chatbot step that opens a ticket, hand-over to a team's operators, "
    "Create Ticket (one click or /ticket) in a live chat, REST API for external chatbots",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel", "im_livechat"],
    "data": [
        "views/chatbot_script_step_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "assets": {
        "web.assets_backend": ["cxm_chatbot/static/src/**/*"],
        "web.assets_tests": [
            "cxm_chatbot/static/tests/tours/cxm_chatbot_agent_tour.js",
            "cxm_chatbot/static/tests/tours/cxm_chatbot_operator_tour.js",
        ],
        "im_livechat.assets_livechat_support_tours": ["cxm_chatbot/static/tests/tours/cxm_chatbot_visitor_tour.js"],
    },
    "demo": ["demo/cxm_chatbot_demo.xml"],
}
