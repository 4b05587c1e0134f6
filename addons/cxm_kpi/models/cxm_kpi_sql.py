# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based KPI computation, the reading side: the KPIs are grouped into passes (all the purchase
KPIs of one source and company, all the ticket KPIs of one company) and each pass is one aggregate
over its source table computing every KPI of the group at once (a window per KPI as a FILTER), as
rows (kpi_id, partner_id, value). The writing side is in cxm_kpi_write.py."""

import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .cxm_kpi import RFM_AXES, SALES_KINDS, TICKET_KINDS

SCOPE_TABLE = "cxm_kpi_scope"


def scope_sql(column, scope):
    """Restrict ``column`` (an SQL partner id expression) to the scope of a run: None (every
    customer), ("range", lo, hi), ("ids", [ids]) or ("table", name) (a temporary table of partner_id)."""
    if scope is None:
        return SQL("TRUE")
    if scope[0] == "range":
        return SQL("%s BETWEEN %s AND %s", column, scope[1], scope[2])
    if scope[0] == "table":
        # an array: the planner probes the partner indexes once per customer, never scans them all
        return SQL("%s = ANY(ARRAY(SELECT partner_id FROM %s))", column, SQL.identifier(scope[1]))
    return SQL("%s = ANY(%s)", column, list(scope[1]))


def window_start(kpi):
    if not kpi.window_days:
        return datetime.date(1, 1, 1)
    return fields.Date.today() - datetime.timedelta(days=kpi.window_days)


class CxmKpiEngine(models.AbstractModel):
    _name = "cxm.kpi.engine"
    _description = "KPI computation engine"

    # ------------------------------------------------------------------ facts
    @api.model
    def _cxm_facts_sql(self, kpi, scope):
        """Purchases of the KPI's source as (partner_id, day, amount, is_order): amounts in the KPI's
        currency, returns and refunds negative and not counted as orders. Here the customer
        transactions; cxm_kpi_sale adds Odoo's sale orders and invoices."""
        company = kpi.company_id.id or None
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

    # ----------------------------------------------------------------- passes
    @api.model
    def _cxm_pass_key(self, kpi):
        """KPIs with the same key are computed by one aggregate pass (``_cxm_pass_sql``). A module
        adding a kind of its own returns its own key (and extends _cxm_pass_sql), or leaves the
        default: one pass per KPI through ``_cxm_aggregate_sql``."""
        if kpi.kind in SALES_KINDS:
            return ("sales", kpi.source, kpi.company_id.id)
        if kpi.kind in TICKET_KINDS:
            return ("tickets", kpi.company_id.id)
        return ("kpi", kpi.id)

    @api.model
    def _cxm_pass_sql(self, key, kpis, scope):
        """SELECT kpi_id, partner_id, value (NULL: no value) of every KPI of the pass ``key``, rounded
        to 4 decimals as stored."""
        if key[0] == "sales":
            return self._cxm_sales_pass_sql(kpis, scope)
        if key[0] == "tickets":
            return self._cxm_ticket_pass_sql(kpis, scope)
        return SQL(
            "SELECT %s AS kpi_id, a.partner_id, round(a.value::numeric, 4)::float8 AS value FROM (%s) a",
            kpis.id,
            self._cxm_aggregate_sql(kpis, scope),
        )

    @api.model
    def _cxm_unpivot(self, aggregate, columns):
        """Rows (kpi_id, partner_id, value) from ``aggregate`` (one row per partner, one column per KPI)."""
        return SQL(
            """SELECT x.kpi_id, a.partner_id, x.value FROM (%s) a
                 CROSS JOIN LATERAL (VALUES %s) x(kpi_id, value)""",
            aggregate,
            SQL(", ").join(SQL("(%s, a.%s)", kpi.id, SQL.identifier(column)) for kpi, column in columns),
        )

    @api.model
    def _cxm_sales_pass_sql(self, kpis, scope):
        today = fields.Date.today()
        expressions, columns = [], []
        for kpi in kpis:
            in_window = SQL("f.day >= %s", window_start(kpi))
            orders = SQL("count(*) FILTER (WHERE f.is_order AND %s)", in_window)
            total = SQL("sum(f.amount) FILTER (WHERE %s)", in_window)
            value = {
                "basket_size": SQL("%s / NULLIF(%s, 0)", total, orders),
                "frequency": SQL("NULLIF(%s, 0)", orders),
                "monetary": total,
                "recency": SQL("%s - max(f.day) FILTER (WHERE f.is_order AND %s)", today, in_window),
                "lifetime": SQL("%s - min(f.day) FILTER (WHERE f.is_order AND %s)", today, in_window),
            }[kpi.kind]
            if kpi.kind in ("basket_size", "monetary"):
                value = SQL("round((%s)::numeric, 4)", value)  # as stored (counts and days are whole)
            column = f"k{kpi.id}"
            expressions.append(SQL("(%s)::float8 AS %s", value, SQL.identifier(column)))
            columns.append((kpi, column))
        first = min(window_start(kpi) for kpi in kpis)
        aggregate = SQL(
            """WITH fx AS (%(fx)s), facts AS (%(facts)s)
               SELECT f.partner_id, %(expressions)s
                 FROM facts f WHERE f.day >= %(since)s AND f.day <= %(today)s
                GROUP BY f.partner_id""",
            fx=self._cxm_fx_sql(kpis[0]),
            facts=self._cxm_facts_sql(kpis[0], scope),
            expressions=SQL(", ").join(expressions),
            since=first,
            today=today,
        )
        return self._cxm_unpivot(aggregate, columns)

    @api.model
    def _cxm_ticket_pass_sql(self, kpis, scope):
        expressions, columns = [], []
        for kpi in kpis:
            since = datetime.datetime.combine(window_start(kpi), datetime.time.min)
            where = [SQL("TRUE")]
            if kpi.ticket_category_ids:
                where.append(SQL("t.category_id = ANY(%s)", kpi.ticket_category_ids.ids))
            if kpi.kind == "complaint_count":
                where.append(SQL("c.cxm_complaint"))
            if kpi.kind == "resolution_hours":
                where.append(SQL("t.closed_date IS NOT NULL AND t.closed_date >= %s", since))
                value = SQL(
                    "round(avg(extract(epoch FROM t.closed_date - t.create_date)) FILTER (WHERE %s) / 3600.0, 4)",
                    SQL(" AND ").join(where),
                )
            else:
                where.append(SQL("t.create_date >= %s", since))
                value = SQL("NULLIF(count(*) FILTER (WHERE %s), 0)", SQL(" AND ").join(where))
            column = f"k{kpi.id}"
            expressions.append(SQL("(%s)::float8 AS %s", value, SQL.identifier(column)))
            columns.append((kpi, column))
        company = kpis[0].company_id.id
        aggregate = SQL(
            """SELECT t.partner_id, %(expressions)s
                 FROM helpdesk_ticket t LEFT JOIN helpdesk_ticket_category c ON c.id = t.category_id
                WHERE t.partner_id IS NOT NULL AND t.active AND %(company)s AND %(scope)s
                GROUP BY t.partner_id""",
            expressions=SQL(", ").join(expressions),
            company=SQL("t.company_id = %s", company) if company else SQL("TRUE"),
            scope=scope_sql(SQL("t.partner_id"), scope),
        )
        return self._cxm_unpivot(aggregate, columns)

    # ------------------------------------------------------------- one KPI
    @api.model
    def _cxm_aggregate_sql(self, kpi, scope):
        """SELECT partner_id, value for the customers in ``scope`` that have a value of ``kpi``."""
        if kpi.kind in RFM_AXES:
            return self._cxm_score_sql(kpi, scope)
        if kpi.kind == "rfm":
            return self._cxm_rfm_sql(kpi, scope)
        key = self._cxm_pass_key(kpi)
        if key[0] == "kpi":
            raise NotImplementedError(f"no aggregate for KPI kind {kpi.kind}")
        return SQL(
            "SELECT p.partner_id, p.value FROM (%s) p WHERE p.value IS NOT NULL", self._cxm_pass_sql(key, kpi, scope)
        )

    @api.model
    def _cxm_score_sql(self, kpi, scope):
        """Quintile score 1-5 of the scored KPI's value against the stored quintile limits (recency:
        the fewer days, the higher the score). Frequency and monetary scores cover every customer
        who ever bought (who has a recency): no purchase in their window scores 1."""
        limits = kpi._cxm_thresholds() or []
        population = self._cxm_score_population(kpi)
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
    def _cxm_scores_pass_sql(self, kpis, population, scope):
        """The quintile scores ``kpis`` (one company, one ``population``) in one pass: the scored
        values of each customer side by side, then each score against its stored limits (see
        ``_cxm_score_sql``), as rows (kpi_id, partner_id, value)."""
        bases = {kpi.base_kpi_id.id for kpi in kpis} | ({population.id} if population else set())
        columns = [
            SQL("max(v.value) FILTER (WHERE v.kpi_id = %s) AS %s", base, SQL.identifier(f"b{base}")) for base in bases
        ]
        scores = []
        for kpi in kpis:
            value = SQL("COALESCE(b.%s, 0)", SQL.identifier(f"b{kpi.base_kpi_id.id}"))
            limits = kpi._cxm_thresholds() or []
            above = SQL(" + ").join([SQL("(%s > %s)::int", value, limit) for limit in limits] or [SQL("0")])
            score = SQL("5 - (%s)", above) if kpi.kind == "rfm_recency" else SQL("1 + %s", above)
            holder = population if population and kpi.kind != "rfm_recency" else kpi.base_kpi_id
            scores.append(
                SQL(
                    "(%s, CASE WHEN b.%s IS NOT NULL THEN (%s)::float8 END)",
                    kpi.id,
                    SQL.identifier(f"b{holder.id}"),
                    score,
                )
            )
        return SQL(
            """SELECT x.kpi_id, b.partner_id, x.value
                 FROM (SELECT v.partner_id, %(columns)s FROM cxm_kpi_value v
                        WHERE v.kpi_id = ANY(%(bases)s) AND %(scope)s GROUP BY v.partner_id) b
                CROSS JOIN LATERAL (VALUES %(scores)s) x(kpi_id, value)""",
            columns=SQL(", ").join(columns),
            bases=sorted(bases),
            scope=scope_sql(SQL("v.partner_id"), scope),
            scores=SQL(", ").join(scores),
        )

    @api.model
    def _cxm_score_population(self, kpi):
        """The recency KPI whose customers get a frequency or monetary score (none for recency)."""
        if kpi.kind == "rfm_recency":
            return self.env["cxm.kpi"]
        return self.env["cxm.kpi"].search(
            [("kind", "=", "recency"), ("company_id", "=", kpi.company_id.id)], order="sequence, id", limit=1
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
