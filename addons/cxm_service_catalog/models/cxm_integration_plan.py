# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmIntegrationPlan(models.Model):
    """The systems a customer will connect, one line per planned instance:
    the basis of the integration part of a quotation."""

    _name = "cxm.integration.plan"
    _description = "Integration Plan"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", default=lambda self: self.env.user, index=True, tracking=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    line_ids = fields.One2many("cxm.integration.plan.line", "plan_id", string="Planned Instances", copy=True)
    sale_order_id = fields.Many2one("sale.order", string="Quotation", copy=False, readonly=True, tracking=True)
    line_count = fields.Integer(string="Instances", compute="_compute_line_count")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for plan in self:
            plan.line_count = len(plan.line_ids)

    def action_prefill_from_instances(self):
        """Add one line per integration instance of this database not planned yet,
        with the integration service of its kind."""
        for plan in self:
            instances = self.env["cxm.integration.instance"].search(
                [("company_id", "=", plan.company_id.id), ("state", "!=", "disabled")]
            )
            products = self.env["product.product"]._cxm_integration_services()
            vals, unmatched = [], []
            for instance in instances - plan.line_ids.instance_id:
                product = products.get(instance.kind)
                if not product:
                    unmatched.append(instance.display_name)
                    continue
                vals.append(
                    {
                        "plan_id": plan.id,
                        "instance_id": instance.id,
                        "product_id": product.id,
                        "instance_name": instance.name,
                    }
                )
            self.env["cxm.integration.plan.line"].create(vals)
            if unmatched:
                plan.message_post(
                    body=self.env._(
                        "No integration service in the catalogue for: %(names)s", names=", ".join(unmatched)
                    )
                )
        return True

    def action_create_quotation(self):
        """A quotation with one line per planned instance."""
        self.ensure_one()
        if self.sale_order_id and self.sale_order_id.state != "cancel":
            raise UserError(self.env._("This plan is already quoted in %(order)s.", order=self.sale_order_id.name))
        if not self.line_ids:
            raise UserError(self.env._("Add at least one planned instance first."))
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "user_id": self.user_id.id,
                "company_id": self.company_id.id,
                "origin": self.name,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": line.product_id.id,
                            "product_uom_qty": 1,
                            "name": line._cxm_sale_line_name(),
                            "cxm_plan_line_id": line.id,
                            "cxm_instance_ids": [(6, 0, line.instance_id.ids)],
                        },
                    )
                    for line in self.line_ids
                ],
            }
        )
        self.sale_order_id = order
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }
