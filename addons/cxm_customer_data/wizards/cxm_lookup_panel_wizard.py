# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmLookupPanelWizard(models.TransientModel):
    _name = "cxm.lookup.panel.wizard"
    _description = "External Data Panels"

    partner_id = fields.Many2one("res.partner", ondelete="cascade")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", ondelete="cascade", help="Asked from this ticket: its rows can be attached to it."
    )
    panels_html = fields.Html(sanitize=False, readonly=True)
    line_ids = fields.One2many("cxm.lookup.panel.line", "wizard_id", string="Rows")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._cxm_render_panels()
        return wizards

    @api.model
    def _cxm_open(self, partner, ticket=None):
        """Action opening the External data dialog of ``partner`` (and ``ticket``)."""
        wizard = self.create({"partner_id": partner.id, "ticket_id": ticket.id if ticket else False})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("External data"),
            "res_model": "cxm.lookup.panel.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _cxm_render_panels(self):
        """Ask every connector now (in the button's read/write transaction, so
        answers can be cached) and keep the rendered panels."""
        for wizard in self:
            parts = []
            if wizard.ticket_id:
                panels = wizard.ticket_id._cxm_lookup_panels()
            elif wizard.partner_id:
                panels = wizard.partner_id.cxm_lookup_panels()
            else:
                panels = []
            lines = []
            for panel in panels:
                if wizard.ticket_id and panel["ok"]:
                    lines += [
                        {
                            "connector_id": panel["connector_id"],
                            "row_index": index,
                            "panel_name": panel["name"],
                            "summary": " · ".join(
                                f"{column}: {value}"
                                for column, value in zip(panel["columns"], row, strict=False)
                                if value is not None
                            ),
                        }
                        for index, row in enumerate(panel["rows"])
                    ]
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
            wizard.line_ids = [(0, 0, line) for line in lines]
            wizard.panels_html = Markup("").join(parts) or Markup("<p>%s</p>") % self.env._(
                "No look-up connector is configured."
            )


class CxmLookupPanelLine(models.TransientModel):
    _name = "cxm.lookup.panel.line"
    _description = "External Data Panel Row"

    wizard_id = fields.Many2one("cxm.lookup.panel.wizard", required=True, ondelete="cascade")
    connector_id = fields.Many2one("cxm.lookup.connector", required=True, ondelete="cascade")
    row_index = fields.Integer()
    panel_name = fields.Char(string="Panel")
    summary = fields.Char(string="Row")

    def action_attach(self):
        """Attach this row to the wizard's ticket, then back to the ticket."""
        self.ensure_one()
        if not self.wizard_id.ticket_id:
            raise UserError(self.env._("Open the external data from a ticket to attach a row to it."))
        self.wizard_id.ticket_id.cxm_attach_lookup_row(self.connector_id.id, self.row_index)
        return {"type": "ir.actions.act_window_close"}
