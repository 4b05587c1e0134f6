# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class CxmCtiCall(models.Model):
    _inherit = "cxm.cti.call"

    def action_cxm_consent_optin(self):
        """The SMS-code opt-in of the call's customer, on the number they are calling from."""
        self.ensure_one()
        self.check_access("read")
        if not self.partner_id:
            raise UserError(self.env._("Pick or create the customer of this call first."))
        action = self.partner_id.action_cxm_consent_optin()
        if self.caller_e164:
            action["context"] = dict(action["context"], default_phone=self.caller_e164)
        return action
