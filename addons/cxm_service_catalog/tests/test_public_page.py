# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPublicPage(HttpCase):
    def test_anonymous_visitor_sees_the_catalogue_and_the_schedule(self):
        design = self.env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id
        upcoming = self.env["event.event"].create(
            {
                "name": "Spring design training",
                "date_begin": "2099-03-02 07:00:00",
                "date_end": "2099-03-10 15:00:00",
                "cxm_product_id": design.id,
            }
        )
        cancelled = self.env["event.event"].create(
            {
                "name": "Cancelled design training",
                "date_begin": "2099-04-06 07:00:00",
                "date_end": "2099-04-14 15:00:00",
                "cxm_product_id": design.id,
                "kanban_state": "cancel",
            }
        )
        hidden = self.env.ref("cxm_service_catalog.product_kpi")
        hidden.cxm_published = False
        response = self.url_open("/cxm/catalog")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Call Centre Integration", page)
        self.assertIn("Per integration instance", page)
        self.assertIn("4 half-days + 2 full days", page)
        self.assertIn("Ten report/dashboard examples", page)
        self.assertIn(upcoming.name, page)
        self.assertNotIn(cancelled.name, page)
        self.assertNotIn(hidden.name, page, "unpublished services stay off the public page")
        self.assertNotIn(str(hidden.list_price), page.split("Service Catalogue", 1)[0])

    def test_the_page_takes_no_input(self):
        self.assertEqual(self.url_open("/cxm/catalog?id=1&model=res.partner").status_code, 200)
        self.assertEqual(self.url_open("/cxm/catalog", data={"x": 1}).status_code, 405)
