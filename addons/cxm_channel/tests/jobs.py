# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Running stored queue jobs in a test, as the job runner would: shared by every channel's tests
(jobs queued by webhook requests of an ``HttpCase`` are stored rows, not trapped calls)."""

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job


class StoredJobsMixin:
    """Mixin of a test case: ``run_jobs()`` performs the waiting queue jobs round after round."""

    def run_jobs(self, rounds=20, until_empty=True):
        """Run the waiting queue jobs until none is left; a retryable job goes back to pending and is
        tried in the next round. Fails the test when jobs still come after ``rounds`` rounds (unless
        ``until_empty`` is false)."""
        for _round in range(rounds):
            records = self.env["queue.job"].search([("state", "in", ("pending", "enqueued"))], order="id")
            if not records:
                return
            for record in records:
                job = Job.load(self.env, record.uuid)
                job.set_started()
                job.store()
                try:
                    job.perform()
                except RetryableJobError:
                    job.set_pending()
                    job.store()
                    continue
                job.set_done()
                job.store()
        if until_empty:
            self.fail("queue jobs keep coming")
