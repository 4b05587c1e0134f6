# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiValues(KpiCommon):
    def test_purchase_kpis_hand_computed(self):
        """One year window on 30 June 2026: 300 + 500 + 200 - 100 returned (the 1000 of 545 days ago,
        the payment and the other company's sale do not count)."""
        self.compute()
        ayla = self.values(self.ayla)
        self.assertEqual(ayla["monetary"], 900)
        self.assertEqual(ayla["frequency"], 3)
        self.assertEqual(ayla["basket_size"], 300)
        self.assertEqual(ayla["recency"], 10)
        self.assertEqual(ayla["lifetime"], 545)

    def test_no_orders_no_values(self):
        self.compute()
        self.assertEqual(self.values(self.burak), {})
        self.assertFalse(self.burak.cxm_kpi_value_ids)

    def test_orders_outside_the_window(self):
        """Cem bought once 515 days ago: recency and lifetime, no basket/frequency/monetary this year."""
        self.compute()
        cem = self.values(self.cem)
        self.assertEqual((cem["recency"], cem["lifetime"]), (515, 515))
        self.assertNotIn("monetary", cem)
        self.assertNotIn("frequency", cem)
        self.assertEqual(cem["rfm_f"], 1, "no purchase in the window scores the lowest frequency")

    def test_refund_and_currency(self):
        """Elif's purchase was fully refunded: value 0 but one order; Deniz paid 100 EUR = 4000 TRY."""
        self.compute()
        elif_ = self.values(self.elif_)
        self.assertEqual((elif_["monetary"], elif_["frequency"], elif_["basket_size"]), (0, 1, 0))
        self.assertEqual(elif_["recency"], 60)
        deniz = self.values(self.deniz)
        self.assertEqual((deniz["monetary"], deniz["basket_size"], deniz["recency"]), (4000, 4000, 1))

    def test_rfm_quintiles(self):
        """Quintile limits over the customers who have the value (see the class docstring):
        recency [1, 10, 60, 515], frequency [1, 1, 3], monetary [0, 900, 4000]."""
        self.compute()
        self.assertEqual(self.kpis["rfm_r"].rfm_thresholds, "[6.4, 20.0, 50.0, 242.0]")
        scores = {
            partner.name: tuple(self.values(partner)[code] for code in ("rfm_r", "rfm_f", "rfm_m", "rfm"))
            for partner in (self.ayla, self.cem, self.deniz, self.elif_)
        }
        self.assertEqual(
            scores,
            {
                "Ayla": (4, 5, 3, 453),
                "Cem": (1, 1, 1, 111),
                "Deniz": (5, 1, 5, 515),
                "Elif": (2, 1, 1, 211),
            },
        )

    def test_service_kpis(self):
        """Ayla: two tickets in 90 days, one complaint, resolution 5 h and 10 h -> 7.5 h."""
        self.compute()
        ayla = self.values(self.ayla)
        self.assertEqual((ayla["tickets_90"], ayla["complaints_365"], ayla["resolution_hours"]), (2, 1, 7.5))
        self.assertNotIn("tickets_90", self.values(self.cem))

    def test_window_moves_with_time(self):
        """67 days later the order of 300 days ago leaves the one-year window; with a frozen clock the
        values are those of that day."""
        self.compute()
        with freeze_time("2026-09-05 12:00:00"):
            self.env["cxm.kpi.engine"]._cxm_compute(self.env["cxm.kpi"].union(*self.kpis.values()), None, full=True)
        ayla = self.values(self.ayla)
        self.assertEqual((ayla["monetary"], ayla["frequency"], ayla["recency"]), (700, 2, 77))

    def test_card_shows_formatted_values(self):
        self.compute()
        card = self.ayla.with_user(self.agent).cxm_kpi_value_ids
        shown = {row.kpi_id.code: row.display_value for row in card}
        self.assertIn("900", shown["monetary"])
        self.assertEqual(shown["recency"], "10 days")
        self.assertEqual(shown["rfm"], "453")

    def test_definition_checks(self):
        with self.assertRaises(ValidationError):
            self.env["cxm.kpi"].create(
                {"name": "bad", "code": "bad", "kind": "rfm_monetary", "base_kpi_id": self.kpis["recency"].id}
            )
        with self.assertRaises(ValidationError):
            self.env["cxm.kpi"].create({"name": "bad", "code": "bad2", "kind": "monetary", "window_days": -1})
