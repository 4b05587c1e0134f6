# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """The merge re-points identity keys in SQL (external keys move to the
        destination); afterwards the destination's derived keys are rebuilt
        from its merged fields."""
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        survivors = self.env["res.partner"].with_context(active_test=False).browse(partner_ids).exists()
        self.env["cxm.partner.identity"]._cxm_sync_partners(survivors.ids)
        return result
