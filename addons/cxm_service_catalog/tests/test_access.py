# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestAccess(CatalogCommon):
    def test_salespeople_see_their_own_plans(self):
        plan = (
            self.env["cxm.integration.plan"]
            .with_user(self.salesman)
            .create({"name": "Mine", "partner_id": self.customer.id})
        )
        Plan = self.env["cxm.integration.plan"]
        self.assertFalse(Plan.with_user(self.salesman_other).search([("id", "=", plan.id)]))
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman_other).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman_other).write({"name": "Taken over"})
        with self.assertRaises(AccessError):
            plan.with_user(self.salesman_other).action_create_quotation()
        self.assertEqual(plan.name, "Mine")
        self.assertFalse(plan.sale_order_id)
        self.assertTrue(Plan.with_user(self.sale_manager).search([("id", "=", plan.id)]))

    def test_certificates_are_issued_not_typed(self):
        cert_vals = {"partner_id": self.key_users[0].id, "product_id": self.design.id}
        for user in (self.salesman, self.desk, self.event_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["cxm.certificate"].with_user(user).create(cert_vals)
        self.assertFalse(self.key_users[0].cxm_certificate_ids)

    def test_portal_users_see_only_their_own_certificates(self):
        mine = self.env["cxm.certificate"].create({"partner_id": self.key_users[0].id, "product_id": self.design.id})
        other = self.env["cxm.certificate"].create({"partner_id": self.key_users[1].id, "product_id": self.design.id})
        portal = new_test_user(self.env, "cat_portal", groups="base.group_portal", partner_id=self.key_users[0].id)
        visible = self.env["cxm.certificate"].with_user(portal).search([])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["score"])
        with self.assertRaises(AccessError):
            mine.with_user(portal).write({"score": 100})

    def test_only_sales_managers_change_the_catalogue(self):
        tmpl = self.call_center.product_tmpl_id
        with self.assertRaises(AccessError):
            tmpl.with_user(self.salesman).write({"list_price": 1})
        with self.assertRaises(AccessError):
            self.env["cxm.service.deliverable"].with_user(self.salesman).create(
                {"name": "Free extra", "product_tmpl_id": tmpl.id}
            )
        self.env["cxm.service.deliverable"].with_user(self.sale_manager).create(
            {"name": "Go-live checklist", "product_tmpl_id": tmpl.id}
        )
        self.assertIn("Go-live checklist", tmpl.cxm_deliverable_ids.mapped("name"))

    def test_registration_desk_records_attendance_but_cannot_plan_days(self):
        event = self._training_session()
        with self.assertRaises(AccessError):
            self.env["cxm.training.day"].with_user(self.desk).create({"event_id": event.id, "date": "2030-01-07"})
        with self.assertRaises(AccessError):
            event.cxm_day_ids[0].with_user(self.salesman).write({"date": "2030-01-08"})
