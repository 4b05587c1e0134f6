# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import ProcessCommon


class TestAccess(ProcessCommon):
    def test_only_managers_design_processes(self):
        for user in (self.agent, self.supervisor):
            with self.assertRaises(AccessError):
                self.env["cxm.process"].with_user(user).create({"name": "Mine"})
            with self.assertRaises(AccessError):
                self.process.with_user(user).write({"name": "Renamed"})
            self.assertEqual(self.process.with_user(user).name, "Test process", "everyone may read processes")
        self.env["cxm.process"].with_user(self.manager).create({"name": "Manager's"})

    def test_history_is_read_only_and_follows_ticket_visibility(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        row = ticket.cxm_history_ids
        self.assertEqual(row.with_user(self.agent).read(["comment"])[0]["id"], row.id)
        with self.assertRaises(AccessError):
            row.with_user(self.agent_other).read(["comment"])
        with self.assertRaises(AccessError):
            row.with_user(self.agent).write({"comment": "rewritten"})
        with self.assertRaises(AccessError):
            self.env["cxm.process.history"].with_user(self.agent).create(
                {"res_model": "helpdesk.ticket", "res_id": ticket.id, "process_id": self.process.id}
            )
        self.assertTrue(row.with_user(self.supervisor).read(["comment"]))

    def test_other_team_agent_cannot_move_ticket(self):
        ticket = self._ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent_other).cxm_fire_transition(self.tr_take.id)
        self.assertEqual(ticket.stage_id, self.stage_new)
