# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import MacroCommon


@tagged("post_install", "-at_install")
class TestMacroUi(MacroCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._macro_fixtures("macro_tour_agent")

    def test_agent_applies_a_macro_and_a_refused_one_changes_nothing(self):
        ticket = self._ticket("Macro tour: toaster sparks")
        self.start_tour(f"/odoo/cxm-tickets/{ticket.id}", "cxm_macro_tour", login="macro_tour_agent")
        self.assertEqual(ticket.cxm_status_id, self.propose.to_status_id)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(len(ticket.cxm_history_ids), 3, "Classify, Start work, the macro; the refused one: nothing")
