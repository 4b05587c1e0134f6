# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # incremental KPI runs look for the customers whose orders changed since the last run
    _cxm_write_date_idx = models.Index("(write_date)")
