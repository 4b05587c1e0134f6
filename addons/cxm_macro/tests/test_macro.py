# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from .common import MacroCommon


class TestMacro(MacroCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls._macro_fixtures("macro_agent")

    def test_macro_replies_changes_fields_and_moves(self):
        ticket = self._ticket("Kettle leaks")
        ticket.with_user(self.agent).action_cxm_apply_macro(self.macro.id)
        self.assertEqual(ticket.cxm_status_id, self.propose.to_status_id)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.priority, "2")
        self.assertIn(self.tag, ticket.tag_ids)
        reply = ticket.message_ids.filtered(lambda m: "We replace it for free." in (m.body or ""))
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, self.agent.partner_id)
        self.assertIn(self.customer, reply.partner_ids, "the customer receives the reply")
        self.assertEqual(ticket.cxm_history_ids[0].comment, "Macro: Offer a replacement")
        self.assertEqual(ticket.cxm_history_ids[0].user_id, self.agent)

    def test_macro_refused_as_a_whole_when_the_transition_is_not_allowed(self):
        ticket = self._ticket("Still new", path=())  # in New: Propose solution is not possible
        messages, history = ticket.message_ids, ticket.cxm_history_ids
        with self.assertRaisesRegex(UserError, "Macro Offer a replacement was not applied: .* cannot take transition"):
            ticket.with_user(self.agent).action_cxm_apply_macro(self.macro.id)
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.priority, "0")
        self.assertFalse(ticket.tag_ids)
        self.assertEqual(ticket.message_ids, messages)
        self.assertEqual(ticket.cxm_history_ids, history)

    def test_macro_refused_as_a_whole_when_the_move_fails_late(self):
        """Propose solution needs an assignee: a macro that leaves the ticket unassigned writes nothing."""
        self.macro.assign = "keep"
        ticket = self._ticket("No assignee")
        messages = ticket.message_ids
        with self.assertRaisesRegex(UserError, "was not applied: .*fill in"):
            ticket.with_user(self.agent).action_cxm_apply_macro(self.macro.id)
        self.assertEqual(ticket.priority, "0")
        self.assertFalse(ticket.tag_ids)
        self.assertEqual(ticket.message_ids, messages, "no reply went out")
        self.assertEqual(ticket.cxm_status_id, self._transition("Start work").to_status_id)

    def test_macros_are_offered_per_team(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Other macro team"})
        everywhere = self.env["cxm.macro"].create({"name": "Thanks", "reply_kind": "none"})
        ticket = self._ticket("Mine", path=())
        other = self._ticket("Other", path=(), team_id=other_team.id)
        self.assertEqual(ticket.with_user(self.agent).cxm_macro_ids, self.macro | everywhere)
        self.assertEqual(other.cxm_macro_ids, everywhere)
        with self.assertRaisesRegex(UserError, "not offered to team"):
            other.action_cxm_apply_macro(self.macro.id)
        self.assertEqual(other.priority, "0")

    def test_mail_template_reply_in_the_customers_language(self):
        template = self.env["mail.template"].create(
            {
                "name": "Macro photo",
                "model_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                "subject": "Photo please",
                "partner_to": "{{ object.partner_id.id }}",
                "body_html": "<p>Please send a photo of <t t-out='object.name'/></p>",
            }
        )
        macro = self.env["cxm.macro"].create(
            {
                "name": "Ask for a photo",
                "team_ids": [Command.set(self.team.ids)],
                "reply_kind": "template",
                "mail_template_id": template.id,
                "transition_id": self._transition("Ask customer").id,
            }
        )
        ticket = self._ticket("Dryer")
        ticket.with_user(self.agent).action_cxm_apply_macro(macro.id)
        photo = ticket.message_ids.filtered(lambda m: "Please send a photo of Dryer" in (m.body or ""))
        self.assertEqual(photo.subject, "Photo please")
        self.assertEqual(photo.author_id, self.agent.partner_id)
        self.assertEqual(ticket.cxm_status_id, self._transition("Ask customer").to_status_id)
        self.assertEqual(ticket.cxm_history_ids[0].comment, "Macro: Ask for a photo", "the macro is the reason")

    def test_agents_read_macros_managers_write_them(self):
        with self.assertRaises(AccessError):
            self.macro.with_user(self.agent).write({"name": "Mine now"})
        manager = new_test_user(self.env, "macro_manager", groups="cxm_base.group_cxm_manager")
        self.macro.with_user(manager).write({"name": "Offer a replacement (v2)"})
        with self.assertRaises(ValidationError):
            self.env["cxm.macro"].create({"name": "Broken", "reply_kind": "canned"})
        with self.assertRaisesRegex(UserError, "does not exist"):
            self._ticket("X", path=()).action_cxm_apply_macro(999999)
