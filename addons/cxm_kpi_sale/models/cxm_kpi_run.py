# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class CxmKpiRun(models.Model):
    _inherit = "cxm.kpi.run"

    @api.model
    def _cxm_changed_partners_sql(self, since):
        """The customers of sale orders and invoices written since ``since`` too."""
        queries = [super()._cxm_changed_partners_sql(since)]
        sources = set(self._cxm_kpis().mapped("source"))
        if "sale" in sources:
            queries.append(SQL("SELECT partner_id FROM sale_order WHERE write_date >= %s", since))
        if "invoice" in sources:
            queries.append(
                SQL("SELECT partner_id FROM account_move WHERE write_date >= %s AND partner_id IS NOT NULL", since)
            )
        return SQL(" UNION ").join(queries)
