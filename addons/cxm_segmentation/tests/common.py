# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.cxm_kpi.tests.common import KpiCommon


class SegmentationCommon(KpiCommon):
    """The KPI fixtures, and RFM scores pushed for the five customers on the built-in KPIs (an
    imported value overrides the computed one, so they do not depend on other customers)."""

    RFM = {"ayla": (5, 5), "burak": (3, 3), "cem": (5, 1), "deniz": (1, 4), "elif_": (1, 1)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.ayla | cls.burak | cls.cem | cls.deniz | cls.elif_
        records = []
        for attr, (recency, frequency) in cls.RFM.items():
            partner = getattr(cls, attr)
            records += [
                {"kpi": "rfm_r", "partner_id": partner.id, "value": recency},
                {"kpi": "rfm_f", "partner_id": partner.id, "value": frequency},
            ]
        # the built-in (shared) RFM KPIs: pushed by a user outside the KPI Co company
        cls.env["cxm.kpi.value"].cxm_import(records)

    @classmethod
    def rfm_segmentation(cls, name="Value"):
        return cls.env["cxm.segmentation"].create(
            {
                "name": name,
                "segment_ids": [
                    (0, 0, {"name": label, "sequence": seq, "rule_type": "rfm", "rfm_preset": preset})
                    for seq, (label, preset) in enumerate(
                        [
                            ("Champions", "champions"),
                            ("Loyal", "loyal"),
                            ("New", "new"),
                            ("At risk", "at_risk"),
                            ("Hibernating", "hibernating"),
                        ]
                    )
                ],
            }
        )

    def membership(self, segmentation):
        members = self.env["cxm.segment.member"].search(
            [("segmentation_id", "=", segmentation.id), ("partner_id", "in", self.customers.ids)]
        )
        return {member.partner_id.name: member.segment_id.name for member in members}
