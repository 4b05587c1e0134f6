# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.cxm_customer_pipeline_writers import CxmCustomerPipelineWriters
from .common import CustomerDataCommon


@tagged("post_install", "-at_install")
class TestImportQueue(CustomerDataCommon):
    """Bulk imports chunked through queue_job: jobs are trapped, so none runs
    on its own; the test runs them as the workers would."""

    def _import(self, companies=5, contacts=10):
        lines = ["external_key,name,is_company,parent_key,email"]
        lines += [f"QCO-{i},Queue Company {i},yes,," for i in range(companies)]
        lines += [f"QP-{i},Queue Person {i},no,QCO-{i % companies},qp{i}@example.com" for i in range(contacts)]
        content = "\n".join(lines).encode()
        wizard = (
            self.env["cxm.customer.import.wizard"]
            .with_user(self.manager)
            .create({"source_id": self.source.id, "file": base64.b64encode(content), "filename": "q.csv"})
        )
        sheets, columns = wizard._parse(content, "q.csv")
        job = (
            self.env["cxm.customer.import"]
            .with_user(self.manager)
            .create({"name": "q.csv", "source_id": self.source.id, "company_id": self.company.id, "columns": columns})
        )
        job._stage(sheets)
        return job

    def _partners(self):
        return self.env["res.partner"].search([("name", "=like", "Queue %")])

    def test_one_job_per_chunk_companies_before_contacts(self):
        job = self._import()
        with trap_jobs() as trap:
            chunks = job._cxm_enqueue(chunk_size=4)
            # 5 companies in 2 chunks, 10 contacts in 3 chunks, and the closing job
            trap.assert_jobs_count(6)
            self.assertEqual(sum(j.method_name == "_cxm_run_chunk" for j in trap.enqueued_jobs), 5)
            self.assertEqual(chunks.mapped("phase"), [1, 1, 2, 2, 2])
            self.assertEqual(chunks.mapped("row_count"), [4, 1, 4, 4, 2])
            self.assertEqual((job.state, job.job_mode), ("running", "queue"))
            self.assertFalse(self._partners(), "nothing runs before a worker takes the jobs")
            by_chunk = {j.recordset: j for j in trap.enqueued_jobs if j.recordset._name == "cxm.customer.import.chunk"}
            company_jobs = {by_chunk[c] for c in chunks.filtered(lambda c: c.phase == 1)}
            for chunk in chunks.filtered(lambda c: c.phase == 2):
                self.assertEqual(set(by_chunk[chunk].depends_on), company_jobs, "contacts wait for every company")
            # the cron fallback leaves a queued import to its jobs
            with patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda self, *a, **k: 1):
                self.env["cxm.customer.import"]._cron_process()
            self.assertFalse(self._partners())
            self.assertEqual(job.progress, 0.0)
            self.assertEqual(self.source.with_user(self.manager).cxm_import_progress, "0 / 15 rows", "on the cockpit")
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual((job.state, job.done_count, job.created_count, job.error_count), ("done", 15, 15, 0))
        self.assertEqual(job.progress, 100.0)
        self.assertFalse(self.source.cxm_import_progress, "a finished import leaves the cockpit")
        people = self._partners().filtered(lambda p: not p.is_company)
        self.assertEqual(len(people), 10)
        self.assertEqual(people.filtered(lambda p: p.name == "Queue Person 7").parent_id.name, "Queue Company 2")
        self.assertEqual(len(self.env["cxm.partner.identity"].search([("source_id", "=", self.source.id)])), 15)

    def test_contacts_of_contacts_wait_for_their_parents(self):
        lines = [
            "external_key,name,is_company,parent_key",
            "QD-1,Queue Desk 1,no,QB-1",  # before its parent in the file
            "QB-1,Queue Branch 1,no,QCO-1",
            "QCO-1,Queue Company 1,yes,",
        ]
        content = "\n".join(lines).encode()
        wizard = self.env["cxm.customer.import.wizard"].with_user(self.manager)
        sheets, columns = wizard._parse(content, "levels.csv")
        job = (
            self.env["cxm.customer.import"]
            .with_user(self.manager)
            .create({"name": "l.csv", "source_id": self.source.id, "company_id": self.company.id, "columns": columns})
        )
        job._stage(sheets)
        self.assertEqual(
            {row.data["external_key"]: row.level for row in job.row_ids}, {"QCO-1": 0, "QB-1": 1, "QD-1": 2}
        )
        with trap_jobs() as trap:
            chunks = job._cxm_enqueue(chunk_size=4)
            self.assertEqual(chunks.mapped("phase"), [1, 2, 2], "one step per level")
            by_chunk = {j.recordset: j for j in trap.enqueued_jobs if j.recordset._name == "cxm.customer.import.chunk"}
            self.assertEqual(set(by_chunk[chunks[2]].depends_on), {by_chunk[chunks[1]]})
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual((job.state, job.created_count, job.error_count), ("done", 3, 0))
        desk = self._partners().filtered(lambda p: p.name == "Queue Desk 1")
        self.assertEqual(desk.parent_id.name, "Queue Branch 1")
        self.assertEqual(desk.commercial_partner_id.name, "Queue Company 1")

    def test_crashed_chunk_resumes_without_loss_or_double(self):
        job = self._import(companies=3, contacts=6)
        with trap_jobs() as trap:
            job._cxm_enqueue(chunk_size=3)
            jobs = {j.recordset: j for j in trap.enqueued_jobs}
        first, contacts_a, contacts_b = job.chunk_ids
        jobs[first].perform()
        original = CxmCustomerPipelineWriters._write_keys

        def crash_after_writing(self, derived, pairs, source, company):
            original(self, derived, pairs, source, company)
            raise RuntimeError("worker killed")

        with (
            patch.object(CxmCustomerPipelineWriters, "_write_keys", crash_after_writing),
            self.assertRaises(RuntimeError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            jobs[contacts_a].perform()
        self.env.invalidate_all()
        self.assertEqual(contacts_a.state, "pending")
        self.assertEqual(job.progress, 100.0 * 3 / 9, "progress counts the finished chunk only")
        self.assertEqual(self.source.cxm_import_progress, "3 / 9 rows")
        # the retry, a doubled delivery of the same job, then the rest
        jobs[contacts_a].perform()
        jobs[contacts_a].perform()
        jobs[contacts_b].perform()
        jobs[job].perform()
        self.env.invalidate_all()
        self.assertEqual((job.state, job.done_count, job.created_count), ("done", 9, 9))
        self.assertEqual(len(self._partners()), 9)
        self.env.cr.execute(
            "SELECT count(*), count(DISTINCT value) FROM cxm_partner_identity WHERE source_id = %s", (self.source.id,)
        )
        self.assertEqual(self.env.cr.fetchone(), (9, 9), "0 lost, 0 doubled")

    def test_resume_falls_back_to_the_scheduled_action(self):
        job = self._import(companies=2, contacts=4)
        with trap_jobs() as trap:
            job._cxm_enqueue(chunk_size=2)
            jobs = {j.recordset: j for j in trap.enqueued_jobs}
        jobs[job.chunk_ids[0]].perform()
        # no worker took the other jobs: the manager resumes through the cron
        job.with_user(self.manager).action_resume()
        self.assertEqual((job.job_mode, job.state, job.done_count), ("cron", "queued", 2))
        job._run()
        for late in jobs.values():
            late.perform()  # jobs arriving late change nothing
        self.env.invalidate_all()
        self.assertEqual((job.state, job.done_count, job.created_count), ("done", 6, 6))
        self.assertEqual(len(self._partners()), 6)
