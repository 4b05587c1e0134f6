# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A big file staged while the queue workers already run: the import and
every chunk's job are committed first, held; then each chunk's rows are
copied and committed on a cursor of their own, which releases the chunk's
job. The next steps (contacts after companies, transactions last) also wait
for a marker job released once the whole file is staged. The file is
validated as a whole before the first commit, so a bad file changes nothing;
a staging interrupted half-way (the server stopped) keeps the file, and the
import can be resumed (the chunks still missing are staged) or cancelled."""

import base64
import contextlib
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.utils import must_run_without_delay

from .cxm_customer_import import CHUNK_SIZE

_logger = logging.getLogger(__name__)

#: advisory lock class of a file being staged ("CXMI"); the second key is the import's id
STAGING_LOCK = 0x43584D49


class CxmCustomerImport(models.Model):
    _inherit = "cxm.customer.import"

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
        for job in self:
            job.staging_interrupted = job.state == "staging" and not job._cxm_staging_running()

    # ------------------------------------------------------------ staging
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
    def _cxm_stage_overlapped(self, vals, sheets, file=None, chunk_size=CHUNK_SIZE):
        """Create the import and stage its rows chunk by chunk on a cursor of
        its own, one commit per chunk, so the workers process the first
        chunks while the next ones are stored. Returns the import (committed:
        the caller's transaction may not see it)."""
        staged = self._staged_rows(sheets)
        plan = self._cxm_plan(staged, chunk_size)
        self.env.flush_all()
        with self.env.registry.cursor() as cr:
            job = self.with_env(self.env(cr=cr)).create(
                {
                    **vals,
                    "state": "staging",
                    "row_count": len(staged),
                    "file": file,
                    "file_name": vals.get("name"),
                }
            )
            with job._cxm_staging_lock():
                groups = job._cxm_create_chunks(plan, staged=False)
                job._cxm_delay(groups, held=job.sudo().chunk_ids)
                cr.commit()  # the import and its jobs, held until their rows are staged
                job._cxm_stage_chunks(staged, plan)
            job_id = job.id
        return self.browse(job_id)

    def _cxm_stage_chunks(self, staged, plan):
        """COPY the rows of each chunk not staged yet (plan order), one commit
        per chunk, which releases the chunk's job; the last commit moves the
        import on to running and releases the marker of the staged file."""
        self.ensure_one()
        cr = self.env.cr
        chunks = self.sudo().chunk_ids.sorted("id")  # created in plan order
        slices = [part for _phase, parts in plan for part in parts]
        if [len(part) for part in slices] != chunks.mapped("row_count"):
            raise UserError(
                self.env._("The kept file no longer matches its import: cancel it and import the file again.")
            )
        count = sum(chunks.filtered("staged").mapped("row_count"))
        for chunk, part in zip(chunks, slices, strict=True):
            if chunk.staged:
                continue
            count += len(part)
            chunk.staged = True
            self.staged_count = count
            self._cxm_release_jobs(SQL("uuid = %s", chunk.job_uuid or ""))
            self._copy_text([staged[position] for position in part], [chunk.id] * len(part))
            cr.commit()  # the rows, the chunk staged and its job released, together
        self.write({"state": "running", "staged_count": count, "file": False})
        graph = self._cxm_graph_uuid()
        if graph:
            self._cxm_release_jobs(SQL("graph_uuid = %s AND method_name = '_cxm_staged'", graph))
        cr.commit()

    def _cxm_release_jobs(self, where):
        """Let the held jobs matching ``where`` run now (their eta was far)."""
        self.env.flush_all()
        # queue_job's job runner picks the change up through its NOTIFY trigger
        self.env.cr.execute(
            SQL("UPDATE queue_job SET eta = NULL WHERE state IN ('pending', 'wait_dependencies') AND %s", where)
        )

    def _cxm_graph_uuid(self):
        """The graph of the import's queue jobs."""
        self.ensure_one()
        uuids = [uuid for uuid in self.sudo().chunk_ids.mapped("job_uuid") if uuid]
        job = self.env["queue.job"].sudo().search([("uuid", "in", uuids[:1])])
        return job.graph_uuid

    @contextlib.contextmanager
    def _cxm_staging_lock(self):
        """Held (a session-level advisory lock) while this process stages the
        file: its absence tells an interrupted staging from a running one."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_try_advisory_lock(%s, %s)", STAGING_LOCK, self.id))
        if not cr.fetchone()[0]:
            raise UserError(self.env._("This file is being staged right now: wait until it is done."))
        try:
            yield
        except Exception:
            _logger.exception("Customer import %s: staging interrupted, it can be resumed", self.id)
            raise
        finally:
            cr.rollback()  # an error half-way: the chunks committed so far stay, with their jobs
            cr.execute(SQL("SELECT pg_advisory_unlock(%s, %s)", STAGING_LOCK, self.id))

    def _cxm_staging_running(self):
        """Some process is staging the file right now."""
        self.ensure_one()
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock_shared(%s, %s)", STAGING_LOCK, self.id))
        return not self.env.cr.fetchone()[0]

    # ------------------------------------------------------------ actions
    def action_resume(self):
        """An interrupted staging: stage the chunks still missing from the
        kept file (their jobs are waiting for them)."""
        interrupted = self.filtered(lambda job: job.state == "staging")
        for job in interrupted:
            job.check_access("write")
            if not job.staging_interrupted:
                raise UserError(self.env._("This file is being staged right now: wait until it is done."))
            if not job.file:
                raise UserError(self.env._("The file of this import is no longer kept: cancel it and import it again."))
            sheets, _columns = self.env["cxm.customer.import.wizard"]._parse(base64.b64decode(job.file), job.file_name)
            staged = job._staged_rows(sheets)
            plan = job._cxm_plan(staged, max(job.sudo().chunk_ids.mapped("row_count") or [CHUNK_SIZE]))
            self.env.flush_all()
            with self.env.registry.cursor() as cr:
                own = job.with_env(self.env(cr=cr))
                with own._cxm_staging_lock():
                    own._cxm_stage_chunks(staged, plan)
        self.env.invalidate_all()
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
