# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _cxm_merged_into(self, target, plan):
        """The surviving ticket answers on the merged conversation's channel when it had none, and knows
        when the customer last wrote there."""
        res = super()._cxm_merged_into(target, plan)
        talking = self.filtered("cxm_reply_instance_id").sorted(lambda t: t.cxm_last_inbound_date or t.create_date)
        values = {}
        if talking and not target.cxm_reply_instance_id:
            values["cxm_reply_instance_id"] = talking[-1].cxm_reply_instance_id.id
        dates = [d for d in (self | target).mapped("cxm_last_inbound_date") if d]
        if dates and max(dates) != target.cxm_last_inbound_date:
            values["cxm_last_inbound_date"] = max(dates)
        if values:
            # sudo: conversation fields of a ticket the merge already checked the user may write
            target.sudo().write(values)
        for ticket in talking:
            target.message_post(
                body=self.env._(
                    "The conversation of %(ticket)s on %(channel)s goes on here: the customer's next messages "
                    "on %(channel)s arrive on this ticket.",
                    ticket=ticket.display_name,
                    channel=ticket.cxm_reply_instance_id.sudo().name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res
