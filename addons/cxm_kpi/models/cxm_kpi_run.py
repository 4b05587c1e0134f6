# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import logging
import time

from odoo import api, fields, models
from odoo.tools import SQL

from .cxm_kpi_sql import SCOPE_TABLE

_logger = logging.getLogger(__name__)

# an incremental run also looks at changes committed shortly before the previous run started
OVERLAP = datetime.timedelta(minutes=5)


class CxmKpiRun(models.Model):
    """One recomputation of the KPIs: full (every customer, in resumable batches of customers) or
    incremental (customers whose purchases or tickets changed since the previous run)."""

    _name = "cxm.kpi.run"
    _description = "KPI recomputation"
    _order = "id desc"
    _rec_name = "started_at"

    mode = fields.Selection([("full", "Full"), ("incremental", "Incremental")], required=True, readonly=True)
    state = fields.Selection([("running", "Running"), ("done", "Done")], default="running", readonly=True)
    started_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    finished_at = fields.Datetime(readonly=True)
    cursor = fields.Integer(readonly=True, help="Last customer id of the last finished batch (full runs).")
    partner_count = fields.Integer(string="Customers", readonly=True)
    rows_changed = fields.Integer(readonly=True, help="KPI values written or removed because they changed.")
    duration = fields.Float(string="Duration (s)", readonly=True)

    # --------------------------------------------------------------- crons
    @api.model
    def _cron_full(self):
        self._cxm_run_full(progress=self.env["ir.cron"]._commit_progress)

    @api.model
    def _cron_incremental(self):
        self._cxm_run_incremental()

    # ------------------------------------------------------------- runs
    @api.model
    def _cxm_kpis(self):
        return self.env["cxm.kpi"].search([("kind", "!=", "imported")])

    @api.model
    def _cxm_run_full(self, batch_size=100000, progress=None):
        """Every KPI for every customer, by batches of ``batch_size`` customer ids. After each batch,
        ``progress(count)`` (the cron's commit) may answer 0: the run stops and the next call resumes
        after the last finished batch. Quintile scores and the RFM score follow the last batch."""
        run = self.search([("mode", "=", "full"), ("state", "=", "running")], limit=1)
        kpis = self._cxm_kpis()
        if not run:
            run = self.create({"mode": "full", "started_at": self.env.cr.now()})
            kpis._cxm_note_changed({}, reset=True)
        engine = self.env["cxm.kpi.engine"]
        cr = self.env.cr
        while True:
            clock = time.perf_counter()
            cr.execute(
                SQL(
                    """SELECT max(id), count(*) FROM (
                           SELECT id FROM res_partner WHERE id > %s ORDER BY id LIMIT %s) batch""",
                    run.cursor,
                    batch_size,
                )
            )
            last, count = cr.fetchone()
            if not last:
                break
            changed = engine._cxm_compute(kpis, ("range", run.cursor + 1, last), phases=(1,))
            run.write(
                {
                    "cursor": last,
                    "partner_count": run.partner_count + count,
                    "rows_changed": run.rows_changed + sum(changed.values()),
                    "duration": run.duration + time.perf_counter() - clock,
                }
            )
            kpis._cxm_note_changed(changed)
            if progress is not None and progress(count) <= 0:
                return run
        clock = time.perf_counter()
        if run.rows_changed:
            # the scores below read the values just written: plan them on fresh statistics
            cr.execute("ANALYZE cxm_kpi_value")
        changed = engine._cxm_compute(kpis, None, phases=(2, 3), full=True)
        kpis._cxm_note_changed(changed)
        run.write(
            {
                "state": "done",
                "finished_at": fields.Datetime.now(),
                "rows_changed": run.rows_changed + sum(changed.values()),
                "duration": run.duration + time.perf_counter() - clock,
            }
        )
        self._cxm_after_recompute(None)
        return run

    @api.model
    def _cxm_run_incremental(self):
        """The KPIs of the customers whose purchases or tickets changed since the previous run."""
        if self.search_count([("mode", "=", "full"), ("state", "=", "running")], limit=1):
            return self.browse()  # the full run will see the changes
        previous = self.search([("state", "=", "done")], order="started_at desc", limit=1)
        if not previous:
            return self._cxm_run_full()
        clock = time.perf_counter()
        run = self.create({"mode": "incremental", "started_at": self.env.cr.now()})
        engine = self.env["cxm.kpi.engine"]
        scope = engine._cxm_temp_table(SCOPE_TABLE, self._cxm_changed_partners_sql(previous.started_at - OVERLAP))
        partner_count = len(engine._cxm_table_ids(SCOPE_TABLE))
        changed, partner_ids = {}, []
        if partner_count:
            kpis = self._cxm_kpis()
            changed = engine._cxm_compute(kpis, scope)
            kpis._cxm_note_changed(changed, reset=True)
            # the customers whose data changed and those whose scores a moved quintile limit changed
            partner_ids = engine._cxm_table_ids(SCOPE_TABLE)
        run.write(
            {
                "state": "done",
                "finished_at": fields.Datetime.now(),
                "partner_count": partner_count,
                "rows_changed": sum(changed.values()),
                "duration": time.perf_counter() - clock,
            }
        )
        if partner_ids:
            self._cxm_after_recompute(partner_ids)
        return run

    @api.model
    def _cxm_changed_partners_sql(self, since):
        """Customers with a purchase (transaction, sale order, invoice) or ticket written since ``since``."""
        self.env.flush_all()
        queries = [
            SQL("SELECT partner_id FROM cxm_customer_transaction WHERE write_date >= %s", since),
            SQL("SELECT partner_id FROM helpdesk_ticket WHERE write_date >= %s AND partner_id IS NOT NULL", since),
        ]
        return SQL(" UNION ").join(queries)

    @api.model
    def _cxm_after_recompute(self, partner_ids):
        """Hook for what follows the KPIs (segment membership): ``partner_ids`` None after a full run."""
        _logger.info("KPIs recomputed for %s customers", "all" if partner_ids is None else len(partner_ids))
