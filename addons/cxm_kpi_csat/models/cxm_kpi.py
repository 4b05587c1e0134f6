# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmKpi(models.Model):
    _inherit = "cxm.kpi"

    kind = fields.Selection(
        selection_add=[("csat", "Customer satisfaction (average rating 1-5)")], ondelete={"csat": "cascade"}
    )

    @api.model
    def _cxm_kind_phase(self, kind):
        # a per-customer aggregate, computed with the others in phase 1
        return 1 if kind == "csat" else super()._cxm_kind_phase(kind)

    @api.model
    def _cxm_kind_unit(self, kind):
        return "score" if kind == "csat" else super()._cxm_kind_unit(kind)
