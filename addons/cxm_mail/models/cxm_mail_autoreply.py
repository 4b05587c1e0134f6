# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

REASONS = [
    ("auto_submitted", "Auto-Submitted header"),
    ("precedence", "Precedence header"),
    ("x_autoreply", "X-Autoreply header"),
]


class CxmMailAutoreply(models.Model):
    """An automatic reply (vacation, out-of-office, notification) that reached a ticket alias
    and was kept away from tickets: it opened no ticket and reopened none."""

    _name = "cxm.mail.autoreply"
    _description = "Filtered Automatic E-mail Reply"
    _order = "id desc"
    _rec_name = "subject"

    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Char(string="To", readonly=True)
    subject = fields.Char(readonly=True)
    message_id = fields.Char(string="Message-Id", readonly=True, index="btree_not_null")
    reason = fields.Selection(REASONS, readonly=True, required=True)
    header = fields.Char(readonly=True, help="The header line that marked the e-mail as automatic.")
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Ticket the reply referred to: it was logged there as a note, the ticket's status was not touched.",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _cxm_record(self, message_dict, reason, header, ticket=None, company=None):
        """Log one filtered reply, once per Message-Id (a re-fetched e-mail is not logged twice)."""
        message_id = message_dict.get("message_id")
        existing = message_id and self.sudo().search([("message_id", "=", message_id)], limit=1)
        if existing:
            return existing
        return self.sudo().create(
            {
                "email_from": message_dict.get("email_from"),
                "email_to": message_dict.get("to"),
                "subject": message_dict.get("subject"),
                "message_id": message_id,
                "reason": reason,
                "header": header,
                "ticket_id": ticket.id if ticket else False,
                "company_id": (ticket.company_id if ticket else company or self.env.company).id,
            }
        )
