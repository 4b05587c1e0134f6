# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.fields import Command

from .common import ProcessCommon, working_calendar


class TestSlaAutomation(ProcessCommon):
    def test_deadline_follows_working_calendar(self):
        office = working_calendar(self.env, "Office 9-17", 5, 9, 17)
        self.process.resource_calendar_id = office
        with freeze_time("2026-03-06 15:00:00"):  # a Friday
            ticket = self._ticket()
        # 4 working hours: 2 on Friday, 2 on Monday
        self.assertEqual(ticket.cxm_sla_deadline, datetime(2026, 3, 9, 11, 0))
        with freeze_time("2026-03-09 10:00:00"):
            self.assertEqual(ticket.cxm_sla_state, "near")
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        row = ticket.cxm_history_ids
        self.assertAlmostEqual(row.duration_hours, 67.0, places=2)
        self.assertAlmostEqual(row.working_hours, 3.0, places=2)
        self.assertEqual(row.sla_result, "met")

    def test_breach_pause_and_resume(self):
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
        with freeze_time("2026-03-02 13:00:00"):
            self.assertEqual(ticket.cxm_sla_state, "breached")
            ticket.cxm_fire_transition(self.tr_take.id)
            self.assertEqual(ticket.cxm_history_ids.sla_result, "breached")
            ticket.cxm_fire_transition(self.tr_ask.id, "waiting for photos")
            self.assertFalse(ticket.cxm_sla_deadline, "the clock does not run while waiting for the customer")
            self.assertEqual(ticket.cxm_sla_state, "paused")
        with freeze_time("2026-03-05 13:00:00"):
            self.assertEqual(ticket.cxm_sla_state, "paused", "three days of waiting do not breach anything")
            ticket.cxm_fire_transition(self.tr_resume.id)
            self.assertEqual(ticket.cxm_history_ids[0].sla_result, "paused")
            self.assertEqual(ticket.cxm_sla_deadline, datetime(2026, 3, 5, 21, 0))
            self.assertEqual(ticket.cxm_sla_state, "ok")
            breached = self.env["helpdesk.ticket"].search([("cxm_sla_state", "=", "breached"), ("id", "=", ticket.id)])
            self.assertFalse(breached)
        with freeze_time("2026-03-05 22:00:00"):
            breached = self.env["helpdesk.ticket"].search([("cxm_sla_state", "=", "breached"), ("id", "=", ticket.id)])
            self.assertEqual(breached, ticket)

    def test_customer_reply_fires_automatic_transition(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        ticket.cxm_fire_transition(self.tr_ask.id, "photos please")
        ticket.message_post(body="Here they are", author_id=self.customer.id, message_type="comment")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        row = ticket.cxm_history_ids[0]
        self.assertEqual((row.kind, row.transition_id), ("automatic", self.tr_reply))
        ticket.message_post(body="Internal note", message_type="comment")
        self.assertEqual(ticket.stage_id, self.stage_progress, "only the customer's messages count")

    def test_timer_transition(self):
        auto = self.env["cxm.process.transition"].create(
            {
                "process_id": self.process.id,
                "name": "Close silent",
                "trigger": "timer",
                "delay_hours": 48,
                "from_status_ids": [Command.set(self.st_awaiting.ids)],
                "to_status_id": self.st_done.id,
            }
        )
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            ticket.cxm_fire_transition(self.tr_take.id)
            ticket.cxm_fire_transition(self.tr_ask.id, "photos please")
        with freeze_time("2026-03-03 08:00:00"):
            self.env["cxm.process"]._cxm_timer_batch()
            self.assertEqual(ticket.stage_id, self.stage_awaiting, "24 h are not enough")
        with freeze_time("2026-03-04 09:00:00"):
            self.env["cxm.process"]._cxm_timer_batch()
            self.assertEqual(ticket.stage_id, self.stage_done)
            self.assertEqual(ticket.cxm_history_ids[0].transition_id, auto)

    def test_escalation_in_batches(self):
        with freeze_time("2026-03-02 08:00:00"):
            tickets = self.env["helpdesk.ticket"].browse([self._ticket().id for _ in range(3)])
        with freeze_time("2026-03-02 13:00:00"):
            self.assertEqual(self.env["cxm.process"]._cxm_escalate_batch(limit=2), 2)
            self.assertEqual(self.env["cxm.process"]._cxm_escalate_batch(limit=2), 1)
            self.assertEqual(self.env["cxm.process"]._cxm_escalate_batch(limit=2), 0, "escalated once only")
        self.assertTrue(all(tickets.mapped("cxm_sla_escalated")))
        activities = tickets.activity_ids
        self.assertEqual(len(activities), 3)
        self.assertEqual(activities.user_id, self.supervisor, "the team leader gets the escalation")
        self.assertIn("SLA breached in status New", activities[0].summary)

    def test_escalation_note_in_the_readers_timezone_and_language(self):
        """The supervisor works in Istanbul, in Turkish: the deadline in the note is their local time."""
        self.env["res.lang"]._activate_lang("tr_TR")
        self.env["ir.module.module"].search([("name", "=", "cxm_process")])._update_translations("tr_TR")
        self.supervisor.write({"tz": "Europe/Istanbul", "lang": "tr_TR"})
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
        deadline = ticket.cxm_sla_deadline
        with freeze_time("2026-03-02 13:00:00"):
            self.env["cxm.process"]._cxm_escalate_batch()
        note = ticket.message_ids.filtered(lambda m: "SLA" in (m.body or ""))[:1]
        local = deadline.replace(hour=deadline.hour + 3)  # Istanbul is UTC+3 all year
        self.assertIn(f"{local:%d.%m.%Y %H:%M}", note.body, "day.month.year and Istanbul time")
        self.assertIn("SLA aşıldı", note.body, "in Turkish")
        self.assertNotIn(f"{deadline:%H:%M}", note.body, "not UTC")
