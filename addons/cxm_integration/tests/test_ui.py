# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCockpitUi(HttpCase):
    def test_cockpit_health_and_drill_down(self):
        new_test_user(self.env, "cxm_tour_it", groups="cxm_base.group_cxm_manager", name="Tour IT")
        instance = self.env["cxm.integration.instance"].create(
            {"name": "Tour ERP", "code": "tour-erp", "kind": "data_target", "state": "active"}
        )
        Log = self.env["cxm.integration.log"]
        Log._record(instance, "out", "/tour/orders", 200, 40)
        Log._record(instance, "out", "/tour/orders", 200, 60)
        Log._record(instance, "out", "/tour/orders", 502, 90, request={"email": "x@example.com"}, error="HTTP 502")
        self.start_tour("/odoo/cxm-integration-cockpit", "cxm_integration_cockpit_tour", login="cxm_tour_it")
