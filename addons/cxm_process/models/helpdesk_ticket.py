# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.cxm_base.tools import internal_value


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "cxm.process.mixin"]

    cxm_history_ids = fields.One2many("cxm.process.history", "ticket_id", string="Status history", readonly=True)

    def _cxm_history_link_vals(self):
        return {"ticket_id": self.id}

    def _cxm_escalation_users(self):
        return self.team_id.user_id or self.user_id

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        customer = self.partner_id
        if (
            customer
            and message.author_id == customer
            and message.message_type in ("email", "comment")
            and self.cxm_process_id
            and not internal_value(self.env.context, "cxm_automatic")
        ):
            self._cxm_on_customer_reply()
        return res
