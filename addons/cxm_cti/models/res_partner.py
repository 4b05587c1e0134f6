# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_cxm_cti_pick_caller(self):
        """'This is the caller' in the matches of an ambiguous call (the call's id comes with the button)."""
        self.ensure_one()
        call_id = self.env.context.get("cxm_cti_call_id")
        if not isinstance(call_id, int) or isinstance(call_id, bool):
            return False
        # an id only: the call is read and written as the current user, with its access rules
        return self.env["cxm.cti.call"].browse(call_id)._cxm_pick_caller(self)
