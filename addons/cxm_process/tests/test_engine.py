# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import ProcessCommon


class TestEngine(ProcessCommon):
    def test_new_ticket_enters_initial_status_with_deadline(self):
        ticket = self._ticket(stage_id=self.stage_progress.id)
        self.assertEqual(ticket.stage_id, self.stage_new, "a ticket starts in the initial status of its process")
        self.assertEqual(ticket.cxm_status_id, self.st_new)
        self.assertTrue(ticket.cxm_status_date)
        self.assertAlmostEqual((ticket.cxm_sla_deadline - ticket.cxm_status_date).total_seconds(), 4 * 3600, delta=5)

    def test_agent_sees_only_allowed_transitions(self):
        ticket = self._ticket()
        self.assertEqual(ticket.with_user(self.agent).cxm_allowed_transition_ids, self.tr_take)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        allowed = ticket.with_user(self.agent).cxm_allowed_transition_ids
        self.assertEqual(allowed, self.tr_ask, "Solve is for supervisors only")
        self.assertEqual(ticket.with_user(self.supervisor).cxm_allowed_transition_ids, self.tr_ask | self.tr_solve)

    def test_fire_writes_one_history_row(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id, "on it")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertEqual(len(ticket.cxm_history_ids), 1)
        row = ticket.cxm_history_ids
        self.assertEqual(
            (row.from_status_id, row.to_status_id, row.transition_id), (self.st_new, self.st_progress, self.tr_take)
        )
        self.assertEqual(row.user_id, self.agent)
        self.assertEqual(row.comment, "on it")
        self.assertEqual(row.sla_result, "met")
        self.assertGreaterEqual(row.duration_hours, 0)
        self.assertEqual(ticket.cxm_sla_deadline and ticket.cxm_status_id, self.st_progress)

    def test_unreachable_stage_write_is_refused_with_allowed_targets(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "Allowed targets from New: In Progress"):
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        self.assertEqual(ticket.stage_id, self.stage_new, "nothing changed")
        self.assertFalse(ticket.cxm_history_ids)

    def test_stage_outside_process_is_refused(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "is not a status of process"):
            ticket.write({"stage_id": self.stage_cancelled.id})

    def test_plain_stage_write_follows_matching_transition(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).write({"stage_id": self.stage_progress.id})  # kanban drag, import, RPC
        self.assertEqual(ticket.cxm_history_ids.transition_id, self.tr_take)

    def test_reason_required(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        with self.assertRaisesRegex(UserError, "Ask customer requires a reason"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id)
        with self.assertRaisesRegex(UserError, "requires a reason"):
            ticket.with_user(self.agent).write({"stage_id": self.stage_awaiting.id})
        self.assertEqual(ticket.stage_id, self.stage_progress)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "Which model is it?")
        self.assertEqual(ticket.stage_id, self.stage_awaiting)

    def test_required_fields_and_groups(self):
        ticket = self._ticket(user_id=False)
        ticket.cxm_fire_transition(self.tr_take.id)
        ticket.user_id = False
        with self.assertRaisesRegex(UserError, "your groups may not fire Solve"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_solve.id)
        with self.assertRaisesRegex(UserError, "fill in Assigned user first"):
            ticket.with_user(self.supervisor).cxm_fire_transition(self.tr_solve.id)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        ticket.with_user(self.supervisor).write({"stage_id": self.stage_done.id, "user_id": self.agent.id})
        self.assertEqual(ticket.stage_id, self.stage_done)

    def test_condition(self):
        self.tr_take.condition = "[('priority', '=', '3')]"
        ticket = self._ticket(priority="1")
        self.assertFalse(ticket.with_user(self.agent).cxm_allowed_transition_ids)
        with self.assertRaisesRegex(UserError, "condition is not met"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        ticket.priority = "3"
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertEqual(ticket.stage_id, self.stage_progress)

    def test_stale_transition_says_changed_meanwhile(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        with self.assertRaisesRegex(UserError, "changed meanwhile"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        # "Ask customer" is available from In Progress, but the caller saw the ticket in New
        with self.assertRaisesRegex(UserError, "changed meanwhile"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "?", from_status_id=self.st_new.id)
        self.assertEqual(len(ticket.cxm_history_ids), 1)

    def test_force_is_for_managers_and_logged(self):
        ticket = self._ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).cxm_force_stage(self.stage_done.id, "because")
        with self.assertRaisesRegex(UserError, "reason is required"):
            ticket.with_user(self.manager).cxm_force_stage(self.stage_done.id, "  ")
        ticket.with_user(self.manager).cxm_force_stage(self.stage_done.id, "Duplicate of another ticket")
        self.assertEqual(ticket.stage_id, self.stage_done)
        row = ticket.cxm_history_ids
        self.assertEqual((row.kind, row.comment, row.user_id), ("forced", "Duplicate of another ticket", self.manager))

    def test_draft_process_is_not_enforced(self):
        ticket = self._ticket()
        self.process.action_set_draft()
        ticket.write({"stage_id": self.stage_done.id})
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertFalse(ticket.cxm_history_ids)

    def test_ticket_without_process_moves_freely(self):
        ticket = self.ticket_service
        ticket.write({"stage_id": self.stage_done.id})
        self.assertEqual(ticket.stage_id, self.stage_done)

    def test_wizard_fires_with_reason(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        action = ticket.with_user(self.agent).action_cxm_transition(self.tr_ask.id)
        self.assertEqual(action["res_model"], "cxm.process.transition.wizard")
        wizard = (
            self.env["cxm.process.transition.wizard"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"comment": "Need the serial number"})
        )
        wizard.action_confirm()
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.assertEqual(ticket.cxm_history_ids[0].comment, "Need the serial number")
        self.assertFalse(ticket.with_user(self.agent).action_cxm_transition(self.tr_resume.id))
        self.assertEqual(ticket.stage_id, self.stage_progress)

    def test_actions_mail_and_activity(self):
        template = self.env.ref("cxm_process.mail_template_status_update")
        self.tr_take.write(
            {"mail_template_id": template.id, "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id}
        )
        ticket = self._ticket(user_id=self.agent.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        message = ticket.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertTrue(message, "the customer is notified with the template")
        self.assertIn("In Progress", message[0].body)
        self.assertEqual(ticket.activity_ids.user_id, self.agent)

    def test_change_process_keeps_history(self):
        ticket = self._ticket()
        ticket.cxm_fire_transition(self.tr_take.id)
        other = self.process.copy({"name": "Other"})
        status = self.env["cxm.process.status"].create({"process_id": other.id, "ticket_stage_id": self.stage_new.id})
        ticket.cxm_process_id = other
        self.assertEqual(ticket.cxm_status_id, status)
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertEqual(ticket.cxm_history_ids.mapped("kind"), ["reroute", "transition"])
