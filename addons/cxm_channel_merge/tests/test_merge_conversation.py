# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cxm_channel.tests.common import ChannelCase
from odoo.addons.queue_job.tests.common import trap_jobs


@tagged("post_install", "-at_install")
class TestMergeConversation(ChannelCase):
    def test_later_messages_follow_the_merge_and_replies_go_back_on_the_channel(self):
        self.receive(self.item("m-1", address="merge-1", text="Kargom nerede?"))
        chat_ticket = self.tickets_of("merge-1")
        customer = chat_ticket.partner_id
        mail_ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Same question by e-mail",
                "description": "<p>x</p>",
                "partner_id": customer.id,
                "channel_id": self.env["helpdesk.ticket.channel"]._cxm_by_code("email").id,
            }
        )
        wizard = (
            self.env["helpdesk.ticket.merge"]
            .with_user(self.agent)
            .with_context(active_ids=[mail_ticket.id, chat_ticket.id])
            .create({"dst_ticket_id": mail_ticket.id})
        )
        wizard.merge_tickets()
        self.assertEqual(chat_ticket.cxm_merged_into_id, mail_ticket)
        self.assertEqual(mail_ticket.cxm_reply_instance_id, self.instance, "the survivor answers on the chat")
        self.assertTrue(mail_ticket.message_ids.filtered(lambda m: "goes on here" in (m.body or "")))
        tickets_before = self.env["helpdesk.ticket"].with_context(active_test=False).search_count([])
        self.receive(self.item("m-2", address="merge-1", text="Hâlâ bekliyorum"))
        self.assertEqual(
            self.env["helpdesk.ticket"].with_context(active_test=False).search_count([]),
            tickets_before,
            "no new ticket",
        )
        self.assertIn("Hâlâ bekliyorum", mail_ticket.message_ids[0].body)
        self.assertEqual(self.env["cxm.channel.message"].search([("external_id", "=", "m-2")]).ticket_id, mail_ticket)
        with trap_jobs() as trap:
            mail_ticket.with_user(self.agent).message_post(
                body="Kargonuz yarın teslim edilecek.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.run_jobs(trap)
        self.assertEqual(self.fake.requests[-1][1]["to"], "merge-1")
        self.assertEqual(self.fake.requests[-1][1]["text"], "Kargonuz yarın teslim edilecek.")

    def test_a_customer_with_an_open_ticket_on_the_channel_keeps_it(self):
        self.receive(self.item("k-1", address="merge-2", text="Birinci"))
        first = self.tickets_of("merge-2")
        other = self.env["helpdesk.ticket"].create(
            {"name": "Other", "description": "<p>x</p>", "partner_id": first.partner_id.id}
        )
        self.env["helpdesk.ticket.merge"].with_context(active_ids=[other.id, first.id]).create(
            {"dst_ticket_id": other.id}
        ).merge_tickets()
        open_chat = self.env["helpdesk.ticket"].create(
            {
                "name": "Newer chat",
                "description": "<p>x</p>",
                "partner_id": first.partner_id.id,
                "channel_id": self.instance._cxm_channel_channel().id,
                "cxm_last_inbound_date": "2099-01-01 00:00:00",
            }
        )
        self.receive(self.item("k-2", address="merge-2", text="İkinci"))
        self.assertEqual(self.env["cxm.channel.message"].search([("external_id", "=", "k-2")]).ticket_id, open_chat)
