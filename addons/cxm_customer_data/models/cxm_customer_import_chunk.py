# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo import fields, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

#: a job that finds its rows not staged yet (the staging was interrupted) looks again this much later
NOT_STAGED_RETRY = 3600


class CxmCustomerImportChunk(models.Model):
    """A slice of an import's staged rows, processed by one queue job. It
    keeps its own counters so parallel jobs never update the same row."""

    _name = "cxm.customer.import.chunk"
    _description = "Customer Import Chunk"
    _order = "import_id, phase, id"

    import_id = fields.Many2one("cxm.customer.import", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="import_id.company_id", store=True)
    phase = fields.Integer(
        required=True, help="1: companies and other top-level customers, 2: contacts, 3: transactions."
    )
    row_count = fields.Integer(readonly=True)
    done_count = fields.Integer(readonly=True)
    created_count = fields.Integer(readonly=True)
    updated_count = fields.Integer(readonly=True)
    unchanged_count = fields.Integer(readonly=True)
    error_count = fields.Integer(readonly=True)
    state = fields.Selection([("pending", "Pending"), ("done", "Done")], default="pending", required=True)
    staged = fields.Boolean(
        default=True, readonly=True, help="Its rows are stored: a file is staged chunk by chunk while workers run."
    )
    job_uuid = fields.Char(readonly=True, help="The queue job that processes the chunk.")

    def _cxm_run_chunk(self):
        """Queue job: process the chunk's rows still pending. A retried or
        doubled job finds them done and writes nothing; a job that dies
        rolls back with its rows, which stay pending for the retry."""
        self.ensure_one()
        start = time.perf_counter()
        job = self.import_id
        if job.job_mode != "queue":
            return "the import went back to the scheduled action"
        if job.state == "cancelled":
            return "the import was cancelled"
        if not self.staged:  # held until its rows are staged: the staging was interrupted, see action_resume
            raise RetryableJobError("the rows of the chunk are not staged yet", NOT_STAGED_RETRY, ignore_retry=True)
        self.env.cr.execute(
            SQL(
                """SELECT id, kind, data FROM cxm_customer_import_row
                    WHERE chunk_id = %s AND state = 'pending' ORDER BY sequence FOR UPDATE""",
                self.id,
            )
        )
        rows = self.env.cr.fetchall()
        if rows:
            try:
                counts = job._process_rows(rows)
            except ConcurrencyError as error:
                raise RetryableJobError(str(error), seconds=5) from error
            self.sudo().write(
                {
                    "done_count": self.done_count + len(rows),
                    "created_count": self.created_count + counts["created"],
                    "updated_count": self.updated_count + counts["updated"],
                    "unchanged_count": self.unchanged_count + counts["unchanged"],
                    "error_count": self.error_count + counts["error"],
                }
            )
        self.sudo().state = "done"
        self.env.flush_all()
        return f"{len(rows)} rows in {time.perf_counter() - start:.3f} s"
