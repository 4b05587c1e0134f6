# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user

from .common import MergeCommon


class TestMerge(MergeCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls._merge_fixtures("merge_agent")
        cls.cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

    def _merge(self, tickets, target, user=None):
        Merge = self.env["helpdesk.ticket.merge"].with_user(user or self.agent)
        wizard = Merge.with_context(active_ids=[target.id, *(tickets - target).ids]).create(
            {"dst_ticket_id": target.id}
        )
        return wizard.merge_tickets()

    def test_merged_ticket_leaves_through_its_merge_transition(self):
        keep, dup = self._ticket("Machine stops"), self._ticket("Machine stops again")
        keep_history, dup_history = keep.cxm_history_ids, dup.cxm_history_ids
        self._merge(keep | dup, keep)
        self.assertFalse(dup.active)
        self.assertEqual(dup.stage_id, self.cancelled)
        self.assertEqual(dup.cxm_merged_into_id, keep)
        last = dup.cxm_history_ids[0]
        self.assertEqual(last.to_status_id.ticket_stage_id, self.cancelled)
        self.assertEqual(last.comment, f"Merged into {keep.display_name}")
        self.assertEqual(dup.cxm_history_ids, last | dup_history, "the merged ticket keeps its history, plus the move")
        self.assertEqual(keep.cxm_history_ids, keep_history, "the surviving ticket keeps its own history")
        self.assertEqual(keep.with_context(active_test=False).cxm_merged_ticket_ids, dup)
        self.assertTrue(keep.active)
        self.assertEqual(keep.cxm_status_id.ticket_stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"))

    def test_merge_refused_as_a_whole_without_a_way_out(self):
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("No merge way")
        process.transition_ids.filtered(lambda t: t.trigger == "merge").unlink()
        process.action_activate()
        keep = self._ticket("Keep")
        dup = self._ticket("Dup", cxm_process_id=process.id)
        messages = dup.message_ids
        with self.assertRaisesRegex(UserError, "Nothing was merged: no transition 'On merge'"):
            self._merge(keep | dup, keep)
        self.assertTrue(dup.active)
        self.assertFalse(dup.cxm_merged_into_id)
        self.assertEqual(dup.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"))
        self.assertEqual(dup.message_ids, messages)

    def test_customer_messages_to_a_merged_ticket_land_on_the_survivor(self):
        keep, dup = self._ticket("Keep"), self._ticket("Dup")
        self._merge(keep | dup, keep)
        reply = dup.message_post(
            body="It stopped again today",
            author_id=self.customer.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual((reply.model, reply.res_id), ("helpdesk.ticket", keep.id))
        unknown = dup.message_post(
            body="From an address we do not know", author_id=False, email_from="x@example.com", message_type="email"
        )
        self.assertEqual(unknown.res_id, keep.id)
        note = dup.with_user(self.agent).message_post(body="Checked the duplicate", message_type="comment")
        self.assertEqual(note.res_id, dup.id, "an agent's note on the merged ticket stays there")
        self.assertEqual(dup._cxm_conversation_ticket(), keep)

    def test_merge_of_merges_follows_the_chain(self):
        a, b, c = self._ticket("A"), self._ticket("B"), self._ticket("C")
        self._merge(a | b, b)
        self._merge(b | c, c)
        self.assertEqual(a.with_context(active_test=False)._cxm_conversation_ticket(), c)

    def test_an_already_merged_ticket_cannot_be_merged_again(self):
        a, b = self._ticket("A"), self._ticket("B")
        self._merge(a | b, b)
        c = self._ticket("C")
        with self.assertRaisesRegex(UserError, "already merged"):
            self._merge(b | c, a.with_context(active_test=False))
        self.assertTrue(c.active)

    def test_agent_cannot_merge_a_ticket_of_another_team(self):
        other_agent = new_test_user(self.env, "merge_other", groups="cxm_base.group_cxm_agent")
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Other", "user_ids": [(6, 0, other_agent.ids)]})
        mine = self._ticket("Mine")
        theirs = self._ticket("Theirs", team_id=other_team.id, user_id=other_agent.id)
        with self.assertRaises(AccessError):
            self._merge(mine | theirs, mine)
        self.assertTrue(theirs.active)
        self.assertFalse(theirs.cxm_merged_into_id)

    def test_processes_get_a_merge_transition(self):
        for process in (self.env.ref("cxm_process.template_complaint"), self.process):
            merge = process.transition_ids.filtered(lambda t: t.trigger == "merge")
            self.assertEqual(len(merge), 1)
            self.assertEqual(merge.from_status_ids, process.status_ids.filtered(lambda s: not s.is_closing))
            self.assertTrue(merge.to_status_id.is_closing)
        ticket = self._ticket("No button")
        self.assertNotIn("merge", ticket.with_user(self.agent).cxm_allowed_transition_ids.mapped("trigger"))
        with self.assertRaisesRegex(UserError, "not by hand"):
            ticket.with_user(self.agent).cxm_fire_transition(merge.id)
