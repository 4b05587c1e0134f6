# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Channel",
    "summary": "The conversation layer of every channel: inbound message to customer and ticket, agent reply "
    "back on the origin channel through the outbox, delivery status",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_helpdesk", "cxm_integration", "cxm_partner_identity"],
    "data": [
        "security/cxm_channel_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_channel_data.xml",
        "views/cxm_channel_message_views.xml",
        "views/cxm_integration_instance_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_channel_menus.xml",
    ],
}
