# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestIntegrationPlan(CatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only the instances of this test live in the company
        cls.env["cxm.integration.instance"].search([]).write({"state": "disabled"})
        Instance = cls.env["cxm.integration.instance"]
        cls.cc_istanbul = Instance.create({"name": "Istanbul PBX", "code": "t-cc-ist", "kind": "call_center"})
        cls.cc_izmir = Instance.create({"name": "Izmir cloud CC", "code": "t-cc-izm", "kind": "call_center"})
        cls.web = Instance.create({"name": "Corporate site", "code": "t-web", "kind": "website"})

    def test_plan_prefilled_from_live_instances_quoted_delivered_and_invoiced(self):
        plan = (
            self.env["cxm.integration.plan"]
            .with_user(self.salesman)
            .create({"name": "Marmara plan", "partner_id": self.customer.id})
        )
        plan.action_prefill_from_instances()
        self.assertEqual(len(plan.line_ids), 3, "one line per instance: a second call centre is a second line")
        self.assertEqual(
            sorted(plan.line_ids.mapped(lambda line: (line.product_id.cxm_catalog_code, line.instance_name))),
            [("3.1.1", "Istanbul PBX"), ("3.1.1", "Izmir cloud CC"), ("3.1.5", "Corporate site")],
        )
        plan.action_prefill_from_instances()
        self.assertEqual(len(plan.line_ids), 3, "pre-filling again adds nothing already planned")

        action = plan.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(len(order.order_line), 3)
        self.assertEqual(set(order.order_line.mapped("product_uom_id.name")), {"Instances"})
        self.assertEqual(
            order.amount_untaxed, 2 * self.call_center.lst_price + self.website.lst_price, "two call centres, one site"
        )
        self.assertIn("Izmir cloud CC", " ".join(order.order_line.mapped("name")))
        with self.assertRefused(UserError, "already quoted"):
            plan.action_create_quotation()

        order.action_confirm()
        self.assertEqual(sum(order.order_line.mapped("qty_delivered")), 0, "nothing live yet")
        self.cc_istanbul.state = "active"
        self.web.state = "active"
        self.assertEqual(sum(order.order_line.mapped("qty_delivered")), 2, "instances live = delivered")
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_untaxed, order.amount_untaxed)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_plan_lines_refuse_a_non_integration_or_a_mismatched_instance(self):
        plan = self.env["cxm.integration.plan"].create({"name": "P", "partner_id": self.customer.id})
        with self.assertRefused(ValidationError, "not an integration service"):
            self.env["cxm.integration.plan.line"].create(
                {"plan_id": plan.id, "product_id": self.report_fixed.id, "instance_name": "x"}
            )
        with self.assertRefused(ValidationError, "is not of the kind"):
            self.env["cxm.integration.plan.line"].create(
                {
                    "plan_id": plan.id,
                    "product_id": self.call_center.id,
                    "instance_name": "x",
                    "instance_id": self.web.id,
                }
            )
        self.assertFalse(plan.line_ids)
        with self.assertRefused(UserError, "at least one planned instance"):
            plan.action_create_quotation()
        self.assertFalse(plan.sale_order_id)

    def test_a_line_cannot_link_more_instances_than_its_quantity(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.call_center.id, "product_uom_qty": 1})],
            }
        )
        with self.assertRefused(ValidationError, "2 instances linked to a line of 1"):
            order.order_line.cxm_instance_ids = self.cc_istanbul | self.cc_izmir
        self.assertFalse(order.order_line.cxm_instance_ids)
