# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiImport(KpiCommon):
    def test_imported_value_overrides_until_cleared(self):
        self.compute()
        Value = self.env["cxm.kpi.value"].with_user(self.integration)
        monetary = self.kpis["monetary"]
        result = Value.cxm_import([{"kpi": "monetary", "partner_id": self.ayla.id, "value": 12345.5}])
        self.assertEqual(result[0]["status"], "updated")
        self.compute()
        row = self.ayla.cxm_kpi_value_ids.filtered(lambda v: v.kpi_id == monetary)
        self.assertEqual((row.value, row.imported), (12345.5, True))
        again = Value.cxm_import([{"kpi": "monetary", "partner_id": self.ayla.id, "value": 12345.5}])
        self.assertEqual(again[0]["status"], "unchanged")
        cleared = Value.cxm_import([{"kpi": "monetary", "partner_id": self.ayla.id, "value": None}])
        self.assertEqual(cleared[0]["status"], "cleared")
        self.compute()
        self.assertEqual(self.values(self.ayla)["monetary"], 900)

    def test_imported_kpi_by_customer_key(self):
        kpi = self.env["cxm.kpi"].create({"name": "Loyalty points", "code": "points", "kind": "imported"})
        self.env["cxm.partner.identity"].create(
            {"partner_id": self.burak.id, "key_type": "external", "source_id": self.source.id, "value": "C-42"}
        )
        Value = self.env["cxm.kpi.value"].with_user(self.integration)
        result = Value.cxm_import([{"kpi": "points", "customer_key": "C-42", "value": 320}], source="kpi-pos")
        self.assertEqual(result[0]["status"], "created")
        self.compute(kpi | self.kpis["monetary"])
        self.assertEqual(self.burak.cxm_kpi_value_ids.filtered(lambda v: v.kpi_id == kpi).value, 320)

    def test_bad_records_change_nothing(self):
        Value = self.env["cxm.kpi.value"].with_user(self.integration)
        result = Value.cxm_import(
            [
                {"kpi": "nope", "partner_id": self.ayla.id, "value": 1},
                {"kpi": "recency", "partner_id": self.ayla.id, "value": "many"},
                {"kpi": "recency", "customer_key": "unknown", "value": 1},
            ],
            source="kpi-pos",
        )
        self.assertEqual([r["status"] for r in result], ["error"] * 3)
        self.assertEqual([r["errors"][0]["field"] for r in result], ["kpi", "value", "customer_key"])
        self.assertFalse(self.env["cxm.kpi.value"].search([("partner_id", "=", self.ayla.id)]))

    def test_agents_read_but_never_write(self):
        self.compute()
        card = self.ayla.with_user(self.agent).cxm_kpi_value_ids
        self.assertTrue(card)
        with self.assertRaises(AccessError):
            card[0].write({"value": 1})
        with self.assertRaises(AccessError):
            self.env["cxm.kpi.value"].with_user(self.agent).cxm_import(
                [{"kpi": "recency", "partner_id": self.ayla.id, "value": 1}]
            )
        with self.assertRaises(AccessError):
            self.kpis["monetary"].with_user(self.agent).action_recompute()
