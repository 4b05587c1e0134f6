# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero

WHOLE_UNITS = ("participant", "session", "instance")
CATALOGUE_UNITS = (*WHOLE_UNITS, "specialist_day", "fixed")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    qty_delivered_method = fields.Selection(selection_add=[("cxm_service", "Service Delivery")])
    cxm_pricing_unit = fields.Selection(related="product_id.cxm_pricing_unit", string="Pricing Unit")
    cxm_service_kind = fields.Selection(related="product_id.cxm_service_kind", store=True, string="Service Kind")
    cxm_plan_line_id = fields.Many2one(
        "cxm.integration.plan.line", string="Planned Instance", copy=False, index="btree_not_null", ondelete="set null"
    )
    cxm_instance_ids = fields.Many2many(
        "cxm.integration.instance",
        string="Integration Instances",
        copy=False,
        help="The instances this line connects; live instances count as delivered.",
    )
    cxm_session_event_ids = fields.One2many("event.event", "cxm_sale_line_id", string="Sessions")

    @api.constrains("product_id", "product_uom_id", "product_uom_qty", "cxm_instance_ids")
    def _check_cxm_quantity(self):
        for line in self:
            unit = line.product_id.cxm_pricing_unit
            if not unit or line.display_type:
                continue
            if line.product_uom_id != line.product_id.uom_id:
                raise ValidationError(
                    self.env._(
                        "%(product)s is sold in %(uom)s, not in %(wrong)s.",
                        product=line.product_id.display_name,
                        uom=line.product_id.uom_id.name,
                        wrong=line.product_uom_id.name,
                    )
                )
            qty = line.product_uom_qty
            if float_compare(qty, 0.0, precision_digits=2) <= 0:
                raise ValidationError(
                    self.env._("%(product)s: the quantity must be positive.", product=line.product_id.display_name)
                )
            if unit in WHOLE_UNITS and not float_is_zero(qty - round(qty), precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "%(product)s is priced per %(unit)s: the quantity counts whole %(uom)s, not %(qty)s.",
                        product=line.product_id.display_name,
                        unit=line.product_id.uom_id.name.lower(),
                        uom=line.product_id.uom_id.name.lower(),
                        qty=qty,
                    )
                )
            if unit == "specialist_day" and not float_is_zero(qty * 2 - round(qty * 2), precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "%(product)s is priced per specialist day: the quantity counts days and half-days, "
                        "not %(qty)s.",
                        product=line.product_id.display_name,
                        qty=qty,
                    )
                )
            if unit == "fixed" and float_compare(qty, 1.0, precision_digits=2) != 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s has a fixed price: the quantity is 1, not %(qty)s.",
                        product=line.product_id.display_name,
                        qty=qty,
                    )
                )
            if unit == "instance" and len(line.cxm_instance_ids) > qty:
                raise ValidationError(
                    self.env._(
                        "%(product)s: %(count)s instances linked to a line of %(qty)s.",
                        product=line.product_id.display_name,
                        count=len(line.cxm_instance_ids),
                        qty=qty,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # sale's precomputed fields read qty_delivered before the instance links
        # of the new lines are written: count again once they are
        catalogue = lines.filtered(lambda sol: sol.qty_delivered_method == "cxm_service")
        if catalogue:
            self.env.add_to_compute(self._fields["qty_delivered"], catalogue)
        return lines

    @api.depends("product_id.cxm_pricing_unit")
    def _compute_qty_delivered_method(self):
        catalogue = self.filtered(lambda sol: sol.product_id.cxm_pricing_unit in CATALOGUE_UNITS)
        catalogue.qty_delivered_method = "cxm_service"
        return super(SaleOrderLine, self - catalogue)._compute_qty_delivered_method()

    @api.depends(
        "registration_ids.state",
        "cxm_session_event_ids.cxm_is_held",
        "cxm_session_event_ids.cxm_day_ids.part",
        "cxm_instance_ids.state",
    )
    def _compute_qty_delivered(self):
        return super()._compute_qty_delivered()

    def _prepare_qty_delivered(self):
        """Delivered is what the customer got: participants who attended,
        sessions held, integration instances live, the specialist days of the
        sessions held (full day 1, half-day 0.5), and a fixed-price job once a
        session delivering it is held or every instance it connects is live."""
        delivered = super()._prepare_qty_delivered()
        for line in self.filtered(lambda sol: sol.qty_delivered_method == "cxm_service"):
            unit = line.product_id.cxm_pricing_unit
            if unit == "participant":
                delivered[line] = len(line.registration_ids.filtered(lambda r: r.state == "done"))
            elif unit == "session":
                delivered[line] = len(line.cxm_session_event_ids.filtered("cxm_is_held"))
            elif unit == "specialist_day":
                delivered[line] = line.cxm_session_event_ids.filtered("cxm_is_held")._cxm_days_worked()
            elif unit == "fixed":
                instances = line.cxm_instance_ids
                done = any(line.cxm_session_event_ids.mapped("cxm_is_held")) or (
                    instances and all(i.state == "active" for i in instances)
                )
                delivered[line] = 1.0 if done else 0.0
            else:
                delivered[line] = len(line.cxm_instance_ids.filtered(lambda i: i.state == "active"))
        return delivered
