# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import api, fields, models

#: a one-digit answer to a rating request ("5", " 4 ", "3.")
ANSWER = re.compile(r"^\s*([1-5])\s*[.!]?\s*$")
#: how long a rating request waits for its one-digit answer
ANSWER_DAYS = 7


class CxmChannelIntake(models.AbstractModel):
    """A customer's one-digit reply to a pending rating request is their rating, not a new conversation:
    it never opens or reopens a ticket."""

    _inherit = "cxm.channel.intake"

    @api.model
    def _cxm_process(self, instance, messages):
        answers = self._cxm_csat_answers(instance, messages)
        for message, rating in answers:
            ticket = rating.cxm_ticket_id
            rating.cxm_answer_channel = "reply"
            ticket.rating_apply(int(ANSWER.match(message.body).group(1)), rating=rating)
            message.write(
                {
                    "state": "received",
                    "ticket_id": ticket.id,
                    "partner_id": rating.partner_id.id,
                    "mail_message_id": rating.message_id.id,
                }
            )
            message.event_id.write({"state": "done"})
        rest = messages - self.env["cxm.channel.message"].union(*(message for message, _rating in answers))
        return super()._cxm_process(instance, rest) if rest else {}

    def _cxm_csat_answers(self, instance, messages):
        """[(message, rating)]: the messages that answer a pending rating request of the same address on the
        same instance (the latest request; each request takes one answer)."""
        candidates = messages.filtered(lambda m: m.body and ANSWER.match(m.body))
        if not candidates:
            return []
        pending = self.env["rating.rating"].search(
            [
                ("cxm_request_instance_id", "=", instance.id),
                ("cxm_request_address", "in", candidates.mapped("address")),
                ("cxm_request_date", ">=", fields.Datetime.now() - timedelta(days=ANSWER_DAYS)),
                ("consumed", "=", False),
                ("res_model", "=", "helpdesk.ticket"),
            ],
            order="cxm_request_date desc, id desc",
        )
        by_address = {}
        for rating in pending:
            by_address.setdefault(rating.cxm_request_address, rating)
        answers = []
        for message in candidates.sorted("id"):
            rating = by_address.pop(message.address, None)
            if rating:
                answers.append((message, rating))
        return answers
