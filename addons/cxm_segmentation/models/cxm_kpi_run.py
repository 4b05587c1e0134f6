# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CxmKpiRun(models.Model):
    _inherit = "cxm.kpi.run"

    @api.model
    def _cxm_after_recompute(self, partner_ids):
        """Segment membership follows the KPIs it reads: every customer after a full run, the
        recomputed ones after an incremental run."""
        result = super()._cxm_after_recompute(partner_ids)
        self.env["cxm.segmentation"].sudo()._cxm_recompute_all(partner_ids)
        return result
