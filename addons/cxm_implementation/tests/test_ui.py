# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_key_user_gate(self):
        pm = new_test_user(self.env, "impl_tour_pm", groups="project.group_project_manager")
        customer = self.env["res.partner"].create({"name": "Gate Customer", "is_company": True})
        certified, uncertified = self.env["res.partner"].create(
            [
                {"name": "Gate Certified", "parent_id": customer.id},
                {"name": "Gate Uncertified", "parent_id": customer.id},
            ]
        )
        self.env["cxm.certificate"].create(
            {
                "partner_id": certified.id,
                "product_id": self.env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id.id,
                "expiry_date": date.today() + relativedelta(months=12),
            }
        )
        project = (
            self.env["project.project"]
            .with_user(pm)
            .create({"name": "Gate rollout", "partner_id": customer.id, "cxm_is_implementation": True})
        )
        self.env["cxm.implementation.key.user"].create(
            [
                {"project_id": project.id, "partner_id": certified.id, "role": "marketing_sales"},
                {"project_id": project.id, "partner_id": uncertified.id, "role": "customer_service"},
            ]
        )
        project.milestone_ids.filtered(lambda m: m.cxm_step == "key_users").is_reached = True
        self.start_tour(
            f"/odoo/cxm-implementations/{project.id}", "cxm_implementation_key_user_gate_tour", login="impl_tour_pm"
        )
        self.assertEqual(project.cxm_step, "training")
        self.assertFalse(project.milestone_ids.filtered(lambda m: m.cxm_step == "training").is_reached)
