# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk imports chunked through queue_job: one job per chunk of staged rows,
top-level customers (companies) before contacts before transactions (job
dependencies), so several workers load one file in parallel. The resumable
scheduled action stays the fallback (``action_resume``).

A big file is staged while the workers already run: the import and every
chunk's job are committed first, held (eta); then each chunk's rows are
copied and committed in a transaction of their own, which releases the
chunk's job. The next steps (contacts after companies, transactions last)
also wait for a marker job released once the whole file is staged. The file
is validated as a whole before the first commit, so a bad file changes
nothing; a staging interrupted half-way (the server stopped) keeps the file,
and the import can be resumed (the chunks still missing are staged) or
cancelled."""

import base64
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.delay import chain, group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.utils import must_run_without_delay

from .cxm_customer_import import CHUNK_SIZE
from .cxm_customer_import_chunk import NOT_STAGED_RETRY

_logger = logging.getLogger(__name__)

#: the jobs of chunks still to be staged wait this long (their eta), unless the staging releases them first
HOLD = timedelta(days=7)
#: a staging import without a commit for this long was interrupted (each chunk's commit takes well under a second)
STAGING_TIMEOUT = timedelta(minutes=2)
#: the job staging a file goes before the chunk jobs (queue_job: the lower, the sooner)
STAGING_PRIORITY = 5
#: chunks the wizard stages itself: the workers have work while the staging job reads the file again
REQUEST_CHUNKS = 4


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
    file = fields.Binary(
        attachment=True,
        readonly=True,
        help="The file as uploaded, kept while its rows are staged, to resume an interrupted staging.",
    )
    file_name = fields.Char(readonly=True)
    staging_interrupted = fields.Boolean(
        compute="_compute_staging_interrupted",
        help="The staging of the file stopped half-way (the server stopped): resume or cancel the import.",
    )

    def _compute_staging_interrupted(self):
        # every chunk staged commits (write_date): no commit for a while, no process staging it
        stalled = fields.Datetime.now() - STAGING_TIMEOUT
        for job in self:
            job.staging_interrupted = job.state == "staging" and job.write_date < stalled

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

    # ------------------------------------------------------------ staging while the workers run
    @api.model
    def _cxm_import_queued(self, vals, sheets, file=None, chunk_size=CHUNK_SIZE):
        """Create the import ``vals`` of the parsed and validated ``sheets``
        and hand its chunks to the queue workers. Returns the import."""
        if must_run_without_delay(self.env):  # jobs run as they are enqueued: every row must be there first
            job = self.create(vals)
            job._cxm_stage_queued(sheets, chunk_size=chunk_size)
            return job
        return self._cxm_stage_overlapped(vals, sheets, file=file, chunk_size=chunk_size)

    @api.model
    def _cxm_stage_overlapped(self, vals, sheets, file=None, chunk_size=CHUNK_SIZE, request_chunks=REQUEST_CHUNKS):
        """Create the import with its jobs, held, stage its first
        ``request_chunks`` chunks (their jobs start at once, the first one
        after the first commit), and leave the other chunks to a queue job that
        stages them from the kept file, each in a transaction of its own, while
        the workers process the first ones: the user waits for the file to be
        read and checked, not stored. Returns the import (committed: the
        caller's transaction may not see it)."""
        staged = self._staged_rows(sheets)
        plan = self._cxm_plan(staged, chunk_size)
        self.env.flush_all()
        with self.env.registry.cursor() as cr:  # committed: the import and its jobs, held
            job = self.with_env(self.env(cr=cr)).create(
                {**vals, "state": "staging", "row_count": len(staged), "file": file, "file_name": vals.get("name")}
            )
            job._cxm_delay(job._cxm_create_chunks(plan, staged=False), held=job.sudo().chunk_ids)
        job = self.browse(job.id)
        if job._cxm_stage_chunks(staged, plan, limit=request_chunks):
            with self.env.registry.cursor() as cr:  # after the wizard's chunks: the job never stages one of them
                job.with_env(self.env(cr=cr)).with_delay(
                    priority=STAGING_PRIORITY, description=f"Customer import {vals.get('name')}: stage the file"
                )._cxm_stage_file()
        return job

    def _cxm_stage_file(self):
        """Queue job (and Resume): stage the chunks still missing from the
        kept file."""
        self.ensure_one()
        if self.state != "staging":
            return "nothing to stage"
        if not self.file:
            raise UserError(self.env._("The file of this import is no longer kept: cancel it and import it again."))
        sheets, _columns = self.env["cxm.customer.import.wizard"]._parse(base64.b64decode(self.file), self.file_name)
        staged = self._staged_rows(sheets)
        self._cxm_stage_chunks(staged, self._cxm_plan(staged, max(self.sudo().chunk_ids.mapped("row_count"))))
        return f"{len(staged)} rows staged"

    def _cxm_stage_chunks(self, staged, plan, limit=None):
        """COPY the rows of each chunk not staged yet (plan order, ``limit``
        chunks at most), each chunk in a transaction of its own which
        releases the chunk's job; once every chunk is, the import moves on to
        running and the marker job is released. Returns the chunks left."""
        self.ensure_one()
        registry = self.env.registry
        with registry.cursor() as cr:
            chunks = self.with_env(self.env(cr=cr)).sudo().chunk_ids.sorted("id")  # created in plan order
            chunks = [(chunk.id, chunk.row_count, chunk.staged, chunk.job_uuid) for chunk in chunks]
        slices = [part for _phase, parts in plan for part in parts]
        if [len(part) for part in slices] != [chunk[1] for chunk in chunks]:
            raise UserError(self.env._("The kept file no longer matches its import: cancel it and import it again."))
        count = sum(chunk[1] for chunk in chunks if chunk[2])
        todo = [(chunk, part) for chunk, part in zip(chunks, slices, strict=True) if not chunk[2]]
        try:
            for (chunk_id, _rows, _staged, uuid), part in todo[:limit]:
                count += len(part)
                with registry.cursor() as cr:  # the rows, the chunk staged and its job released, together
                    job = self.with_env(self.env(cr=cr))
                    job.env["cxm.customer.import.chunk"].sudo().browse(chunk_id).staged = True
                    job.staged_count = count
                    job._cxm_release_jobs(SQL("uuid = %s", uuid or ""))
                    job._copy_text([staged[position] for position in part], [chunk_id] * len(part))
        except Exception:
            _logger.warning("Customer import %s: staging interrupted; it can be resumed or cancelled", self.id)
            raise
        if limit is not None and len(todo) > limit:
            return len(todo) - limit
        with registry.cursor() as cr:
            job = self.with_env(self.env(cr=cr))
            job.write({"state": "running", "staged_count": count, "file": False})
            graph = job._cxm_graph_uuid()
            if graph:
                job._cxm_release_jobs(SQL("graph_uuid = %s AND method_name = '_cxm_staged'", graph))
        return 0

    def _cxm_release_jobs(self, where):
        """Let the held jobs matching ``where`` run now (their eta was far):
        queue_job's runner hears of it at commit (its NOTIFY trigger)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE queue_job SET eta = NULL WHERE state IN ('pending', 'wait_dependencies') AND %s", where)
        )

    def _cxm_graph_uuid(self):
        """The graph of the import's queue jobs."""
        self.ensure_one()
        uuids = [uuid for uuid in self.sudo().chunk_ids.mapped("job_uuid") if uuid]
        return self.env["queue.job"].sudo().search([("uuid", "in", uuids[:1])]).graph_uuid

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
        """An interrupted staging: stage the chunks still missing from the
        kept file (their jobs wait for them). Queue jobs stuck (no worker
        running)? Go back to the scheduled action: the counters so far are
        kept, the jobs left become no-ops."""
        interrupted = self.filtered(lambda job: job.state == "staging")
        for job in interrupted:
            job.check_access("write")
            if not job.staging_interrupted:
                raise UserError(self.env._("This file is being staged right now: wait until it is done."))
            job._cxm_stage_file()
        self.env.invalidate_all()
        queued = (self - interrupted).filtered(lambda job: job.job_mode == "queue" and job.state != "done")
        queued._cxm_fold_chunks()
        queued.write({"job_mode": "cron", "state": "queued"})
        return super(CxmCustomerImport, self - interrupted).action_resume()

    def action_cancel(self):
        """Stop the import: the rows not processed yet stay so (listed on the
        import), the customers already written stay; its waiting jobs are
        cancelled, one still running finishes its chunk."""
        for job in self.filtered(lambda job: job.state in ("staging", "queued", "running", "failed")):
            job.check_access("write")
            if job.state == "staging" and not job.staging_interrupted:
                raise UserError(self.env._("This file is being staged right now: wait until it is done."))
            if job.job_mode == "queue":
                graph = job._cxm_graph_uuid()
                if graph:  # the import's own jobs still waiting, after the check above
                    self.env["queue.job"].sudo().search(
                        [("graph_uuid", "=", graph), ("state", "in", ("wait_dependencies", "pending", "failed"))]
                    ).button_cancelled()
                job._cxm_fold_chunks()
            job.write(
                {
                    "state": "cancelled",
                    "finished_at": fields.Datetime.now(),
                    "file": False,
                    "message": self.env._(
                        "Cancelled by %(user)s: %(done)s of %(total)s rows processed, the others not.",
                        user=self.env.user.name,
                        done=job.done_count,
                        total=job.row_count,
                    ),
                }
            )
