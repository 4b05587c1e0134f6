# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    # incremental KPI runs look for the customers whose invoices changed since the last run
    _cxm_write_date_idx = models.Index("(write_date)")
