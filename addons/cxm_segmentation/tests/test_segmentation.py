# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentation(SegmentationCommon):
    def rule(self, kpi, operator, value):
        return str([("cxm_kpi_value_ids", "any", [("kpi_id", "=", self.kpis[kpi].id), ("value", operator, value)])])

    def tier_segmentation(self):
        return self.env["cxm.segmentation"].create(
            {
                "name": "Tier",
                "segment_ids": [
                    (0, 0, {"name": "Big", "sequence": 1, "domain": self.rule("monetary", ">=", 1000)}),
                    (0, 0, {"name": "Buyers", "sequence": 2, "domain": self.rule("frequency", ">=", 1)}),
                ],
            }
        )

    def history(self, segmentation):
        rows = self.env["cxm.segment.history"].search(
            [("segmentation_id", "=", segmentation.id), ("partner_id", "in", self.customers.ids)], order="id"
        )
        return [(r.partner_id.name, r.move, r.from_segment_id.name or "", r.to_segment_id.name or "") for r in rows]

    def test_rfm_presets(self):
        """Each customer lands in the first preset that matches: Ayla (R5 F5) is a champion, not
        also loyal."""
        segmentation = self.rfm_segmentation()
        segmentation._cxm_recompute(self.customers.ids)
        self.assertEqual(
            self.membership(segmentation),
            {"Ayla": "Champions", "Burak": "Loyal", "Cem": "New", "Deniz": "At risk", "Elif": "Hibernating"},
        )

    def test_several_segmentations_side_by_side(self):
        value, tier = self.rfm_segmentation(), self.tier_segmentation()
        self.compute()
        (value | tier)._cxm_recompute(self.customers.ids)
        self.assertEqual(self.membership(value)["Deniz"], "At risk")
        self.assertEqual(self.membership(tier)["Deniz"], "Big")
        self.assertEqual(set(self.deniz.cxm_segment_ids.mapped("name")), {"At risk", "Big"})
        found = self.env["res.partner"].search([("cxm_segment_ids", "in", tier.segment_ids[:1].ids)])
        self.assertEqual(found & self.customers, self.deniz)

    def test_history_of_entries_moves_and_exits(self):
        tier = self.tier_segmentation()
        self.compute()
        self.assertEqual(tier._cxm_recompute(), 3)
        self.assertEqual(self.membership(tier), {"Ayla": "Buyers", "Deniz": "Big", "Elif": "Buyers"})
        self.assertEqual(tier._cxm_recompute(), 0, "nothing changed: no move, no history")
        self._buy(self.ayla, 1, 500)
        self.env["cxm.customer.transaction"].search([("partner_id", "=", self.elif_.id)]).unlink()
        self.compute()
        self.assertEqual(tier._cxm_recompute(), 2)
        self.assertEqual(self.membership(tier), {"Ayla": "Big", "Deniz": "Big"})
        self.assertEqual(
            sorted(self.history(tier)),
            sorted(
                [
                    ("Ayla", "entry", "", "Buyers"),
                    ("Deniz", "entry", "", "Big"),
                    ("Elif", "entry", "", "Buyers"),
                    ("Ayla", "move", "Buyers", "Big"),
                    ("Elif", "exit", "Buyers", ""),
                ]
            ),
        )

    def test_membership_follows_kpi_runs(self):
        """A full KPI run recomputes every segmentation; an incremental run the changed customers."""
        tier = self.tier_segmentation()
        self.env["cxm.kpi.run"]._cxm_run_full()
        self.assertEqual(self.membership(tier)["Deniz"], "Big")

    def test_rule_on_customer_fields(self):
        segmentation = self.env["cxm.segmentation"].create(
            {"name": "Names", "segment_ids": [(0, 0, {"name": "A", "domain": "[('name', '=like', 'A%')]"})]}
        )
        segmentation._cxm_recompute(self.customers.ids)
        self.assertEqual(self.membership(segmentation), {"Ayla": "A"})

    def test_invalid_rule_refused(self):
        with self.assertRaises(ValidationError):
            self.env["cxm.segmentation"].create(
                {"name": "Bad", "segment_ids": [(0, 0, {"name": "x", "domain": "[('no_such_field', '=', 1)]"})]}
            )
        with self.assertRaises(ValidationError):
            self.env["cxm.segmentation"].create(
                {"name": "Bad", "segment_ids": [(0, 0, {"name": "x", "rule_type": "rfm"})]}
            )

    def test_roles(self):
        segmentation = self.rfm_segmentation()
        with self.assertRaises(AccessError):
            self.env["cxm.segmentation"].with_user(self.agent).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            segmentation.with_user(self.agent).action_recompute()
        segmentation.with_user(self.manager).action_recompute()
        self.assertEqual(self.membership(segmentation)["Ayla"], "Champions")
        self.assertTrue(self.ayla.with_user(self.agent).cxm_segment_member_ids)
