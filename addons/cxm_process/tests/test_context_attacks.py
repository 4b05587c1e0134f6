# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A caller sets the whole context of its RPC call: none of the engine's context
keys may widen what an agent may do (the same attacks over the three RPC
protocols are in the suite's tests/test_context_attacks.py)."""

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import ProcessCommon

# What JSON-RPC, XML-RPC and JSON-2 can put in a context: JSON values only.
FORGED = (True, 1, "x", [1], {"value": True})


class TestContextAttacks(ProcessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tr_timeout = cls.env["cxm.process.transition"].create(
            {
                "process_id": cls.process.id,
                "name": "Timeout",
                "trigger": "timer",
                "delay_hours": 48,
                "from_status_ids": [Command.set(cls.st_progress.ids)],
                "to_status_id": cls.st_new.id,
            }
        )

    def _state(self, ticket):
        ticket.invalidate_recordset()
        return ticket.stage_id, len(ticket.cxm_history_ids)

    def _attack(self, ticket, key, stage, error=UserError):
        before = self._state(ticket)
        for value in FORGED:
            with self.subTest(key=key, value=value), self.assertRaises(error):
                ticket.with_user(self.agent).with_context(**{key: value}).write({"stage_id": stage.id})
            self.assertEqual(self._state(ticket), before, f"{key}={value!r} changed nothing")

    def test_bypass_key_does_not_skip_the_guard(self):
        ticket = self._ticket()
        self._attack(ticket, "cxm_process_bypass", self.stage_done)

    def test_force_key_does_not_force_without_the_right(self):
        ticket = self._ticket()
        self._attack(ticket, "cxm_force_reason", self.stage_done)
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).cxm_force_stage(self.stage_done.id, "x")

    def test_automatic_key_does_not_skip_groups(self):
        ticket = self._ticket(user_id=self.agent.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self._attack(ticket, "cxm_automatic", self.stage_done)  # Solve is for supervisors

    def test_transition_key_does_not_fire_an_automatic_transition(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        for value in (self.tr_timeout.id, [self.tr_timeout.id]):
            with self.assertRaisesRegex(UserError, "no transition from In Progress to New"):
                ticket.with_user(self.agent).with_context(cxm_transition_id=value).write(
                    {"stage_id": self.stage_new.id}
                )
        self.assertEqual(ticket.stage_id, self.stage_progress)
        # the server's own timer still fires it
        self.process.transition_ids.invalidate_recordset()
        ticket.cxm_status_date = ticket.cxm_status_date.replace(year=ticket.cxm_status_date.year - 1)
        self.assertEqual(self.env["helpdesk.ticket"]._cxm_fire_due_timers(self.tr_timeout), 1)
        self.assertEqual(ticket.cxm_history_ids[0].transition_id, self.tr_timeout)

    def test_comment_key_does_not_stand_for_a_reason(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        with self.assertRaisesRegex(UserError, "requires a reason"):
            ticket.with_user(self.agent).with_context(cxm_comment="forged").write({"stage_id": self.stage_awaiting.id})
        self.assertEqual(ticket.stage_id, self.stage_progress)

    def test_manager_force_and_automatic_moves_still_work_and_write_history(self):
        ticket = self._ticket()
        ticket.with_user(self.manager).cxm_force_stage(self.stage_done.id, "customer called to close")
        self.assertEqual(ticket.stage_id, self.stage_done)
        row = ticket.cxm_history_ids[0]
        self.assertEqual((row.kind, row.comment, row.user_id), ("forced", "customer called to close", self.manager))

    def test_detaching_the_process_to_escape_the_guard_is_refused(self):
        ticket = self._ticket()
        for value in (False, self.env["cxm.process"].create({"name": "Other", "model": "helpdesk.ticket"}).id):
            with self.assertRaisesRegex(AccessError, "Only CXM managers may remove or replace the process"):
                ticket.with_user(self.agent).write({"cxm_process_id": value})
        self.assertEqual(ticket.cxm_process_id, self.process)

    def test_automatic_transition_is_not_fired_by_hand(self):
        ticket = self._ticket()
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "which model?")
        with self.assertRaisesRegex(UserError, "fires by itself"):
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_reply.id)
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        ticket._cxm_on_customer_reply()  # the server's own automation still fires it
        self.assertEqual(ticket.stage_id, self.stage_progress)
