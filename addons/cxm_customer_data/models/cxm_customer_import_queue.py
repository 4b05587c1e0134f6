# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk imports chunked through queue_job: one job per chunk of staged rows,
top-level customers (companies) before contacts before transactions (job
dependencies), so several workers load one file in parallel. The resumable
scheduled action stays the fallback (``action_resume``)."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL

from odoo.addons.queue_job.delay import chain, group
from odoo.addons.queue_job.exception import RetryableJobError

from .cxm_customer_import import CHUNK_SIZE

#: the jobs of chunks still to be staged wait this long (their eta), unless the staging releases them first
HOLD = timedelta(days=7)
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
        return f"{len(rows)} rows"


class CxmCustomerImportRow(models.Model):
    _inherit = "cxm.customer.import.row"

    chunk_id = fields.Many2one("cxm.customer.import.chunk", ondelete="set null", index="btree_not_null")


class CxmCustomerImport(models.Model):
    _inherit = "cxm.customer.import"

    job_mode = fields.Selection(
        [("cron", "Scheduled action"), ("queue", "Queue jobs")],
        default="cron",
        required=True,
        readonly=True,
        help="Queue jobs: one job per chunk, run in parallel by the queue_job workers.",
    )
    chunk_ids = fields.One2many("cxm.customer.import.chunk", "import_id", string="Chunks")

    @api.model
    def _cxm_use_queue(self):
        return self.env["ir.config_parameter"].sudo().get_param("cxm_customer_data.import_runner", "queue") == "queue"

    @api.model
    def _cxm_phase(self, kind, level):
        return 3 if kind == "transaction" else min(level or 0, 1) + 1

    @api.model
    def _cxm_plan(self, staged, chunk_size=CHUNK_SIZE):
        """The chunks of the ``staged`` rows (``_staged_rows``): one step per
        (transaction?, level), companies first, then contacts level by level,
        then transactions; ``[(phase, [positions in staged of each chunk])]``."""
        steps = defaultdict(list)  # (transaction?, level): positions in ``staged``, in row order
        for position, (kind, _number, _data, level) in enumerate(staged):
            steps[kind == "transaction", level].append(position)
        plan = []
        for is_transaction, level in sorted(steps):
            positions = steps[is_transaction, level]
            phase = self._cxm_phase("transaction" if is_transaction else "customer", level)
            plan.append((phase, [positions[i : i + chunk_size] for i in range(0, len(positions), chunk_size)]))
        return plan

    def _cxm_create_chunks(self, plan, staged=True):
        """The chunks of ``plan`` (``_cxm_plan``), one recordset per step."""
        self.ensure_one()
        Chunk = self.env["cxm.customer.import.chunk"].sudo()  # bookkeeping of an import the user may run
        return [
            Chunk.create(
                [{"import_id": self.id, "phase": phase, "row_count": len(part), "staged": staged} for part in slices]
            )
            for phase, slices in plan
        ]

    def _cxm_stage_queued(self, sheets, chunk_size=CHUNK_SIZE):
        """Stage the parsed ``sheets`` already split into chunks and enqueue
        their jobs, all in the current transaction (the workers start once it
        commits; ``_cxm_stage_overlapped`` lets them start on the first chunk).
        Each row is written once, with its chunk."""
        self.ensure_one()
        staged = self._staged_rows(sheets)
        plan = self._cxm_plan(staged, chunk_size)
        groups = self._cxm_create_chunks(plan)
        chunk_ids = [None] * len(staged)
        for chunks, (_phase, slices) in zip(groups, plan, strict=True):
            for chunk, part in zip(chunks, slices, strict=True):
                for position in part:
                    chunk_ids[position] = chunk.id
        self._copy_rows(staged, chunk_ids)
        self._cxm_delay(groups)
        return self.env["cxm.customer.import.chunk"].sudo().browse([chunk.id for chunks in groups for chunk in chunks])

    def _cxm_enqueue(self, chunk_size=CHUNK_SIZE):
        """Split the pending rows into chunks (companies, then contacts level by
        level, then transactions) and enqueue one job per chunk; each step
        waits for the previous one, a last job closes the import. Returns the
        chunks."""
        self.ensure_one()
        cr = self.env.cr
        Chunk = self.env["cxm.customer.import.chunk"].sudo()  # bookkeeping of an import the user may run
        groups = []
        # steps: customers level by level (companies, their contacts, contacts of those...), then transactions
        cr.execute(
            SQL(
                """SELECT kind, level, array_agg(id ORDER BY sequence)
                     FROM cxm_customer_import_row
                    WHERE import_id = %s AND state = 'pending' AND chunk_id IS NULL
                 GROUP BY kind = 'transaction', kind, level ORDER BY kind = 'transaction', level""",
                self.id,
            )
        )
        for kind, level, ids in cr.fetchall():
            slices = [ids[i : i + chunk_size] for i in range(0, len(ids), chunk_size)]
            phase = self._cxm_phase(kind, level)
            phase_chunks = Chunk.create(
                [{"import_id": self.id, "phase": phase, "row_count": len(part)} for part in slices]
            )
            cr.execute(
                SQL(
                    """UPDATE cxm_customer_import_row r SET chunk_id = q.chunk_id
                         FROM unnest(%s::int[], %s::int[]) AS q(id, chunk_id) WHERE r.id = q.id""",
                    [row_id for part in slices for row_id in part],
                    [chunk.id for chunk, part in zip(phase_chunks, slices, strict=True) for _row_id in part],
                )
            )
            self.env["cxm.customer.import.row"].invalidate_model(["chunk_id"])
            groups.append(phase_chunks)
        self._cxm_delay(groups)
        return Chunk.browse([chunk.id for chunks in groups for chunk in chunks])

    def _cxm_delay(self, groups, held=None):
        """One job per chunk; each group of chunks waits for the previous one,
        a last job closes the import. ``held``: chunks whose rows are not
        staged yet (``_cxm_stage_overlapped``): their jobs wait (eta) until the
        commit of their rows releases them, and a held marker job joins the
        first group, released once the whole file is staged, so the next
        steps never start on rows still missing."""
        self.ensure_one()
        hold = fields.Datetime.now() + HOLD
        delayables = {}
        steps = []
        for index, chunks in enumerate(groups):
            members = []
            for chunk in chunks.with_env(self.env):  # the jobs run as the importing user
                delayables[chunk.id] = chunk.delayable(
                    description=f"Customer import {self.name}: chunk {chunk.id}",
                    eta=hold if held is not None and chunk in held else None,
                )._cxm_run_chunk()
                members.append(delayables[chunk.id])
            if not index and held is not None:
                members.append(
                    self.delayable(description=f"Customer import {self.name}: file staged", eta=hold)._cxm_staged()
                )
            steps.append(group(*members))
        self.write(
            {
                "job_mode": "queue",
                "state": "staging" if self.state == "staging" else "running",
                "started_at": self.started_at or fields.Datetime.now(),
            }
        )
        chain(*steps, self.delayable(description=f"Customer import {self.name}: finish")._cxm_finish_queued()).delay()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE cxm_customer_import_chunk c SET job_uuid = q.uuid
                     FROM unnest(%s::int[], %s::varchar[]) AS q(id, uuid) WHERE c.id = q.id""",
                list(delayables),
                [delayable._generated_job.uuid for delayable in delayables.values()],
            )
        )
        self.env["cxm.customer.import.chunk"].invalidate_model(["job_uuid"])

    def _cxm_staged(self):
        """Queue job of the first step, held until the whole file is staged:
        the next steps wait for it as for the chunks of the first one."""
        self.ensure_one()
        if self.state == "staging":
            raise RetryableJobError("the file is not fully staged yet", NOT_STAGED_RETRY, ignore_retry=True)
        return f"{self.staged_count or self.row_count} rows staged"

    def _cxm_finish_queued(self):
        """Queue job after every chunk: the import's counters are the sum of
        its chunks'; then the error report."""
        self.ensure_one()
        if self.job_mode != "queue" or self.state in ("done", "cancelled"):
            return "nothing to do"
        self._cxm_fold_chunks()
        self._finish()
        return f"{self.done_count} rows"

    def _cxm_fold_chunks(self):
        for job in self:
            chunks = job.sudo().chunk_ids
            job.write(
                {
                    name: sum(chunks.mapped(name))
                    for name in ("done_count", "created_count", "updated_count", "unchanged_count", "error_count")
                }
            )

    def _compute_progress(self):
        result = super()._compute_progress()
        now = fields.Datetime.now()
        for job in self.filtered(lambda j: j.job_mode == "queue" and j.state in ("staging", "running")):
            done = sum(job.sudo().chunk_ids.mapped("done_count"))
            job.progress = 100.0 * done / job.row_count if job.row_count else 100.0
            elapsed = (now - job.started_at).total_seconds() if job.started_at else 0
            job.rate = done / elapsed if elapsed > 0 else 0.0
            remaining = job.row_count - done
            job.eta_seconds = int(remaining / job.rate) if job.rate and remaining else 0
        return result

    def action_resume(self):
        """Queue jobs stuck (no worker running)? Go back to the scheduled
        action: the counters so far are kept, the jobs left become no-ops."""
        queued = self.filtered(lambda job: job.job_mode == "queue" and job.state != "done")
        queued._cxm_fold_chunks()
        queued.write({"job_mode": "cron", "state": "queued"})
        return super().action_resume()
