# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmProcessStatus(models.Model):
    _name = "cxm.process.status"
    _inherit = ["cxm.process.design.cache"]
    _description = "Status of a service process"
    _order = "process_id, sequence, id"

    process_id = fields.Many2one("cxm.process", required=True, ondelete="cascade", index=True)
    model = fields.Selection(related="process_id.model")
    sequence = fields.Integer(default=10, help="The first status is the initial one.")
    ticket_stage_id = fields.Many2one("helpdesk.ticket.stage", string="Ticket stage", ondelete="restrict")
    stage_res_id = fields.Integer(
        compute="_compute_stage_res_id", store=True, index=True, string="Stage id", help="Id of the stage record."
    )
    name = fields.Char(compute="_compute_stage_res_id", store=True)
    sla_hours = fields.Float(string="SLA target (hours)", help="Working hours allowed in this status; 0 = no SLA.")
    sla_clock = fields.Selection(
        [("run", "Runs"), ("pause", "Paused")],
        string="SLA clock",
        default="run",
        required=True,
        help="Paused: time spent here (e.g. waiting for the customer) never counts against the SLA.",
    )
    is_closing = fields.Boolean(string="Closing status")

    _stage_unique = models.Constraint("UNIQUE(process_id, stage_res_id)", "A stage can be used only once in a process.")

    @api.model
    def _cxm_stage_fields(self):
        """Stage field of this model per target model; glue modules add theirs."""
        return {"helpdesk.ticket": "ticket_stage_id"}

    @api.depends("ticket_stage_id", "ticket_stage_id.name")
    def _compute_stage_res_id(self):
        stage_fields = self._cxm_stage_fields()
        for status in self:
            stage = status[stage_fields[status.process_id.model]] if status.process_id.model in stage_fields else None
            status.stage_res_id = stage.id if stage else 0
            status.name = stage.name if stage else False

    @api.depends_context("lang")
    @api.depends("name")
    def _compute_display_name(self):
        # the stage's name in the reader's language (the stored name is the stage's source name)
        stage_fields = self._cxm_stage_fields()
        for status in self:
            field = stage_fields.get(status.process_id.model)
            status.display_name = (status[field].display_name if field and status[field] else status.name) or ""

    def _cxm_stage(self):
        self.ensure_one()
        return self[self._cxm_stage_fields()[self.process_id.model]]

    @api.constrains("sequence", "stage_res_id", "sla_clock", "is_closing")
    def _check_process_consistent(self):
        self.process_id._check_consistent_when_active()

    def unlink(self):
        processes = self.process_id
        res = super().unlink()
        processes.exists()._check_consistent_when_active()
        return res

    def _cxm_deadline(self, start):
        """SLA deadline for a record entering this status at ``start`` (naive UTC), or False."""
        if not self:
            return False
        return self.process_id._cxm_deadline_for(self.id, start)
