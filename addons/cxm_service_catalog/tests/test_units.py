# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestUnits(CatalogCommon):
    def _order(self, product, qty, **line):
        return (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [(0, 0, dict({"product_id": product.id, "product_uom_qty": qty}, **line))],
                }
            )
        )

    def test_quantities_follow_the_pricing_unit(self):
        order = self._order(self.call_center, 2)
        line = order.order_line
        self.assertEqual(line.product_uom_id.name, "Instances")
        self.assertEqual(line.price_subtotal, 2 * self.call_center.lst_price)
        self.assertEqual(self._order(self.workshop_days, 2.5).order_line.product_uom_id.name, "Specialist Days")
        self.assertEqual(self._order(self.report_fixed, 1).amount_untaxed, self.report_fixed.lst_price)

    def test_wrong_quantities_are_refused_and_change_nothing(self):
        before = self.env["sale.order.line"].search_count([])
        cases = [
            (self.call_center, 1.5, "whole instances"),
            (self.enduser, 0.5, "whole sessions"),
            (self.workshop_days, 1.25, "days and half-days"),
            (self.report_fixed, 2, "fixed price: the quantity is 1"),
            (self.call_center, 0, "must be positive"),
            (self.call_center, -1, "must be positive"),
        ]
        for product, qty, message in cases:
            with self.subTest(product=product.name, qty=qty), self.assertRefused(ValidationError, message):
                self._order(product, qty)
        self.assertEqual(self.env["sale.order.line"].search_count([]), before)

    def test_wrong_unit_is_refused(self):
        days = self.env.ref("uom.product_uom_day")
        with self.assertRefused(ValidationError, "sold in Instances, not in Days"):
            self._order(self.call_center, 1, product_uom_id=days.id)
        order = self._order(self.call_center, 1)
        with self.assertRefused(ValidationError, "sold in Instances"):
            order.order_line.product_uom_id = self.env.ref("cxm_service_catalog.uom_participant")
        self.assertEqual(order.order_line.product_uom_id.name, "Instances")

    def test_a_catalogue_service_keeps_its_unit_and_type(self):
        tmpl = self.call_center.product_tmpl_id
        with self.assertRefused(ValidationError, "Instances, not (in )?Units"):
            tmpl.uom_id = self.env.ref("uom.product_uom_unit")
        with self.assertRefused(ValidationError, "type Service"):
            tmpl.type = "consu"
        new = self.env["product.template"].create(
            {"name": "Extra specialist day", "cxm_service_kind": "support", "cxm_pricing_unit": "specialist_day"}
        )
        self.assertEqual((new.type, new.uom_id.name), ("service", "Specialist Days"))
        with self.assertRefused(ValidationError, "both a service kind and a pricing unit"):
            self.env["product.template"].create({"name": "Half", "type": "service", "cxm_service_kind": "support"})
