# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context


class CxmProcessTransitionWizard(models.TransientModel):
    _name = "cxm.process.transition.wizard"
    _description = "Fire a transition with a reason, or force a status"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    mode = fields.Selection([("transition", "Transition"), ("force", "Force")], default="transition", required=True)
    transition_id = fields.Many2one("cxm.process.transition")
    process_id = fields.Many2one("cxm.process", compute="_compute_process_id")
    status_id = fields.Many2one("cxm.process.status", string="New status", domain="[('process_id', '=', process_id)]")
    comment = fields.Text(string="Reason")
    from_status_id = fields.Many2one("cxm.process.status", string="Status seen")
    comment_required = fields.Boolean(compute="_compute_process_id")

    @api.depends("res_model", "res_id", "transition_id", "mode")
    def _compute_process_id(self):
        for wizard in self:
            record = wizard._record()
            wizard.process_id = record.cxm_process_id if record else False
            wizard.comment_required = wizard.mode == "force" or wizard.transition_id.comment_required

    def _record(self):
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env or "cxm_process_id" not in self.env[self.res_model]:
            return None
        record = self.env[self.res_model].browse(self.res_id).exists()
        if record:
            record.check_access("write")
        return record

    def action_confirm(self):
        self.ensure_one()
        record = self._record()
        if not record:
            raise UserError(self.env._("The record no longer exists."))
        record = record.with_env(self.env(context=clean_context(self.env.context)))
        if self.mode == "force":
            if not self.status_id:
                raise UserError(self.env._("Choose the new status."))
            record.cxm_force_stage(self.status_id.stage_res_id, self.comment)
        else:
            record.cxm_fire_transition(self.transition_id.id, self.comment, from_status_id=self.from_status_id.id)
        return {"type": "ir.actions.act_window_close"}
