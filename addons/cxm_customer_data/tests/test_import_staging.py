# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import CustomerDataCommon
from .test_import_files import as_csv, random_rows, rebind_jobs

STAGING_LOG = "odoo.addons.cxm_customer_data.models.cxm_customer_import_queue"


@tagged("post_install", "-at_install")
class TestImportStaging(CustomerDataCommon):
    """A big file staged chunk by chunk while the workers run: the jobs wait
    for their rows, and a staging interrupted half-way can be resumed or
    cancelled without a row lost or doubled."""

    def setUp(self):
        super().setUp()
        self.rows = random_rows(77, 120)
        self.content = as_csv(self.rows)
        self.sheets, self.columns = self.env["cxm.customer.import.wizard"]._parse(self.content, "crash.csv")
        self.Import = self.env["cxm.customer.import"].with_user(self.manager)

    def stage(self, crash_after=None):
        """Stage the file overlapped (chunks of 20 rows): the wizard's part
        (the first chunk), then the staging job's, as a worker runs it, the
        server stopping after ``crash_after`` chunks in all if given; returns
        the import."""
        vals = {"name": "crash.csv", "source_id": self.source.id, "company_id": self.company.id}
        Import = type(self.env["cxm.customer.import"])
        original = Import._copy_text
        calls = []

        def copy_then_crash(job, staged, chunk_ids=None):
            if crash_after is not None and len(calls) == crash_after:
                raise RuntimeError("server stopped")
            calls.append(len(staged))
            return original(job, staged, chunk_ids)

        with (
            patch.object(Import, "_copy_text", copy_then_crash),
            self.enter_registry_test_mode(),
            mute_logger(STAGING_LOG),
        ):
            job = self.Import._cxm_stage_overlapped(
                {**vals, "columns": self.columns},
                self.sheets,
                file=base64.b64encode(self.content),
                chunk_size=20,
                request_chunks=1,
            )
            self.assertEqual(job.staged_count, 20, "the wizard answers once the first chunk is stored")
            try:
                job._cxm_stage_file()  # the staging job
            except RuntimeError:
                self.assertIsNotNone(crash_after)
        job.invalidate_recordset()
        if crash_after is not None:
            self.assertEqual(job.state, "staging")
            self.assertFalse(job.staging_interrupted, "no commit for a while yet: it may still be staging")
            with self.assertRaisesRegex(UserError, "being staged right now"):
                job.action_resume()
            # two minutes later, no chunk committed since: interrupted
            self.env.cr.execute(
                "UPDATE cxm_customer_import SET write_date = write_date - interval '1 hour' WHERE id = %s", [job.id]
            )
            job.invalidate_recordset()
        return job

    def resume(self, job):
        with self.enter_registry_test_mode():
            job.action_resume()
        job.invalidate_recordset()

    def outcome(self, job):
        self.env.invalidate_all()
        keys = self.env["cxm.partner.identity"].search([("source_id", "=", self.source.id)])
        rows = sorted((r.kind, r.sequence, r.state, r.message or "", r.partner_id.name) for r in job.row_ids)
        counts = (job.state, job.row_count, job.created_count, job.updated_count, job.error_count)
        return counts, rows, sorted((k.key_type, k.value, k.partner_id.name) for k in keys)

    def test_interrupted_staging_resumed_loses_and_doubles_nothing(self):
        # the reference: the same file staged in one go
        savepoint = self.env.cr.savepoint()
        with trap_jobs() as trap:
            reference_job = self.stage()
            rebind_jobs(trap, self.env)
            trap.perform_enqueued_jobs()
        reference = self.outcome(reference_job)
        self.assertEqual(reference[0][:2], ("done", 120))
        self.assertTrue(reference[0][2] and reference[0][4], "customers created, rows in error")
        savepoint.close(rollback=True)
        self.env.invalidate_all()

        with trap_jobs() as trap:
            job = self.stage(crash_after=2)
            rebind_jobs(trap, self.env)
            self.assertEqual((job.state, job.staged_count, job.row_count), ("staging", 40, 120))
            self.assertTrue(job.staging_interrupted, "the form offers to resume or cancel")
            self.assertTrue(job.file, "the file is kept to stage the rest")
            chunks = job.sudo().chunk_ids.sorted("id")
            self.assertEqual(chunks.mapped("staged"), [True, True] + [False] * (len(chunks) - 2))
            by_record = {j.recordset: j for j in trap.enqueued_jobs}
            # the staged chunks run; a chunk not staged and the next steps wait for their rows
            by_record[chunks[0]].perform()
            with self.assertRaises(RetryableJobError):
                by_record[chunks[2]].perform()
            marker = next(j for j in trap.enqueued_jobs if j.method_name == "_cxm_staged")
            with self.assertRaises(RetryableJobError):
                marker.perform()
            first_step = {by_record[chunk] for chunk in chunks.filtered(lambda c: c.phase == 1)}
            second_step = [j for j in trap.enqueued_jobs if first_step & set(j.depends_on)]
            self.assertTrue(second_step, "a file of companies and contacts")
            for waiting in second_step:
                self.assertIn(marker, waiting.depends_on, "the next step waits for the whole file")
            self.assertEqual(job.progress, 100.0 * chunks[0].row_count / 120)
            self.assertIn("/ 120 rows", self.source.with_user(self.manager).cxm_import_progress)

            self.resume(job)
            self.assertEqual((job.state, job.staged_count), ("running", 120))
            self.assertFalse(job.staging_interrupted)
            self.assertFalse(job.file)
            self.assertEqual(set(job.row_ids.chunk_id.ids), set(job.sudo().chunk_ids.ids), "every row in its chunk")
            self.assertEqual(len(job.row_ids), 120, "no row staged twice")
            trap.perform_enqueued_jobs()
        self.assertEqual(self.outcome(job), reference)

        # the same file again writes nothing
        partners = job.row_ids.partner_id
        before = self.row_versions(partners)
        job.name = "first.csv"
        with trap_jobs() as trap:
            again = self.stage()
            rebind_jobs(trap, self.env)
            trap.perform_enqueued_jobs()
        again.invalidate_recordset()
        self.assertEqual((again.state, again.created_count, again.updated_count), ("done", 0, 0))
        self.assertEqual(self.row_versions(partners), before, "0 partners written")

    def test_interrupted_staging_cancelled(self):
        with trap_jobs() as trap:
            job = self.stage(crash_after=1)
            rebind_jobs(trap, self.env)
            chunks = job.sudo().chunk_ids.sorted("id")
            by_record = {j.recordset: j for j in trap.enqueued_jobs}
            by_record[chunks[0]].perform()
            job.with_user(self.manager).action_cancel()
            self.assertEqual(job.state, "cancelled")
            self.assertIn("20 of 120 rows processed", job.message)
            self.assertFalse(job.file)
            self.assertFalse(self.source.with_user(self.manager).cxm_import_progress, "no longer running")
            trap.perform_enqueued_jobs()  # jobs arriving late change nothing
        self.env.invalidate_all()
        self.assertEqual(job.done_count, 20)
        self.assertEqual(len(job.row_ids.filtered(lambda r: r.state != "pending")), 20, "the other rows left out")
        self.env.cr.execute(
            "SELECT count(*), count(DISTINCT value) FROM cxm_partner_identity WHERE source_id = %s", (self.source.id,)
        )
        count, distinct = self.env.cr.fetchone()
        self.assertEqual(count, distinct, "one key, one customer")
        self.assertLessEqual(count, 20)

    def test_held_jobs_released_with_their_rows(self):
        """Stored jobs (no trap): a chunk's job waits (eta) until its rows
        are committed; cancelling the import cancels the jobs left."""
        job = self.stage(crash_after=1)
        chunks = job.sudo().chunk_ids.sorted("id")
        QueueJob = self.env["queue.job"].sudo()
        by_chunk = {chunk: QueueJob.search([("uuid", "=", chunk.job_uuid)]) for chunk in chunks}
        self.assertFalse(by_chunk[chunks[0]].eta, "the staged chunk's job may run")
        self.assertEqual(by_chunk[chunks[0]].state, "pending")
        graph = QueueJob.search([("graph_uuid", "=", by_chunk[chunks[0]].graph_uuid)])
        marker = graph.filtered(lambda j: j.method_name == "_cxm_staged")
        self.assertTrue(marker.eta, "the next steps wait for the whole file")
        for chunk in chunks[1:]:
            self.assertTrue(by_chunk[chunk].eta or by_chunk[chunk].state == "wait_dependencies", chunk.phase)
        self.resume(job)
        graph.invalidate_recordset()
        self.assertFalse(any(graph.mapped("eta")), "every job released")
        job.with_user(self.manager).action_cancel()
        graph.invalidate_recordset()
        self.assertEqual(set(graph.mapped("state")), {"cancelled"})
        self.assertEqual(job.state, "cancelled")
