# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from unittest import mock

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TODAY, KpiCommon

NOON = datetime.datetime.combine(TODAY, datetime.time(12, 0))


@tagged("post_install", "-at_install")
class TestKpiRecompute(KpiCommon):
    def snapshot(self):
        """{(kpi, partner): (value, physical row version)} of every KPI value."""
        self.env.flush_all()
        self.env.cr.execute("SELECT kpi_id, partner_id, value, ctid::text FROM cxm_kpi_value")
        return {(k, p): (v, ctid) for k, p, v, ctid in self.env.cr.fetchall()}

    def changes(self, before, after):
        changed = {key for key in before.keys() & after.keys() if before[key][0] != after[key][0]}
        return changed | (before.keys() ^ after.keys())

    def test_second_run_writes_nothing(self):
        self.compute()
        before = self.snapshot()
        changed = self.compute()
        self.assertEqual(sum(changed[kpi] for kpi in self.kpis.values()), 0)
        self.assertEqual(self.snapshot(), before, "no row was rewritten, not even with equal values")

    def test_rows_written_equal_rows_changed(self):
        """A new order of Deniz and a refund to Cem: exactly the values that differ are written."""
        self.compute()
        before = self.snapshot()
        self._buy(self.deniz, 0, 2000)
        self._buy(self.cem, 3, 50, kind="return")
        changed = self.compute()
        after = self.snapshot()
        differing = self.changes(before, after)
        self.assertEqual(sum(changed[kpi] for kpi in self.kpis.values()), len(differing))
        self.assertTrue(differing)
        untouched = before.keys() & after.keys() - differing
        self.assertEqual({key: after[key][1] for key in untouched}, {key: before[key][1] for key in untouched})
        self.assertEqual(self.values(self.deniz)["frequency"], 2)
        self.assertEqual(self.values(self.cem)["monetary"], -50, "a return alone in the window counts")

    def test_value_that_disappears_is_removed(self):
        self.compute()
        self.env["cxm.customer.transaction"].search([("partner_id", "=", self.deniz.id)]).unlink()
        self.compute()
        self.assertEqual(self.values(self.deniz), {})

    def test_full_run_resumes_after_interruption(self):
        """The nightly job stops when its time is up (progress answers 0) and the next call goes on
        from the last finished batch, in the same run, to the same values as a run in one go."""
        self.env.cr.execute("SELECT min(id) FROM res_partner")
        first_id = self.env.cr.fetchone()[0]
        Run = self.env["cxm.kpi.run"]
        with freeze_time(NOON):
            run = Run._cxm_run_full(batch_size=1, progress=lambda count: 0)
            self.assertEqual((run.state, run.cursor, run.partner_count), ("running", first_id, 1))
            self.assertFalse(self.values(self.ayla))
            calls = []
            again = Run._cxm_run_full(batch_size=50, progress=lambda count: calls.append(count) or 60)
        self.assertEqual(again, run)
        self.assertEqual(run.state, "done")
        self.env.cr.execute("SELECT count(*) FROM res_partner")
        self.assertEqual(run.partner_count, self.env.cr.fetchone()[0])
        self.assertEqual(sum(calls) + 1, run.partner_count)
        resumed = self.snapshot()
        self.assertEqual(self.values(self.ayla)["rfm"], 453)
        changed = self.compute()
        self.assertEqual(sum(changed[kpi] for kpi in self.kpis.values()), 0)
        self.assertEqual(self.snapshot(), resumed)

    def test_cron_commits_progress(self):
        with (
            freeze_time(NOON),
            mock.patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0) as progress,
        ):
            self.env["cxm.kpi.run"]._cron_full()
        self.assertTrue(progress.called)
        self.assertEqual(self.values(self.ayla)["monetary"], 900)

    def test_incremental_only_changed_customers(self):
        """After a full run, only the customers whose transactions or tickets changed get their
        values recomputed, scored against the quintile limits of the full run (they stay until the
        next full run): nobody else changes, and the aggregates are exactly those of a full run."""
        Run = self.env["cxm.kpi.run"]
        with freeze_time(NOON):
            full = Run._cxm_run_full()
        # the history was loaded yesterday: only what follows is new
        self.env.cr.execute(
            "UPDATE cxm_customer_transaction SET write_date = write_date - interval '1 day';"
            "UPDATE helpdesk_ticket SET write_date = write_date - interval '1 day';"
            "UPDATE cxm_kpi_run SET started_at = started_at - interval '1 hour' WHERE id = %s",
            (full.id,),
        )
        full.invalidate_recordset()
        before = self.snapshot()
        self._buy(self.elif_, 0, 600)
        with freeze_time(NOON):
            run = Run._cxm_run_incremental()
        self.assertEqual((run.mode, run.state), ("incremental", "done"))
        after = self.snapshot()
        differing = self.changes(before, after)
        self.assertEqual(run.rows_changed, len(differing))
        self.assertIn(self.elif_.id, {partner for _kpi, partner in differing})
        scores = self.env["cxm.kpi"].search([("kind", "in", ("rfm_recency", "rfm_frequency", "rfm_monetary", "rfm"))])
        self.assertEqual({partner for _kpi, partner in differing}, {self.elif_.id}, "nobody else changes")
        self.assertEqual(self.values(self.elif_)["frequency"], 2)
        self.assertEqual(self.values(self.elif_)["recency"], 0)
        with freeze_time(NOON):
            self.assertEqual(Run._cxm_run_incremental().rows_changed, 0, "a replayed incremental run changes nothing")
            kpis = Run._cxm_kpis()
            self.assertFalse(
                any(self.env["cxm.kpi.engine"]._cxm_compute(kpis, None).values()),
                "the incremental run left what a full run computes with the same limits",
            )
            Run._cxm_run_full()
        moved = {kpi for kpi, _partner in self.changes(after, self.snapshot())}
        self.assertLessEqual(moved, set(scores.ids), "the next full run only moves the quintile limits")

    def test_recompute_button_as_manager(self):
        action = self.kpis["monetary"].with_user(self.manager).action_recompute()
        self.assertEqual(action["params"]["type"], "success")
        self.assertTrue(self.values(self.ayla))
