# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _manage_mail_values(self, mail_values_all):
        """A mass mailing's e-mails to recipients without an effective e-mail consent are cancelled at
        send time (trace *No e-mail consent*), before the mailing creates the traces of cancelled ones."""
        if self._is_mass_mailing():
            recipients = self._get_recipients_data(mail_values_all)
            excluded = self.mass_mailing_id._cxm_consent_exclusions(
                "email", {res_id: recipients[res_id]["mail_to_normalized"] for res_id in mail_values_all}
            )
            for res_id in excluded:
                values = mail_values_all[res_id]
                if values.get("state") == "cancel":
                    continue  # already refused by the stock rules (blacklist, opt-out, duplicate)
                values.update(state="cancel", failure_type="mail_consent", is_notification=False)
                for command in values.get("mailing_trace_ids") or []:
                    if len(command) == 3 and command[0] == 0:
                        command[2].update(trace_status="cancel", failure_type="mail_consent")
        return super()._manage_mail_values(mail_values_all)
