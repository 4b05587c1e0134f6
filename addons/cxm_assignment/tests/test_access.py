# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import AssignCommon


class TestAccess(AssignCommon):
    def test_agents_see_their_own_profile_and_assignments_only(self):
        tickets = self.make_tickets(8)
        agent = self.agents[0]
        Log = self.env["cxm.assignment.log"].with_user(agent)
        self.assertEqual(Log.search([("ticket_id", "in", tickets.ids)]).user_id, agent)
        self.assertEqual(
            len(self.env["cxm.assignment.log"].with_user(self.supervisor).search([("ticket_id", "in", tickets.ids)])), 8
        )
        Agent = self.env["cxm.assignment.agent"].with_user(agent)
        self.assertEqual(Agent.search([("user_id", "in", self.agents.ids)]).user_id, agent)
        with self.assertRaises(AccessError):
            Agent.search([("user_id", "=", agent.id)]).write({"accepts_tickets": False})
        with self.assertRaises(AccessError):
            Log.create({"ticket_id": tickets[0].id, "user_id": agent.id, "kind": "new"})

    def test_only_supervisors_run_assignment_on_request(self):
        self.team.cxm_assign_policy = "manual"
        tickets = self.make_tickets(3, user_id=False)
        self.team.cxm_assign_policy = "round_robin"
        with self.assertRaises(AccessError):
            tickets.with_user(self.agents[0]).action_cxm_assign()
        self.assertFalse(tickets.user_id)
        tickets.with_user(self.supervisor).action_cxm_assign()
        self.assertEqual(len(tickets.user_id), 3)
        with self.assertRaises(AccessError):
            self.team.with_user(self.agents[0]).action_cxm_reassign_absent()
