# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models


class CxmEcommerceOrder(models.Model):
    """An order of an e-commerce platform a ticket is about: its reference, date, lines and amount, as the
    integrator sent them."""

    _name = "cxm.ecommerce.order"
    _description = "E-commerce Order Reference"
    _order = "order_date desc, id desc"

    name = fields.Char(string="Order Reference", required=True, index=True)
    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer", store=True)
    instance_id = fields.Many2one("cxm.integration.instance", string="Platform", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    order_date = fields.Datetime()
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency")
    lines = fields.Text(string="Lines (JSON)", help="JSON: the order's lines as the platform sent them.")
    lines_summary = fields.Text(string="Lines", compute="_compute_lines_summary")
    line_count = fields.Integer(compute="_compute_lines_summary")

    _ticket_name_unique = models.Constraint("UNIQUE(ticket_id, name)", "An order is referenced once per ticket.")

    @api.depends("lines")
    def _compute_lines_summary(self):
        for order in self:
            try:
                lines = json.loads(order.lines or "[]")
            except ValueError:
                lines = []
            rows = []
            for line in lines if isinstance(lines, list) else []:
                rows.append(
                    "{qty} x {name}{sku} {price}".format(
                        qty=line.get("quantity", 1),
                        name=line.get("name") or "",
                        sku=f" ({line['sku']})" if line.get("sku") else "",
                        price=line.get("price") if line.get("price") is not None else "",
                    ).strip()
                )
            order.lines_summary = "\n".join(rows)
            order.line_count = len(rows)
