# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CxmIntegrationPlanLine(models.Model):
    """One planned instance: a second call centre is a second line."""

    _name = "cxm.integration.plan.line"
    _description = "Integration Plan Line"
    _order = "plan_id, sequence, id"

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one("cxm.integration.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product",
        string="Integration Service",
        required=True,
        domain=[("cxm_service_kind", "=", "integration")],
    )
    pricing_unit = fields.Selection(related="product_id.cxm_pricing_unit")
    kind = fields.Selection(related="product_id.cxm_integration_kind")
    instance_name = fields.Char(string="Instance", required=True, help="e.g. 'Istanbul call centre'.")
    instance_id = fields.Many2one(
        "cxm.integration.instance", string="Live Instance", index="btree_not_null", ondelete="set null"
    )
    instance_state = fields.Selection(related="instance_id.state", string="Instance State")

    @api.constrains("product_id", "instance_id")
    def _check_product(self):
        for line in self:
            if line.product_id.cxm_service_kind != "integration":
                raise ValidationError(
                    self.env._("%(product)s is not an integration service.", product=line.product_id.display_name)
                )
            kind = line.product_id.cxm_integration_kind
            if line.instance_id and kind and line.instance_id.kind != kind:
                raise ValidationError(
                    self.env._(
                        "%(instance)s is not of the kind %(product)s integrates.",
                        instance=line.instance_id.display_name,
                        product=line.product_id.display_name,
                    )
                )

    @api.onchange("instance_id")
    def _onchange_instance_id(self):
        if self.instance_id and not self.instance_name:
            self.instance_name = self.instance_id.name

    def _cxm_sale_line_name(self):
        self.ensure_one()
        return f"{self.product_id.display_name}\n{self.instance_name}"
