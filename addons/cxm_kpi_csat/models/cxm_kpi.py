# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.cxm_kpi.models import cxm_kpi as kpi_kinds

# the engine computes a kind in its phase (1: per-customer aggregates) and shows it in its unit
kpi_kinds.PHASE["csat"] = 1
kpi_kinds.UNITS["csat"] = "score"


class CxmKpi(models.Model):
    _inherit = "cxm.kpi"

    kind = fields.Selection(
        selection_add=[("csat", "Customer satisfaction (average rating 1-5)")], ondelete={"csat": "cascade"}
    )
