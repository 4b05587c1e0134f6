# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentationUi(SegmentationCommon, HttpCase):
    def test_segment_definition_tour(self):
        """A manager defines a segmentation with an RFM preset, recomputes it and sees its members."""
        self.start_tour(
            "/odoo/action-cxm_segmentation.cxm_segmentation_action", "cxm_segment_tour", login="kpi_manager"
        )
        segmentation = self.env["cxm.segmentation"].search([("name", "=", "Tour value")])
        self.assertEqual(segmentation.segment_ids.rfm_preset, "champions")
        self.assertIn("Ayla", segmentation.segment_ids.member_ids.partner_id.mapped("name"))
