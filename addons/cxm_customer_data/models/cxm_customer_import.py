# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import logging

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .customer_records import parent_levels

_logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
NULL = "\\N"  # NULL in the text format of COPY
INLINE_LIMIT = 2000


class CxmCustomerImport(models.Model):
    """One bulk load (a file, or a batch sent by an integrator): its staged
    rows, its progress and its per-row error report. Rows are processed in
    chunks; each chunk commits the partners it writes together with the
    state of its rows, so a crash loses or doubles nothing and the job
    resumes where it stopped."""

    _name = "cxm.customer.import"
    _description = "Customer Import"
    _order = "id desc"

    name = fields.Char(required=True)
    source_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection(
        [
            ("staging", "Staging"),
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        default="queued",
        required=True,
        readonly=True,
    )
    columns = fields.Json(readonly=True, help="Columns of each sheet, for the error report.")
    row_ids = fields.One2many("cxm.customer.import.row", "import_id", string="Staged Rows")
    error_row_ids = fields.One2many(
        "cxm.customer.import.row", "import_id", string="Rows in error", domain=[("state", "=", "error")]
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    staged_count = fields.Integer(string="Rows Staged", readonly=True, help="Rows of the file stored so far.")
    done_count = fields.Integer(string="Rows Done", readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    progress = fields.Float(compute="_compute_progress", help="Percentage of rows done.")
    rate = fields.Float(string="Rows / s", compute="_compute_progress", digits=(16, 1))
    eta_seconds = fields.Integer(string="ETA (s)", compute="_compute_progress")
    message = fields.Text(readonly=True)
    error_report = fields.Binary(attachment=True, readonly=True)
    error_report_name = fields.Char(readonly=True)

    @api.depends("row_count", "done_count", "started_at", "finished_at")
    def _compute_progress(self):
        now = fields.Datetime.now()
        for job in self:
            job.progress = 100.0 * job.done_count / job.row_count if job.row_count else 100.0
            elapsed = ((job.finished_at or now) - job.started_at).total_seconds() if job.started_at else 0
            # a small file is done within the second its start was stamped in: count at least one second
            job.rate = job.done_count / max(elapsed, 1.0) if job.started_at else 0.0
            remaining = job.row_count - job.done_count
            job.eta_seconds = int(remaining / job.rate) if job.rate and remaining else 0

    # ------------------------------------------------------------ staging
    @api.model
    def _staged_rows(self, sheets):
        """``[(kind, row number, data, level)]`` of parsed ``sheets``
        ({kind: [(row number, dict)]}), customers first."""
        staged = []
        for kind in ("customer", "transaction"):
            rows = sheets.get(kind, [])
            kind_levels = parent_levels([data for _number, data in rows]) if kind == "customer" else None
            for position, (number, data) in enumerate(rows):
                level = kind_levels[position] if kind_levels else 0
                if level is None:  # parent keys that loop: last, where the pipeline refuses them
                    level = len(rows)
                staged.append((kind, number, data, level))
        return staged

    def _stage(self, sheets):
        """Store parsed rows: ``sheets`` is {kind: [(row number, dict)]}."""
        self.ensure_one()
        staged = self._staged_rows(sheets)
        self._copy_rows(staged)
        return staged

    def _copy_rows(self, staged, chunk_ids=None):
        """COPY the ``staged`` rows (``_staged_rows``) into the staging table,
        each in its chunk (``chunk_ids``, one per row, or none): one stream of
        text, no per-row statement or parameter adaptation."""
        self.ensure_one()
        self._copy_text(staged, chunk_ids)
        self.row_count = len(staged)
        self.env["cxm.customer.import.row"].invalidate_model()

    def _copy_text(self, staged, chunk_ids=None):
        """The COPY of ``_copy_rows``, counters left alone."""
        self.ensure_one()
        if staged:
            buffer = io.StringIO()
            write = buffer.write
            prefix = f"{self.id}\t"
            chunk_ids = chunk_ids or [None] * len(staged)
            for (kind, number, data, level), chunk_id in zip(staged, chunk_ids, strict=True):
                # JSON escapes control characters: only its backslashes need escaping for COPY's text format
                text = json.dumps(data, default=str, ensure_ascii=False).replace("\\", "\\\\")
                write(f"{prefix}{kind}\t{number}\t{text}\tpending\t{level}\t{chunk_id or NULL}\n")
            buffer.seek(0)
            self.env.flush_all()
            self.env.cr.copy_expert(
                "COPY cxm_customer_import_row (import_id, kind, sequence, data, state, level, chunk_id) FROM STDIN",
                buffer,
            )

    # ------------------------------------------------------------ processing
    def _process_chunk(self, limit=CHUNK_SIZE):
        """Process up to ``limit`` pending rows (companies and parentless rows
        first, contacts next level by level, transactions last). Returns the
        rows done."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT id, kind, data FROM cxm_customer_import_row
                    WHERE import_id = %s AND state = 'pending'
                    ORDER BY kind = 'transaction', level, sequence
                    LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                self.id,
                limit,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return 0
        if not self.started_at:
            self.started_at = fields.Datetime.now()
        self.state = "running"
        counts = self._process_rows(rows)
        self.write(
            {
                "done_count": self.done_count + len(rows),
                "created_count": self.created_count + counts["created"],
                "updated_count": self.updated_count + counts["updated"],
                "unchanged_count": self.unchanged_count + counts["unchanged"],
                "error_count": self.error_count + counts["error"],
            }
        )
        return len(rows)

    def _process_rows(self, rows):
        """Upsert the staged ``rows`` ([(id, kind, data)], locked by the
        caller) and store each row's outcome. Returns the counts by status."""
        self.ensure_one()
        cr = self.env.cr
        # no mail tracking of the partners written (none is for SQL-inserted ones; the ORM
        # recomputes of other modules' stored fields would prepare it for nothing)
        pipeline = self.env["cxm.customer.pipeline"].with_company(self.company_id).with_context(tracking_disable=True)
        results = []
        for kind in ("customer", "transaction"):
            part = [row for row in rows if row[1] == kind]
            if not part:
                continue
            method = pipeline._upsert_customers if kind == "customer" else pipeline._upsert_transactions
            results.extend(zip(part, method([row[2] for row in part], self.source_id), strict=True))
        pipeline.env.flush_all()  # the recomputes, in the pipeline's context
        counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
        for _row, result in results:
            counts[result["status"]] += 1
        cr.execute(
            SQL(
                """UPDATE cxm_customer_import_row r
                      SET state = q.state, message = q.message, partner_id = q.partner_id
                     FROM unnest(%s::int[], %s::varchar[], %s::text[], %s::int[]) AS q(id, state, message, partner_id)
                    WHERE r.id = q.id""",
                [row[0] for row, _result in results],
                ["error" if result["status"] == "error" else "done" for _row, result in results],
                [
                    "\n".join(f"{e['field']}: {e['message']}" for e in result["errors"]) or None
                    for _r, result in results
                ],
                [result["partner_id"] or None for _row, result in results],
            )
        )
        self.env["cxm.customer.import.row"].invalidate_model()
        return counts

    def _finish(self):
        for job in self:
            job.write({"state": "done", "finished_at": fields.Datetime.now()})
            if job.error_count:
                job._make_error_report()

    def _run(self, commit=False):
        """Process every pending row of the jobs, chunk by chunk."""
        for job in self:
            while True:
                done = job._process_chunk()
                if commit:
                    remaining = self.env["ir.cron"]._commit_progress(done)
                    if remaining <= 0:
                        return False
                if not done:
                    break
            job._finish()
            if commit:
                self.env["ir.cron"]._commit_progress(0)
        return True

    @api.model
    def _cron_process(self):
        """Scheduled action: resume every queued or interrupted import."""
        jobs = self.search([("state", "in", ("queued", "running")), ("job_mode", "!=", "queue")], order="id")
        self.env["ir.cron"]._commit_progress(remaining=len(jobs))
        jobs._run(commit=True)

    def action_resume(self):
        """Queue the remaining rows again (after an interruption)."""
        self.filtered(lambda job: job.state in ("running", "failed")).state = "queued"
        self.env.ref("cxm_customer_data.ir_cron_customer_import")._trigger()

    # ------------------------------------------------------------ error report
    def _make_error_report(self):
        """XLSX of the rows in error: sheet, row, errors, then the columns as
        they were sent, so the user can fix and re-submit the file."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """SELECT kind, sequence, message, data FROM cxm_customer_import_row
                    WHERE import_id = %s AND state = 'error' ORDER BY kind, sequence""",
                self.id,
            )
        )
        rows = self.env.cr.fetchall()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = workbook.add_format({"bold": True})
        columns = self.columns or {}
        for kind, title in (("customer", "Customers"), ("transaction", "Transactions")):
            kind_rows = [row for row in rows if row[0] == kind]
            if not kind_rows:
                continue
            sheet = workbook.add_worksheet(title)
            names = columns.get(kind) or sorted({key for row in kind_rows for key in row[3]})
            sheet.write_row(0, 0, ["row", "errors", *names], bold)
            for line, (_kind, sequence, message, data) in enumerate(kind_rows, start=1):
                flat = dict(data)
                for name, value in (flat.pop("attributes", None) or {}).items():
                    flat[f"attr:{name}"] = value
                if isinstance(flat.get("tags"), list):
                    flat["tags"] = ";".join(flat["tags"])
                sheet.write_row(line, 0, [sequence, message, *(str(flat.get(n) or "") for n in names)])
            sheet.set_column(1, 1, 60)
        workbook.close()
        self.write(
            {
                "error_report": base64.b64encode(buffer.getvalue()),
                "error_report_name": f"{self.name.rsplit('.', 1)[0]}-errors.xlsx",
            }
        )

    def action_download_error_report(self):
        self.ensure_one()
        if not self.error_report:
            raise UserError(self.env._("This import has no error."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/cxm.customer.import/{self.id}/error_report/{self.error_report_name}?download=true",
            "target": "self",
        }
