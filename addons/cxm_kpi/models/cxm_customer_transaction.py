# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmCustomerTransaction(models.Model):
    _inherit = "cxm.customer.transaction"

    # incremental KPI runs look for the customers whose transactions changed since the last run
    _write_date_idx = models.Index("(write_date)")
    # the KPI aggregates of a few customers (incremental runs) read their purchases from the index alone
    _kpi_facts_idx = models.Index("(partner_id, date) INCLUDE (kind, amount, currency_id, company_id)")
