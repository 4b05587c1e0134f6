# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models


class CxmLookupPanelWizard(models.TransientModel):
    _name = "cxm.lookup.panel.wizard"
    _description = "External Data Panels"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    panels_html = fields.Html(sanitize=False, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._cxm_render_panels()
        return wizards

    def _cxm_render_panels(self):
        """Ask every connector now (in the button's read/write transaction, so
        answers can be cached) and keep the rendered panels."""
        for wizard in self:
            parts = []
            for panel in wizard.partner_id.cxm_lookup_panels():
                body = Markup("")
                if panel["rows"]:
                    head = Markup("").join(Markup("<th>%s</th>") % label for label in panel["columns"])
                    rows = Markup("").join(
                        Markup("<tr>%s</tr>")
                        % Markup("").join(Markup("<td>%s</td>") % ("" if v is None else v) for v in row)
                        for row in panel["rows"]
                    )
                    body = Markup('<table class="table table-sm o_cxm_panel_table"><tr>%s</tr>%s</table>') % (
                        head,
                        rows,
                    )
                message = (
                    Markup('<div class="alert %s o_cxm_panel_message">%s</div>')
                    % ("alert-info" if panel["ok"] else "alert-warning", panel["message"])
                    if panel["message"]
                    else Markup("")
                )
                parts.append(
                    Markup('<div class="o_cxm_panel mb-3"><h4>%s</h4>%s%s</div>')
                    % (escape(panel["name"]), message, body)
                )
            wizard.panels_html = Markup("").join(parts) or Markup("<p>%s</p>") % self.env._(
                "No look-up connector is configured."
            )
