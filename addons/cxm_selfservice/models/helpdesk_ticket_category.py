# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    cxm_form_field_ids = fields.One2many("cxm.selfservice.form.field", "category_id", string="Help Centre Form")
    cxm_help_intro = fields.Text(string="Help Centre Introduction", translate=True, help="Shown on the category tile.")
    cxm_help_icon = fields.Char(
        string="Help Centre Icon", default="fa-life-ring", help="Font Awesome icon of the tile (e.g. fa-truck)."
    )
    cxm_form_preview = fields.Html(
        string="Preview",
        compute="_compute_cxm_form_preview",
        sanitize=False,
        help="The form as customers will see it, updated while you edit the questions.",
    )

    @api.depends(
        "name",
        "cxm_help_intro",
        "cxm_form_field_ids.sequence",
        "cxm_form_field_ids.label",
        "cxm_form_field_ids.key",
        "cxm_form_field_ids.field_type",
        "cxm_form_field_ids.required",
        "cxm_form_field_ids.help",
        "cxm_form_field_ids.options",
        "cxm_form_field_ids.visible_field_id",
        "cxm_form_field_ids.visible_value",
    )
    def _compute_cxm_form_preview(self):
        """Rendered with the help centre's own field template (every value escaped by QWeb); works on
        unsaved lines too, so the preview follows the designer's edits."""
        QWeb = self.env["ir.qweb"]
        for category in self:
            fields_ = category.cxm_form_field_ids
            ordered = [f for _i, f in sorted(enumerate(fields_), key=lambda pair: (pair[1].sequence, pair[0]))]
            category.cxm_form_preview = QWeb._render(
                "cxm_selfservice.help_form_preview",
                {"category": category, "preview_fields": ordered, "form_values": {}, "errors": {}},
            )

    def _cxm_help_fields(self):
        """The form's fields in order, as stored (readable by the caller)."""
        self.ensure_one()
        return self.cxm_form_field_ids.sorted(lambda f: (f.sequence, f.id))

    def action_cxm_help_preview(self):
        """Open the category's help-centre form as customers see it."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/help/form/{self.id}", "target": "new"}
