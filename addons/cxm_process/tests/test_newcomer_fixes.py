# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a newcomer met in the first hour (issue 21): a coherent demo timeline, a diagram that fits
the screen, the agent's question in the customer's e-mail, SLA activities closed when the ticket moves."""

from datetime import timedelta

from odoo import fields

from .common import ProcessCommon


class TestNewcomerFixes(ProcessCommon):
    def test_demo_walk_keeps_one_timeline(self):
        ticket = self._ticket(user_id=self.supervisor.id)
        now = fields.Datetime.now()
        times = [now - timedelta(hours=h) for h in (40, 30, 9)]
        self.env["cxm.process"]._cxm_demo_walk(ticket, self.process, ["Take", "Ask customer"], times)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.create_date, times[0], "created before it entered any status")
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.assertEqual(ticket.cxm_status_date, times[2], "time in status = time since the last move")
        rows = ticket.cxm_history_ids.sorted("date")
        self.assertEqual(rows.mapped("date"), times[1:])
        self.assertEqual(rows.mapped("entered_date"), times[:2])
        self.assertEqual([round(h) for h in rows.mapped("duration_hours")], [10, 21])
        self.assertEqual(rows[0].sla_result, "breached", "10 h in New against a 4 h SLA")

    def test_diagram_fits_narrow_screens(self):
        svg = str(self.process.diagram_svg)
        self.assertIn('width="100%"', svg)
        self.assertIn("height: auto", svg)

    def test_status_mail_carries_the_agents_question(self):
        template = self.env.ref("cxm_process.mail_template_status_update")
        self.tr_ask.mail_template_id = template
        ticket = self._ticket(user_id=self.agent.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "Which model is your printer?")
        mail = self.env["mail.message"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id), ("subject", "ilike", "is now")], limit=1
        )
        self.assertIn("Which model is your printer?", str(mail.body))
        self.assertIn("Awaiting", mail.subject)

    def test_sla_breach_activity_is_done_when_the_ticket_moves_on(self):
        ticket = self._ticket(user_id=self.agent.id)
        ticket.with_context().write({"cxm_sla_deadline": fields.Datetime.now() - timedelta(hours=1)})
        ticket._cxm_escalate()
        sla_type = self.env.ref("cxm_process.mail_activity_type_sla_breached")
        self.assertEqual(ticket.activity_ids.activity_type_id, sla_type)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertFalse(ticket.activity_ids, "the breach of New is over: its activity is done")
        done = self.env["mail.message"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id), ("mail_activity_type_id", "=", sla_type.id)]
        )
        self.assertTrue(done, "and logged as done in the chatter")
