# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import MergeCommon


@tagged("post_install", "-at_install")
class TestMergeUi(MergeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._merge_fixtures("merge_tour_agent")

    def test_agent_merges_two_tickets_from_the_list(self):
        first = self._ticket("Merge tour: dryer is noisy")
        second = self._ticket("Merge tour: dryer noise again")
        self.start_tour("/odoo/cxm-tickets?view_type=list", "cxm_helpdesk_merge_tour", login="merge_tour_agent")
        merged = (first | second).with_context(active_test=False).filtered("cxm_merged_into_id")
        self.assertEqual(len(merged), 1, "one ticket of the pair was merged into the other")
        survivor = (first | second) - merged
        self.assertEqual(merged.cxm_merged_into_id, survivor)
        self.assertTrue(survivor.active)
        self.assertFalse(merged.active)
        self.assertEqual(merged.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled"))
        self.assertEqual(merged.cxm_history_ids[0].user_id, self.agent)
