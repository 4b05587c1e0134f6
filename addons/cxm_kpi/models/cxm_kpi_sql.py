# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based KPI computation: one SQL aggregate per KPI, written with one
INSERT ... ON CONFLICT that touches only rows whose value changed, and one
DELETE of the rows whose customer no longer has a value."""

import datetime
import json

from odoo import api, fields, models
from odoo.tools import SQL

from .cxm_kpi import PHASE, RFM_AXES

QUINTILES = [0.2, 0.4, 0.6, 0.8]
# rows written in a phase of a full run above which the statistics are refreshed
ANALYZE_AFTER = 1000


def scope_sql(column, scope):
    """Restrict ``column`` (an SQL partner id expression) to the scope of a run:
    None (every customer), ("range", lo, hi) or ("ids", [ids])."""
    if scope is None:
        return SQL("TRUE")
    if scope[0] == "range":
        return SQL("%s BETWEEN %s AND %s", column, scope[1], scope[2])
    return SQL("%s = ANY(%s)", column, list(scope[1]))


class CxmKpiEngine(models.AbstractModel):
    _name = "cxm.kpi.engine"
    _description = "KPI computation engine"

    # ------------------------------------------------------------------ facts
    @api.model
    def _cxm_facts_sql(self, kpi, scope):
        """Purchases of the KPI's source as (partner_id, day, amount, is_order): amounts in the KPI's
        currency, returns and refunds negative and not counted as orders."""
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
        return SQL(
            """SELECT t.partner_id, t.date AS day,
                      (CASE WHEN t.kind = 'return' THEN -abs(t.amount) ELSE t.amount END)
                          * COALESCE(%(target)s, 1) / COALESCE(fx.rate, 1) AS amount,
                      t.kind <> 'return' AS is_order
                 FROM cxm_customer_transaction t LEFT JOIN fx ON fx.currency_id = t.currency_id
                WHERE t.kind IN ('purchase', 'order', 'return')
                  AND (%(company)s IS NULL OR t.company_id = %(company)s) AND %(scope)s""",
            target=self._cxm_target_rate(kpi),
            company=company,
            scope=scope_sql(SQL("t.partner_id"), scope),
        )

    @api.model
    def _cxm_target_rate(self, kpi):
        currency = kpi._cxm_target_currency()
        rate = currency._get_rates(kpi.company_id or self.env.ref("base.main_company"), fields.Date.today())
        return rate.get(currency.id) or 1.0

    @api.model
    def _cxm_fx_sql(self, kpi):
        """Latest rate of every currency (the company's own rates first), as of today."""
        return SQL(
            """SELECT DISTINCT ON (currency_id) currency_id, rate
                 FROM res_currency_rate
                WHERE (company_id IS NULL OR company_id = %(company)s) AND name <= %(today)s
                ORDER BY currency_id, company_id NULLS LAST, name DESC""",
            company=(kpi.company_id or self.env.ref("base.main_company")).root_id.id,
            today=fields.Date.today(),
        )

    # ------------------------------------------------------------- aggregates
    @api.model
    def _cxm_aggregate_sql(self, kpi, scope):
        """SELECT partner_id, value for the customers in ``scope`` that have a value."""
        today = fields.Date.today()
        since = today - datetime.timedelta(days=kpi.window_days) if kpi.window_days else datetime.date(1, 1, 1)
        kind = kpi.kind
        if PHASE[kind] == 1 and kind in ("ticket_count", "complaint_count", "resolution_hours"):
            return self._cxm_ticket_sql(kpi, scope, since)
        if kind in RFM_AXES:
            return self._cxm_score_sql(kpi, scope)
        if kind == "rfm":
            return self._cxm_rfm_sql(kpi, scope)
        orders = SQL("count(*) FILTER (WHERE f.is_order)")
        value = {
            "basket_size": SQL("sum(f.amount) / %s", orders),
            "frequency": orders,
            "monetary": SQL("sum(f.amount)"),
            "recency": SQL("%s - max(f.day) FILTER (WHERE f.is_order)", today),
            "lifetime": SQL("%s - min(f.day) FILTER (WHERE f.is_order)", today),
        }[kind]
        having = SQL("count(*) > 0") if kind == "monetary" else SQL("%s > 0", orders)
        return SQL(
            """WITH fx AS (%(fx)s), facts AS (%(facts)s)
               SELECT f.partner_id, (%(value)s)::float8 AS value
                 FROM facts f WHERE f.day >= %(since)s AND f.day <= %(today)s
                GROUP BY f.partner_id HAVING %(having)s""",
            fx=self._cxm_fx_sql(kpi),
            facts=self._cxm_facts_sql(kpi, scope),
            value=value,
            since=since,
            today=today,
            having=having,
        )

    @api.model
    def _cxm_ticket_sql(self, kpi, scope, since):
        since_dt = datetime.datetime.combine(since, datetime.time.min)
        where = [
            SQL("t.partner_id IS NOT NULL AND t.active"),
            scope_sql(SQL("t.partner_id"), scope),
        ]
        if kpi.company_id:
            where.append(SQL("t.company_id = %s", kpi.company_id.id))
        if kpi.ticket_category_ids:
            where.append(SQL("t.category_id = ANY(%s)", kpi.ticket_category_ids.ids))
        if kpi.kind == "complaint_count":
            where.append(SQL("t.category_id IN (SELECT id FROM helpdesk_ticket_category WHERE cxm_complaint)"))
        if kpi.kind == "resolution_hours":
            where.append(SQL("t.closed_date IS NOT NULL AND t.closed_date >= %s", since_dt))
            value = SQL("avg(extract(epoch FROM t.closed_date - t.create_date)) / 3600.0")
        else:
            where.append(SQL("t.create_date >= %s", since_dt))
            value = SQL("count(*)")
        return SQL(
            "SELECT t.partner_id, (%s)::float8 AS value FROM helpdesk_ticket t WHERE %s GROUP BY t.partner_id",
            value,
            SQL(" AND ").join(where),
        )

    @api.model
    def _cxm_score_sql(self, kpi, scope):
        """Quintile score 1-5 of the scored KPI's value against the stored quintile limits (recency:
        the fewer days, the higher the score). Frequency and monetary scores cover every customer
        who ever bought (who has a recency): no purchase in their window scores 1."""
        limits = kpi._cxm_thresholds() or []
        population = self.env["cxm.kpi"]
        if kpi.kind != "rfm_recency":
            population = population.search(
                [("kind", "=", "recency"), ("company_id", "=", kpi.company_id.id)], order="sequence, id", limit=1
            )
        value = SQL("COALESCE(v.value, 0)")
        above = SQL(" + ").join([SQL("(%s > %s)::int", value, limit) for limit in limits] or [SQL("0")])
        score = SQL("5 - (%s)", above) if kpi.kind == "rfm_recency" else SQL("1 + %s", above)
        if not population:
            return SQL(
                "SELECT v.partner_id, (%s)::float8 AS value FROM cxm_kpi_value v WHERE v.kpi_id = %s AND %s",
                score,
                kpi.base_kpi_id.id,
                scope_sql(SQL("v.partner_id"), scope),
            )
        return SQL(
            """SELECT p.partner_id, (%s)::float8 AS value
                 FROM cxm_kpi_value p
                 LEFT JOIN cxm_kpi_value v ON v.partner_id = p.partner_id AND v.kpi_id = %s
                WHERE p.kpi_id = %s AND %s""",
            score,
            kpi.base_kpi_id.id,
            population.id,
            scope_sql(SQL("p.partner_id"), scope),
        )

    @api.model
    def _cxm_rfm_sql(self, kpi, scope):
        axes = {
            axis: self.env["cxm.kpi"].search(
                [("kind", "=", axis), ("company_id", "=", kpi.company_id.id)], order="sequence, id", limit=1
            )
            for axis in RFM_AXES
        }
        return SQL(
            """SELECT r.partner_id, (r.value * 100 + f.value * 10 + m.value)::float8 AS value
                 FROM cxm_kpi_value r
                 JOIN cxm_kpi_value f ON f.partner_id = r.partner_id AND f.kpi_id = %(f)s
                 JOIN cxm_kpi_value m ON m.partner_id = r.partner_id AND m.kpi_id = %(m)s
                WHERE r.kpi_id = %(r)s AND %(scope)s""",
            r=axes["rfm_recency"].id or 0,
            f=axes["rfm_frequency"].id or 0,
            m=axes["rfm_monetary"].id or 0,
            scope=scope_sql(SQL("r.partner_id"), scope),
        )

    # ------------------------------------------------------------------ write
    @api.model
    def _cxm_update_thresholds(self, kpi):
        """Quintile limits of the scored KPI over every customer that has a value (full runs)."""
        self.env.cr.execute(
            SQL(
                """SELECT percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY value)
                     FROM cxm_kpi_value WHERE kpi_id = %s""",
                QUINTILES,
                kpi.base_kpi_id.id,
            )
        )
        limits = self.env.cr.fetchone()[0]
        kpi.rfm_thresholds = json.dumps([round(limit, 4) for limit in limits]) if limits else False

    @api.model
    def _cxm_write(self, kpi, scope):
        """Compute ``kpi`` for the customers in ``scope`` and store the values that changed; imported
        values are left alone. Returns the number of rows inserted, updated or deleted."""
        cr = self.env.cr
        cr.execute(self._cxm_write_sql(kpi, scope, cr.now()))
        return cr.fetchone()[0]

    @api.model
    def _cxm_write_sql(self, kpi, scope, now):
        """One statement: the aggregate, compared with the stored values in hash joins; new values
        inserted, changed ones updated, vanished ones deleted, unchanged and imported ones untouched."""
        return SQL(
            """WITH agg AS (
                   SELECT a.partner_id, round(a.value::numeric, 4)::float8 AS value
                     FROM (%(agg)s) a WHERE a.value IS NOT NULL),
               cur AS (
                   SELECT v.id, v.partner_id, v.value, v.imported FROM cxm_kpi_value v
                    WHERE v.kpi_id = %(kpi)s AND %(scope)s),
               added AS (
                   INSERT INTO cxm_kpi_value (kpi_id, partner_id, company_id, value, computed_at, imported)
                   SELECT %(kpi)s, a.partner_id, %(company)s, a.value, %(now)s, FALSE
                     FROM agg a LEFT JOIN cur c ON c.partner_id = a.partner_id
                    WHERE c.id IS NULL
                   ON CONFLICT (kpi_id, partner_id) DO NOTHING
                   RETURNING 1),
               updated AS (
                   UPDATE cxm_kpi_value v SET value = a.value, computed_at = %(now)s
                     FROM agg a JOIN cur c ON c.partner_id = a.partner_id
                    WHERE v.id = c.id AND NOT c.imported AND c.value IS DISTINCT FROM a.value
                   RETURNING 1),
               gone AS (
                   DELETE FROM cxm_kpi_value v
                    USING cur c LEFT JOIN agg a ON a.partner_id = c.partner_id
                    WHERE v.id = c.id AND NOT c.imported AND a.partner_id IS NULL
                   RETURNING 1)
               SELECT (SELECT count(*) FROM added) + (SELECT count(*) FROM updated) + (SELECT count(*) FROM gone)""",
            agg=self._cxm_aggregate_sql(kpi, scope),
            kpi=kpi.id,
            company=kpi.company_id.id or None,
            now=now,
            scope=scope_sql(SQL("v.partner_id"), scope),
        )

    @api.model
    def _cxm_compute(self, kpis, scope, phases=(1, 2, 3), full=False):
        """Compute ``kpis`` phase by phase for ``scope``; returns rows changed per KPI."""
        changed = {}
        for phase in phases:
            written = 0
            for kpi in kpis.filtered(lambda k, phase=phase: PHASE[k.kind] == phase):
                if phase == 2 and (full or not kpi.rfm_thresholds):
                    self._cxm_update_thresholds(kpi)
                changed[kpi] = self._cxm_write(kpi, scope)
                written += changed[kpi]
            if full and written > ANALYZE_AFTER:
                # the next phase (or run) reads the values just written: plan it on fresh statistics
                self.env.cr.execute("ANALYZE cxm_kpi_value")
        self.env["cxm.kpi.value"].invalidate_model()
        return changed
