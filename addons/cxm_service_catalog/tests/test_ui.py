# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_quotation_from_an_integration_plan(self):
        self.env["cxm.integration.instance"].search([]).write({"state": "disabled"})
        Instance = self.env["cxm.integration.instance"]
        Instance.create({"name": "Tour PBX Istanbul", "code": "tour-cc-1", "kind": "call_center", "state": "active"})
        Instance.create({"name": "Tour PBX Izmir", "code": "tour-cc-2", "kind": "call_center"})
        Instance.create({"name": "Tour website", "code": "tour-web", "kind": "website", "state": "active"})
        customer = self.env["res.partner"].create({"name": "Tour Customer", "is_company": True})
        new_test_user(self.env, "cat_tour_sales", groups="sales_team.group_sale_salesman")
        self.start_tour("/odoo/cxm-integration-plans/new", "cxm_integration_plan_quote_tour", login="cat_tour_sales")
        order = self.env["sale.order"].search([("partner_id", "=", customer.id)])
        self.assertEqual(len(order.order_line), 3)
        self.assertEqual([line.product_uom_id.name for line in order.order_line], ["Instances"] * 3)
        plan = self.env["cxm.integration.plan"].search([("partner_id", "=", customer.id)])
        self.assertEqual(plan.sale_order_id, order)
