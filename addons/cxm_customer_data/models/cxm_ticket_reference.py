# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models

from .cxm_lookup_connector import KINDS


class CxmTicketReference(models.Model):
    """A row of an external look-up panel (an order, an account...) attached
    to a ticket, kept as the service sent it."""

    _name = "cxm.ticket.reference"
    _description = "Ticket External Reference"
    _order = "id desc"
    _rec_name = "label"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    connector_id = fields.Many2one("cxm.lookup.connector", string="Source", ondelete="set null")
    kind = fields.Selection(KINDS)
    label = fields.Char(required=True)
    external_id = fields.Char(string="External ID")
    data = fields.Json(string="Row", help="The row as the external service sent it.")
    data_text = fields.Text(string="Row (JSON)", compute="_compute_data_text")

    _ticket_connector_external_unique = models.Constraint(
        "UNIQUE(ticket_id, connector_id, external_id)", "This row is already attached to the ticket."
    )

    @api.depends("data")
    def _compute_data_text(self):
        for reference in self:
            reference.data_text = json.dumps(reference.data, indent=2, ensure_ascii=False) if reference.data else ""

    @api.model_create_multi
    def create(self, vals_list):
        # a reference is part of its ticket: whoever adds one must be able to change the ticket
        tickets = self.env["helpdesk.ticket"].browse({vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")})
        tickets.check_access("write")
        return super().create(vals_list)

    def unlink(self):
        self.ticket_id.check_access("write")
        return super().unlink()
