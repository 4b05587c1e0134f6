# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _filter_out_and_handle_revoked_sms_values(self, sms_values_all):
        """A mass SMS to numbers without an effective SMS consent is cancelled at send time (trace
        *No SMS consent*), before the mailing creates the traces of cancelled ones."""
        if self._is_mass_sms():
            excluded = self.mailing_id._cxm_consent_exclusions(
                "sms", {res_id: [values.get("number")] for res_id, values in sms_values_all.items()}
            )
            for res_id in excluded:
                values = sms_values_all[res_id]
                if values.get("state") in ("canceled", "error"):
                    continue
                values.update(state="canceled", failure_type="sms_consent")
                for command in values.get("mailing_trace_ids") or []:
                    if len(command) == 3 and command[0] == 0:
                        command[2].update(trace_status="cancel", failure_type="sms_consent")
        return super()._filter_out_and_handle_revoked_sms_values(sms_values_all)
