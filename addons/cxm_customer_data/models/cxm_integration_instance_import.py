# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmIntegrationInstance(models.Model):
    _inherit = "cxm.integration.instance"

    cxm_import_progress = fields.Char(
        string="Import Progress",
        compute="_compute_cxm_import_progress",
        help="Rows done / total of the customer imports of this source still running.",
    )

    def _compute_cxm_import_progress(self):
        Import = self.env["cxm.customer.import"]
        self.cxm_import_progress = False
        if not self.ids or not Import.has_access("read"):
            return
        running = Import.search([("source_id", "in", self.ids), ("state", "in", ("staging", "queued", "running"))])
        for instance in self:
            jobs = running.filtered(lambda job, instance=instance: job.source_id == instance)
            if not jobs:
                continue
            done = sum(
                sum(job.sudo().chunk_ids.mapped("done_count")) if job.job_mode == "queue" else job.done_count
                for job in jobs
            )
            total = sum(jobs.mapped("row_count"))
            instance.cxm_import_progress = self.env._("%(done)s / %(total)s rows", done=f"{done:,}", total=f"{total:,}")
