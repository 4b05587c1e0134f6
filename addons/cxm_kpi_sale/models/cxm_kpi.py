# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CxmKpi(models.Model):
    _inherit = "cxm.kpi"

    @api.model
    def _selection_source(self):
        return [*super()._selection_source(), ("sale", "Sale orders"), ("invoice", "Customer invoices")]
