# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    failure_type = fields.Selection(
        selection_add=[("mail_consent", "No e-mail consent"), ("sms_consent", "No SMS consent")],
        ondelete={"mail_consent": "set null", "sms_consent": "set null"},
    )
