# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from odoo.addons.cxm_kpi.models.cxm_kpi_sql import scope_sql


class CxmKpiEngine(models.AbstractModel):
    _inherit = "cxm.kpi.engine"

    @api.model
    def _cxm_facts_sql(self, kpi, scope):
        """Confirmed sale orders (converted at today's rate into the KPI's currency) and posted
        customer invoices and refunds (at their own rate, in company currency; refunds negative and
        not counted as orders)."""
        company = kpi.company_id.id or None
        if kpi.source == "sale":
            return SQL(
                """SELECT o.partner_id, o.date_order::date AS day,
                          o.amount_total * COALESCE(%(target)s, 1) / COALESCE(fx.rate, 1) AS amount, TRUE AS is_order
                     FROM sale_order o LEFT JOIN fx ON fx.currency_id = o.currency_id
                    WHERE o.state = 'sale' AND (%(company)s IS NULL OR o.company_id = %(company)s) AND %(scope)s""",
                target=self._cxm_target_rate(kpi),
                company=company,
                scope=scope_sql(SQL("o.partner_id"), scope),
            )
        if kpi.source == "invoice":
            return SQL(
                """SELECT m.partner_id, m.invoice_date AS day, m.amount_total_signed AS amount,
                          m.move_type = 'out_invoice' AS is_order
                     FROM account_move m
                    WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
                      AND m.partner_id IS NOT NULL AND (%(company)s IS NULL OR m.company_id = %(company)s)
                      AND %(scope)s""",
                company=company,
                scope=scope_sql(SQL("m.partner_id"), scope),
            )
        return super()._cxm_facts_sql(kpi, scope)
