# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_import_wizard_tour(self):
        turkey = self.env.ref("base.tr")
        company = self.env.company
        company.cxm_phone_region_id = turkey
        new_test_user(self.env, "cd_tour_manager", groups="cxm_base.group_cxm_manager", name="Tour Manager")
        self.env["cxm.integration.instance"].create(
            {"name": "Tour ERP", "code": "tour-erp", "kind": "data_source", "company_id": company.id}
        )
        self.start_tour("/odoo", "cxm_customer_data_import_tour", login="cd_tour_manager")
        job = self.env["cxm.customer.import"].search([("name", "=", "tour_customers.csv")])
        self.assertEqual((job.created_count, job.error_count), (3, 2))
        partner = self.env["res.partner"].search([("name", "=", "Tour Ayse")])
        self.assertEqual(partner.parent_id.name, "Tour Gida")
