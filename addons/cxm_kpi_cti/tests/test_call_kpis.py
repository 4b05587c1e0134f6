# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.cxm_kpi.tests.common import KpiCommon


@tagged("post_install", "-at_install")
class TestCallKpis(KpiCommon, HttpCase):
    """The caller's KPI card in the call-centre 360° view."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "KPI PBX",
                "code": "kpi-pbx",
                "kind": "call_center",
                "state": "active",
                "company_id": cls.company.id,
            }
        )

    def _call(self, partner, call_id):
        return self.env["cxm.cti.call"].create(
            {
                "instance_id": self.instance.id,
                "call_id": call_id,
                "caller_raw": "05321112233",
                "partner_id": partner.id if partner else False,
            }
        )

    def test_card_of_the_caller(self):
        self.compute()
        call = self._call(self.ayla, "kpi-1").with_user(self.agent)
        values = {value.kpi_id.code: value.display_value for value in call.cxm_kpi_value_ids}
        self.assertEqual(values["rfm"], "453")
        self.assertEqual(values["recency"], "10 days")
        self.assertEqual(call.cxm_kpi_value_ids, self.ayla.cxm_kpi_value_ids)
        self.assertFalse(self._call(None, "kpi-2").cxm_kpi_value_ids, "an unknown caller has no card")

    def test_card_tour(self):
        self.compute()
        call = self._call(self.ayla, "kpi-tour")
        self.start_tour(f"/odoo/cxm-calls/{call.id}", "cxm_kpi_cti_card_tour", login="kpi_agent")
