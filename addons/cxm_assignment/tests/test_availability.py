# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command

from odoo.addons.cxm_process.tests.common import working_calendar

from .common import AssignCommon


class TestAvailability(AssignCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar_office = working_calendar(cls.env, "Office Mon-Fri 8-17 UTC", 5, 8, 17)

    def test_only_agents_present_in_odoo(self):
        self.team.cxm_assign_need_presence = True
        Presence = self.env["mail.presence"]
        Presence.create({"user_id": self.agents[0].id, "status": "online"})
        Presence.create({"user_id": self.agents[1].id, "status": "online"})
        Presence.create({"user_id": self.agents[2].id, "status": "offline"})
        self.agents[1].manual_im_status = "busy"  # do not disturb
        tickets = self.make_tickets(4)
        self.assertEqual(tickets.user_id, self.agents[0], "online and not do-not-disturb: agent 0 only")

    def test_only_agents_inside_working_hours_and_not_on_leave(self):
        self.team.cxm_assign_need_hours = True
        self.env.company.resource_calendar_id = self.calendar_office
        Resource = self.env["resource.resource"]
        always = working_calendar(self.env, "Flexible", 7, 0, 24)
        # agent 0: own 24/7 calendar; agent 1: 24/7 too but on leave now (what hr_holidays writes for a
        # validated time off); agents 2 and 3: no resource, the company's office hours
        Resource.create({"name": "A0", "user_id": self.agents[0].id, "calendar_id": always.id})
        on_leave = Resource.create({"name": "A1", "user_id": self.agents[1].id, "calendar_id": always.id})
        with freeze_time("2026-03-07 10:00:00"):  # a Saturday
            now = fields.Datetime.now()
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Time off",
                    "calendar_id": always.id,
                    "resource_id": on_leave.id,
                    "date_from": now - timedelta(hours=2),
                    "date_to": now + timedelta(days=1),
                }
            )
            weekend = self.make_tickets(3)
            self.assertEqual(weekend.user_id, self.agents[0], "weekend: only the 24/7 agent not on leave")
            weekend.write({"stage_id": self.stage_done.id})
        with freeze_time("2026-03-09 10:00:00"):  # Monday, office open, leave over
            self.assertEqual(self.make_tickets(8).user_id, self.agents)
        with freeze_time("2026-03-09 18:00:00"):  # Monday evening
            self.assertEqual(self.make_tickets(3).user_id, self.agents[:2])

    def test_agent_who_takes_no_tickets(self):
        self.env["cxm.assignment.agent"].create({"user_id": self.agents[0].id, "accepts_tickets": False})
        tickets = self.make_tickets(6)
        self.assertEqual(tickets.user_id, self.agents[1:])

    def test_language_and_category_skills(self):
        self.env["res.lang"]._activate_lang("tr_TR")
        Agent = self.env["cxm.assignment.agent"]
        cat_b2b, cat_other = self.env["helpdesk.ticket.category"].create([{"name": "B2B"}, {"name": "Other"}])
        Agent.create({"user_id": self.agents[0].id, "lang_ids": [Command.set(self.env.ref("base.lang_tr").ids)]})
        Agent.create(
            {
                "user_id": self.agents[1].id,
                "lang_ids": [Command.set((self.env.ref("base.lang_tr") | self.env.ref("base.lang_en")).ids)],
                "category_ids": [Command.set(cat_b2b.ids)],
            }
        )
        Agent.create({"user_id": self.agents[2].id, "lang_ids": [Command.set(self.env.ref("base.lang_en").ids)]})
        Agent.create({"user_id": self.agents[3].id, "category_ids": [Command.set(cat_b2b.ids)]})  # own language: en_US
        self.team.write({"cxm_assign_skills": True, "cxm_assign_policy": "round_robin"})
        turkish = self.env["res.partner"].create({"name": "Ahmet Kılıç", "lang": "tr_TR"})
        tr_tickets = self.make_tickets(6, partner_id=turkish.id, category_id=cat_other.id)
        self.assertEqual(tr_tickets.user_id, self.agents[0], "a Turkish speaker who handles every category")
        tr_b2b = self.make_tickets(4, partner_id=turkish.id, category_id=cat_b2b.id)
        self.assertEqual(tr_b2b.user_id, self.agents[:2])
        en_other = self.make_tickets(4, category_id=cat_other.id)
        self.assertEqual(en_other.user_id, self.agents[2])
        # nobody can take it: it waits instead of going to the wrong person
        self.env["res.lang"]._activate_lang("de_DE")
        german = self.env["res.partner"].create({"name": "Jörg", "lang": "de_DE"})
        self.assertFalse(self.make_tickets(1, partner_id=german.id).user_id)

    def test_hand_out_an_absent_agents_tickets(self):
        self.team.cxm_assign_policy = "round_robin"
        tickets = self.make_tickets(8)
        absent = self.agents[0]
        theirs = tickets.filtered(lambda t: t.user_id == absent)
        self.assertEqual(len(theirs), 2)
        profile = self.env["cxm.assignment.agent"].search([("user_id", "=", absent.id)])
        with self.assertRaises(AccessError):
            profile.with_user(self.agents[1]).action_cxm_reassign_open_tickets()
        profile.with_user(self.supervisor).action_cxm_reassign_open_tickets()
        self.assertTrue(theirs.user_id)
        self.assertNotIn(absent, theirs.user_id)
        self.assertEqual(set(theirs.cxm_assignment_log_ids.mapped("kind")), {"new", "reassign"})

    def test_team_button_hands_out_tickets_of_absent_members(self):
        tickets = self.make_tickets(8)
        self.team.cxm_assign_need_presence = True
        for agent in self.agents[:3]:
            self.env["mail.presence"].create({"user_id": agent.id, "status": "online"})
        self.team.with_user(self.supervisor).action_cxm_reassign_absent()
        self.assertEqual(tickets.user_id, self.agents[:3], "agent 3 is offline: their tickets went to the others")
