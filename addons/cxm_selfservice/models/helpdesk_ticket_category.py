# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    cxm_form_field_ids = fields.One2many("cxm.selfservice.form.field", "category_id", string="Help Centre Form")
    cxm_help_intro = fields.Text(string="Help Centre Introduction", translate=True, help="Shown on the category tile.")
    cxm_help_icon = fields.Char(
        string="Help Centre Icon", default="fa-life-ring", help="Font Awesome icon of the tile (e.g. fa-truck)."
    )

    def _cxm_help_fields(self):
        """The form's fields in order, as stored (readable by the caller)."""
        self.ensure_one()
        return self.cxm_form_field_ids.sorted(lambda f: (f.sequence, f.id))

    def action_cxm_help_preview(self):
        """Open the category's help-centre form as customers see it."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/help/form/{self.id}", "target": "new"}
