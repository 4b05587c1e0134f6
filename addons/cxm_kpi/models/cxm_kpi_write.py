# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based KPI computation, the writing side: each pass (cxm_kpi_sql.py) is compared with the
stored values and written in the same statement; only new, changed and vanished values are
touched. Scoped runs (the incremental run) work on temporary tables of customer ids and note the
customers whose values changed, so the quintile scores, the RFM score and the segments that follow
recompute exactly the customers that can have changed."""

import contextlib
import json
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from .cxm_kpi_sql import SCOPE_TABLE, scope_sql

QUINTILES = [0.2, 0.4, 0.6, 0.8]
TOUCHED_TABLE = "cxm_kpi_touched"
# rows written in a phase of a full run above which the statistics are refreshed
ANALYZE_AFTER = 1000
WORK_MEM = "64MB"


class CxmKpiEngine(models.AbstractModel):
    _inherit = "cxm.kpi.engine"

    # ------------------------------------------------------------ temp tables
    @api.model
    @contextlib.contextmanager
    def _cxm_work_mem(self):
        """Room for the hash aggregates and joins of a recomputation (PostgreSQL's default of 4 MB
        makes them sort or spill to disk), for the statements of the block only."""
        cr = self.env.cr
        cr.execute("SELECT current_setting('work_mem')")
        previous = cr.fetchone()[0]
        cr.execute(SQL("SELECT set_config('work_mem', %s, TRUE)", WORK_MEM))
        try:
            yield
        finally:
            cr.execute(SQL("SELECT set_config('work_mem', %s, TRUE)", previous))

    @api.model
    def _cxm_temp_table(self, name, rows=None):
        """An empty temporary table ``name`` (partner_id), filled from ``rows`` (SQL or a list of ids)."""
        cr = self.env.cr
        table = SQL.identifier(name)
        cr.execute(
            SQL(
                "CREATE TEMP TABLE IF NOT EXISTS %s (partner_id int PRIMARY KEY) ON COMMIT DROP; TRUNCATE %s",
                table,
                table,
            )
        )
        if rows is not None:
            if not isinstance(rows, SQL):
                rows = SQL("SELECT unnest(%s::int[])", list(rows))
            cr.execute(SQL("INSERT INTO %s %s ON CONFLICT DO NOTHING", table, rows))
            cr.execute(SQL("ANALYZE %s", table))
        return ("table", name)

    @api.model
    def _cxm_table_ids(self, name):
        self.env.cr.execute(SQL("SELECT partner_id FROM %s", SQL.identifier(name)))
        return [row[0] for row in self.env.cr.fetchall()]

    # ------------------------------------------------------------------ write
    @api.model
    def _cxm_write_pass(self, kpis, rows, scope, track=False):
        """Compare ``rows`` (SELECT kpi_id, partner_id, value of ``kpis``, rounded as stored) with the stored values of
        the customers in ``scope`` and write the differences in one statement: new values inserted,
        changed ones updated, vanished ones deleted, unchanged and imported ones untouched. With
        ``track``, the customers whose values changed are added to the table cxm_kpi_touched.
        Returns {kpi: rows changed}."""
        cr = self.env.cr
        touched = (
            SQL(
                ", touched AS (INSERT INTO %s SELECT DISTINCT partner_id FROM done ON CONFLICT DO NOTHING)",
                SQL.identifier(TOUCHED_TABLE),
            )
            if track
            else SQL()
        )
        cr.execute(
            SQL(
                """WITH agg AS (
                       SELECT p.kpi_id, p.partner_id, p.value FROM (%(rows)s) p WHERE p.value IS NOT NULL),
                   cur AS (
                       SELECT v.id, v.kpi_id, v.partner_id, v.value, v.imported FROM cxm_kpi_value v
                        WHERE v.kpi_id = ANY(%(kpis)s) AND %(scope)s),
                   diff AS MATERIALIZED (
                       SELECT COALESCE(a.kpi_id, c.kpi_id) AS kpi_id,
                              COALESCE(a.partner_id, c.partner_id) AS partner_id, c.id, a.value
                         FROM agg a FULL JOIN cur c ON c.kpi_id = a.kpi_id AND c.partner_id = a.partner_id
                        WHERE c.id IS NULL OR (NOT c.imported AND c.value IS DISTINCT FROM a.value)),
                   added AS (
                       INSERT INTO cxm_kpi_value (kpi_id, partner_id, company_id, value, computed_at, imported)
                       SELECT d.kpi_id, d.partner_id, %(company)s, d.value, %(now)s, FALSE
                         FROM diff d WHERE d.id IS NULL
                       ON CONFLICT (kpi_id, partner_id) DO NOTHING
                       RETURNING kpi_id, partner_id),
                   updated AS (
                       UPDATE cxm_kpi_value v SET value = d.value, computed_at = %(now)s
                         FROM diff d
                        WHERE v.id = ANY(ARRAY(SELECT id FROM diff WHERE id IS NOT NULL AND value IS NOT NULL))
                          AND v.id = d.id
                       RETURNING v.kpi_id, v.partner_id),
                   gone AS (
                       DELETE FROM cxm_kpi_value v
                        WHERE v.id = ANY(ARRAY(SELECT id FROM diff WHERE id IS NOT NULL AND value IS NULL))
                       RETURNING v.kpi_id, v.partner_id),
                   done AS (
                       SELECT * FROM added UNION ALL SELECT * FROM updated UNION ALL SELECT * FROM gone)
                   %(touched)s
                   SELECT kpi_id, count(*) FROM done GROUP BY kpi_id""",
                rows=rows,
                kpis=kpis.ids,
                scope=scope_sql(SQL("v.partner_id"), scope),
                company=kpis[:1].company_id.id or None,
                now=cr.now(),
                touched=touched,
            )
        )
        counts = dict(cr.fetchall())
        return {kpi: counts.get(kpi.id, 0) for kpi in kpis}

    @api.model
    def _cxm_write(self, kpi, scope, track=False):
        """Compute one KPI for the customers in ``scope`` and store what changed; returns the rows changed."""
        rows = SQL(
            "SELECT %s AS kpi_id, a.partner_id, a.value FROM (%s) a", kpi.id, self._cxm_aggregate_sql(kpi, scope)
        )
        return self._cxm_write_pass(kpi, rows, scope, track)[kpi]

    # ----------------------------------------------------------------- scores
    @api.model
    def _cxm_new_thresholds(self, kpi):
        """Quintile limits of the scored KPI over every customer that has a value."""
        self.env.cr.execute(
            SQL(
                """SELECT percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY value)
                     FROM cxm_kpi_value WHERE kpi_id = %s""",
                QUINTILES,
                kpi.base_kpi_id.id,
            )
        )
        limits = self.env.cr.fetchone()[0]
        return [round(limit, 4) for limit in limits] if limits else None

    # ---------------------------------------------------------------- compute
    @api.model
    def _cxm_compute(self, kpis, scope, phases=(1, 2, 3), full=False):
        """Compute ``kpis`` phase by phase for ``scope`` (see scope_sql); returns rows changed per KPI.

        Phase 1 runs one aggregate pass per source. Phase 2 scores the customers of ``scope``
        against the quintile limits, recomputed over every customer only when ``full`` (the
        nightly run) or when there are none yet: between two full runs the limits stay, so a
        scoped run changes the scores of its own customers only; phase 3 (the combined RFM score)
        follows for the customers whose scores changed.
        A list of ids is turned into a temporary table (cxm_kpi_scope), which gains the customers
        whose values changed: after the call it holds every customer whose values may differ."""
        if scope is not None and scope[0] == "ids":
            scope = self._cxm_temp_table(SCOPE_TABLE, scope[1])
        track = scope is not None and scope[0] == "table"
        if track:
            self._cxm_temp_table(TOUCHED_TABLE)
        with self._cxm_work_mem():
            return self._cxm_compute_phases(kpis, scope, phases, full, track)

    @api.model
    def _cxm_compute_phases(self, kpis, scope, phases, full, track):
        changed = {}
        cr = self.env.cr
        for phase in phases:
            todo = kpis.filtered(lambda k, phase=phase: k._cxm_phase() == phase)
            if phase == 1:
                passes = defaultdict(lambda: self.env["cxm.kpi"])
                for kpi in todo:
                    passes[self._cxm_pass_key(kpi)] |= kpi
                for key, group in passes.items():
                    changed.update(self._cxm_write_pass(group, self._cxm_pass_sql(key, group, scope), scope, track))
            elif phase == 2:
                groups = defaultdict(list)
                for kpi in todo:
                    groups[kpi.company_id, self._cxm_score_population(kpi)].append(kpi)
                for (_company, population), group in groups.items():
                    for kpi in group:
                        old = kpi._cxm_thresholds()
                        if old and not full:
                            continue  # limits stay until the next full run: scored against the same ones
                        new = self._cxm_new_thresholds(kpi)
                        if new != old:
                            kpi.rfm_thresholds = json.dumps(new) if new else False
                    scores = self.env["cxm.kpi"].union(*group)
                    rows = self._cxm_scores_pass_sql(scores, population, scope)
                    changed.update(self._cxm_write_pass(scores, rows, scope, track))
            else:
                if track:  # the combined score follows the scores that changed
                    cr.execute(
                        SQL(
                            "INSERT INTO %s SELECT partner_id FROM %s ON CONFLICT DO NOTHING",
                            SQL.identifier(scope[1]),
                            SQL.identifier(TOUCHED_TABLE),
                        )
                    )
                for kpi in todo:
                    changed[kpi] = self._cxm_write(kpi, scope, track)
            if not track and sum(changed.get(kpi, 0) for kpi in todo) > ANALYZE_AFTER:
                # the next phase (or run) reads the values just written: plan it on fresh statistics
                cr.execute("ANALYZE cxm_kpi_value")
        if track:
            cr.execute(
                SQL(
                    "INSERT INTO %s SELECT partner_id FROM %s ON CONFLICT DO NOTHING",
                    SQL.identifier(scope[1]),
                    SQL.identifier(TOUCHED_TABLE),
                )
            )
        self.env["cxm.kpi.value"].invalidate_model()
        return changed
