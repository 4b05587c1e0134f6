# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .cxm_implementation_step import STEP_CODES


class ProjectMilestone(models.Model):
    _inherit = "project.milestone"

    cxm_step = fields.Selection(STEP_CODES, string="Implementation Step", readonly=True, index="btree_not_null")

    def write(self, vals):
        if vals.get("is_reached"):
            for milestone in self.filtered(lambda m: m.cxm_step and not m.is_reached):
                milestone.project_id._cxm_check_step_can_be_reached(milestone.cxm_step)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_implementation_step(self):
        if any(m.cxm_step for m in self):
            raise UserError(self.env._("The steps of an implementation project cannot be deleted."))
