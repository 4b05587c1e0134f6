# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

#: Technical codes of the suite's channels (records in data/helpdesk_ticket_channel_data.xml)
CHANNEL_CODES = ["email", "phone", "web_form", "whatsapp", "sms", "ecommerce", "social", "chat", "api"]


class HelpdeskTicketChannel(models.Model):
    """helpdesk_mgmt's channel is the ticket's one channel field; the suite's channels are records of
    it with a technical code that channel modules and queries use instead of the (translated) name."""

    _inherit = "helpdesk.ticket.channel"

    cxm_code = fields.Char(
        string="Technical Code",
        index="btree_not_null",
        copy=False,
        help="Code of the channel for integrations and channel modules (email, phone, web_form, whatsapp, sms...).",
    )

    _cxm_code_unique = models.Constraint("UNIQUE(cxm_code)", "A channel code is used by one channel only.")

    def _cxm_by_code(self, code):
        """The channel of a technical code (any company; archived included), or an empty recordset."""
        return self.with_context(active_test=False).search([("cxm_code", "=", code)], limit=1) if code else self
