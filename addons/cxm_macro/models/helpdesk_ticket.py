# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_macro_ids = fields.Many2many(
        "cxm.macro", string="Macros", compute="_compute_cxm_macro_ids", help="Macros offered to this ticket's team."
    )

    @api.depends_context("uid")
    @api.depends("team_id", "company_id")
    def _compute_cxm_macro_ids(self):
        teams = self.team_id.ids
        macros = self.env["cxm.macro"].search(["|", ("team_ids", "=", False), ("team_ids", "in", teams)])
        for ticket in self:
            ticket.cxm_macro_ids = macros.filtered(lambda m, t=ticket: m._cxm_available_for(t))

    def action_cxm_apply_macro(self, macro_id):
        """Apply macro ``macro_id`` to this ticket as the current user: its reply, field changes and
        transition, all or nothing. Refused with a UserError that says why (nothing changes then)."""
        self.ensure_one()
        macro = self.env["cxm.macro"].browse(int(macro_id)).exists()
        if not macro:
            raise UserError(self.env._("Macro %(id)s does not exist.", id=macro_id))
        macro.check_access("read")
        return macro._cxm_apply(self)
