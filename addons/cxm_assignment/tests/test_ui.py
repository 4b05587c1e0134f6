# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAssignmentUi(HttpCase):
    def test_manager_sets_capacity_and_hands_out_absent_agents_tickets(self):
        new_test_user(self.env, "cxm_assign_tour_manager", groups="cxm_base.group_cxm_manager")
        present = new_test_user(self.env, "cxm_assign_present", groups="cxm_base.group_cxm_agent")
        absent = new_test_user(self.env, "cxm_assign_absent", groups="cxm_base.group_cxm_agent")
        self.env["mail.presence"].create({"user_id": present.id, "status": "online"})
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour assignment team",
                "user_ids": [(6, 0, (present | absent).ids)],
                "cxm_assign_need_hours": False,  # the tour runs at any hour
            }
        )
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": f"Tour ticket {i}", "description": "<p>x</p>", "team_id": team.id, "user_id": absent.id}
                for i in range(2)
            ]
        )
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_team_action/{team.id}",
            "cxm_assignment_team_tour",
            login="cxm_assign_tour_manager",
        )
        self.assertEqual(team.cxm_assign_policy, "capacity")
        self.assertEqual(team.cxm_assign_max_open, 2)
        self.assertEqual(tickets.user_id, present)

    def test_supervisor_hands_out_an_absent_agents_tickets(self):
        new_test_user(self.env, "cxm_assign_tour_supervisor", groups="cxm_base.group_cxm_supervisor")
        ill, other = (
            new_test_user(self.env, f"cxm_assign_tour_agent{i}", groups="cxm_base.group_cxm_agent") for i in range(2)
        )
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour round robin team",
                "user_ids": [(6, 0, (ill | other).ids)],
                "cxm_assign_policy": "round_robin",
                "cxm_assign_need_presence": False,
                "cxm_assign_need_hours": False,
            }
        )
        tickets = self.env["helpdesk.ticket"].create(
            [{"name": f"Ill {i}", "description": "<p>x</p>", "team_id": team.id, "user_id": ill.id} for i in range(3)]
        )
        profile = self.env["cxm.assignment.agent"].create({"user_id": ill.id})
        self.start_tour(
            f"/odoo/action-cxm_assignment.cxm_assignment_agent_action/{profile.id}",
            "cxm_assignment_agent_tour",
            login="cxm_assign_tour_supervisor",
        )
        self.assertEqual(tickets.user_id, other)
