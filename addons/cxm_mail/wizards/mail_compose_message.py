# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _prepare_mail_values(self, res_ids):
        """Template mails sent record by record (helpdesk_mgmt's stage mails "The ticket HT00042
        has been closed", mass sends from the list) bypass the notification path: they get the
        ticket reference in the subject and the RFC 3834 mark of automatic mail here."""
        values = super()._prepare_mail_values(res_ids)
        if self.model != "helpdesk.ticket" or self.composition_mode != "mass_mail":
            return values
        for ticket in self.env["helpdesk.ticket"].sudo().browse(list(values)):
            mail_values = values[ticket.id]
            token = ticket._cxm_mail_subject_token()
            subject = mail_values.get("subject") or ""
            if token and token not in subject:
                mail_values["subject"] = f"{token} {subject}".strip()
            headers = ast.literal_eval(mail_values["headers"]) if mail_values.get("headers") else {}
            headers.setdefault("Auto-Submitted", "auto-generated")
            headers.setdefault("X-Auto-Response-Suppress", "OOF, AutoReply")
            mail_values["headers"] = repr(headers)
        return values
