# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import AssignCommon


class TestPolicies(AssignCommon):
    def test_manual_team_assigns_nobody(self):
        self.team.cxm_assign_policy = "manual"
        tickets = self.make_tickets(5, user_id=False)
        self.assertFalse(tickets.user_id)

    def test_round_robin_hands_out_in_turn_and_goes_on_across_batches(self):
        self.team.cxm_assign_policy = "round_robin"
        first = self.make_tickets(6)
        self.assertEqual(first.mapped("user_id").ids, self.agents.ids, "each agent in id order")
        self.assertEqual([t.user_id for t in first], list(self.agents) + list(self.agents[:2]))
        one = self.make_tickets(1)
        self.assertEqual(one.user_id, self.agents[2], "the ring goes on where the last batch stopped")
        self.assertEqual(self.team.cxm_assign_last_user_id, self.agents[2])

    def test_fairness_over_1000_tickets(self):
        """Balanced and round robin on 1,000 tickets of one batch: max - min open load at most 1, even when
        agents start from different loads (balanced fills the gap first)."""
        for policy in ("round_robin", "balanced"):
            with self.subTest(policy=policy):
                self.team.cxm_assign_policy = policy
                tickets = self.make_tickets(1000)
                self.assertFalse(tickets.filtered(lambda t: not t.user_id))
                loads = self.open_loads()
                self.assertLessEqual(max(loads.values()) - min(loads.values()), 1, loads)
                tickets.write({"stage_id": self.stage_done.id})
        self.make_tickets(30, user_id=self.agents[0].id)  # a head start of 30 for agent 0
        self.team.cxm_assign_policy = "balanced"
        self.make_tickets(1000)
        loads = self.open_loads()
        self.assertLessEqual(max(loads.values()) - min(loads.values()), 1, loads)
        self.assertEqual(sum(loads.values()), 1030)

    def test_capacity_never_exceeded_and_waiting_tickets_assigned_later(self):
        self.team.write({"cxm_assign_policy": "capacity", "cxm_assign_max_open": 3})
        tickets = self.make_tickets(15)
        loads = self.open_loads()
        self.assertEqual(set(loads.values()), {3}, loads)
        waiting = tickets.filtered(lambda t: not t.user_id)
        self.assertEqual(len(waiting), 3)
        tickets.filtered("user_id")[:2].write({"stage_id": self.stage_done.id})  # two agents have room again
        self.assertEqual(self.env["cxm.assignment.engine"]._cxm_assign_waiting_batch()[0], 2)
        self.assertEqual(len(tickets.filtered(lambda t: not t.user_id)), 1)
        self.assertEqual(max(self.open_loads().values()), 3)

    def test_live_conversation_limit(self):
        self.team.write({"cxm_assign_policy": "capacity", "cxm_assign_max_open": 10, "cxm_assign_max_conversations": 1})
        chats = self.make_tickets(6, channel_id=self.env.ref("cxm_helpdesk.helpdesk_ticket_channel_chat").id)
        self.assertEqual(len(chats.filtered("user_id")), 4, "one live conversation per agent")
        self.assertEqual(len(chats.user_id), 4)
        mails = self.make_tickets(4, channel_id=self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email").id)
        self.assertEqual(len(mails.filtered("user_id")), 4, "e-mail tickets still go to the agents")

    def test_fairness_window_limit(self):
        self.team.write({"cxm_assign_window_hours": 1, "cxm_assign_window_max": 2})
        tickets = self.make_tickets(10)
        self.assertEqual(len(tickets.filtered("user_id")), 8)
        tickets.filtered("user_id").write({"stage_id": self.stage_done.id})
        self.assertFalse(self.make_tickets(1).user_id, "closed or not, two per agent within the hour")

    def test_capacity_needs_a_limit_and_automatic_needs_members(self):
        with self.assertRaises(ValidationError):
            self.team.write({"cxm_assign_policy": "capacity", "cxm_assign_max_open": 0})
        with self.assertRaises(ValidationError):
            self.env["helpdesk.ticket.team"].create({"name": "Empty", "cxm_assign_policy": "round_robin"})
        with self.assertRaises(ValidationError):
            self.team.write({"cxm_assign_max_open": -1})

    def test_team_change_assigns_in_the_new_team(self):
        other = self.env["helpdesk.ticket.team"].create(
            {"name": "Manual team", "user_ids": [(6, 0, self.agents[:1].ids)]}
        )
        ticket = self.make_tickets(1, team=other, user_id=False)
        self.assertFalse(ticket.user_id)
        ticket.team_id = self.team
        self.assertIn(ticket.user_id, self.agents)
        self.assertEqual(ticket.cxm_assignment_log_ids.kind, "team")

    def test_return_to_an_unassigned_status_hands_the_ticket_out_again(self):
        stage_new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        stage_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        process = self.env["cxm.process"].create({"name": "Queue process", "model": "helpdesk.ticket"})
        Status = self.env["cxm.process.status"]
        st_new = Status.create(
            {"process_id": process.id, "sequence": 1, "ticket_stage_id": stage_new.id, "cxm_assign_on_entry": True}
        )
        st_progress = Status.create({"process_id": process.id, "sequence": 2, "ticket_stage_id": stage_progress.id})
        st_done = Status.create(
            {"process_id": process.id, "sequence": 3, "ticket_stage_id": self.stage_done.id, "is_closing": True}
        )
        Transition = self.env["cxm.process.transition"]
        take = Transition.create(
            {
                "process_id": process.id,
                "name": "Take",
                "from_status_ids": [(6, 0, st_new.ids)],
                "to_status_id": st_progress.id,
            }
        )
        back = Transition.create(
            {
                "process_id": process.id,
                "name": "Back to queue",
                "from_status_ids": [(6, 0, st_progress.ids)],
                "to_status_id": st_new.id,
            }
        )
        Transition.create(
            {
                "process_id": process.id,
                "name": "Done",
                "from_status_ids": [(6, 0, st_progress.ids)],
                "to_status_id": st_done.id,
            }
        )
        process.action_activate()
        self.team.write({"cxm_process_id": process.id, "cxm_assign_policy": "round_robin"})
        ticket = self.make_tickets(1)
        first = ticket.user_id
        self.assertTrue(first)
        ticket.cxm_fire_transition(take.id)
        self.assertEqual(ticket.user_id, first, "moving on keeps the assignee")
        ticket.cxm_fire_transition(back.id)
        self.assertTrue(ticket.user_id)
        self.assertNotEqual(ticket.user_id, first, "back in the queue: the next agent in turn")
        self.assertEqual(ticket.cxm_assignment_log_ids.mapped("kind"), ["return", "new"])

    def test_routed_ticket_follows_the_policy_not_the_creator_default(self):
        """helpdesk_mgmt's "assign to the creator" default loses against the policy of the team a routing
        rule chose."""
        self.env.company.helpdesk_mgmt_ticket_auto_assign = True
        category = self.env["helpdesk.ticket.category"].create({"name": "Routed to the assignment team"})
        self.env["cxm.helpdesk.routing.rule"].create(
            {"name": "To the assignment team", "category_id": category.id, "team_id": self.team.id}
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.supervisor)
            .create({"name": "Routed", "description": "<p>x</p>", "category_id": category.id})
        )
        self.assertEqual(ticket.team_id, self.team)
        self.assertIn(ticket.user_id, self.agents)
        self.assertEqual(ticket.cxm_assignment_log_ids.kind, "new")

    def test_batches_write_like_single_tickets(self):
        """A big batch goes through one UPDATE, a small one through the ORM: both leave the same assignee data
        (assigned date, the agent following the ticket, a log row)."""
        Ticket = self.env["helpdesk.ticket"].with_context(
            tracking_disable=False, mail_notrack=False, mail_create_nolog=False
        )  # as in real use: the ORM path tracks and subscribes
        for count in (3, 120):
            with self.subTest(count=count):
                tickets = Ticket.create(
                    [{"name": f"T{i}", "description": "<p>x</p>", "team_id": self.team.id} for i in range(count)]
                )
                self.assertFalse(tickets.filtered(lambda t: not t.user_id or not t.assigned_date))
                for ticket in tickets:
                    self.assertIn(ticket.user_id.partner_id, ticket.message_partner_ids)
                self.assertEqual(len(tickets.cxm_assignment_log_ids), count)
                self.assertEqual(set(tickets.cxm_assignment_log_ids.mapped("policy")), {"balanced"})
