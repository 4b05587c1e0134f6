# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ChannelCase


class TestConversation(ChannelCase):
    def test_new_sender_gets_partner_and_routed_ticket(self):
        results = self.receive(
            self.item(
                "m-1",
                text="My order is late\nsince Monday",
                attachments=[
                    {"data": base64.b64encode(b"receipt").decode(), "name": "r.txt", "mimetype": "text/plain"}
                ],
            )
        )
        self.assertEqual(results[0]["status"], "accepted")
        ticket = self.tickets_of("user-1")
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "My order is late")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel_id.cxm_code, "chat")
        self.assertEqual(ticket.cxm_reply_instance_id, self.instance)
        self.assertEqual(ticket.partner_id.name, "Ayşe")
        self.assertEqual(ticket.partner_id.cxm_created_channel_id.cxm_code, "chat")
        posted = ticket.message_ids.filtered(lambda m: m.author_id == ticket.partner_id)
        self.assertEqual(len(posted), 1)
        self.assertIn("since Monday", posted.body)
        self.assertEqual(posted.attachment_ids.raw, b"receipt")
        message = ticket.cxm_channel_message_ids
        self.assertEqual((message.state, message.mail_message_id), ("received", posted))

    def test_replays_create_nothing(self):
        self.receive(self.item("m-1"), self.item("m-2", text="second"))
        results = self.receive(self.item("m-1"), self.item("m-2", text="second"), self.item("m-1"))
        self.assertEqual([r["status"] for r in results], ["duplicate"] * 3)
        ticket = self.tickets_of("user-1")
        self.assertEqual(len(ticket), 1, "the second message joins the first one's ticket")
        self.assertEqual(len(ticket.cxm_channel_message_ids), 2)
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "Ayşe")]), 1)

    def test_window_decides_between_open_ticket_and_new_one(self):
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        self.receive(self.item("m-2", text="still there?"))
        self.assertEqual(self.tickets_of("user-1"), ticket)
        ticket.cxm_last_inbound_date = fields.Datetime.now() - timedelta(hours=self.instance.cxm_thread_window + 1)
        self.receive(self.item("m-3", text="new problem"))
        tickets = self.tickets_of("user-1")
        self.assertEqual(len(tickets), 2, "after the window, a new ticket")
        self.assertEqual((tickets - ticket).name, "new problem")

    def test_known_customer_is_found_by_identity(self):
        partner = self.env["res.partner"].create({"name": "Known customer"})
        self.env["cxm.partner.identity"].create(
            {"partner_id": partner.id, "value": "known-7", "source_id": self.instance.id}
        )
        self.receive(self.item("m-1", address="known-7"))
        self.assertEqual(self.tickets_of("known-7").partner_id, partner)
        self.assertFalse(partner.cxm_created_channel_id)

    def test_malformed_items_record_nothing(self):
        Message = self.env["cxm.channel.message"]
        for bad in (
            {"address": "x"},
            {"external_id": "m", "address": ""},
            {"external_id": "a\x00", "address": "x"},
            {"external_id": "m", "address": "x", "timestamp": "yesterday"},
            "text",
        ):
            with self.assertRaises(ValueError):
                self.instance._cxm_channel_receive([self.item("ok-1"), bad])
        self.assertFalse(Message.search([("instance_id", "=", self.instance.id)]))

    def test_agent_reply_goes_out_and_status_follows(self):
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        ticket.user_id = self.agent
        with trap_jobs() as trap:
            ticket.with_user(self.agent).message_post(
                body="We are on it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.run_jobs(trap)
        path, payload, headers = self.fake.requests[-1]
        self.assertEqual((path, payload["to"], payload["text"]), ("/messages", "user-1", "We are on it"))
        self.assertTrue(headers["Idempotency-Key"].startswith("cxm-channel-"))
        out = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual((out.state, out.author_id), ("sent", self.agent))
        with trap_jobs() as trap:
            results = self.instance._cxm_channel_status(
                [
                    {"external_id": out.external_id, "status": "read"},
                    {"external_id": out.external_id, "status": "delivered"},
                ]
            )
            self.instance._cxm_channel_status([{"external_id": out.external_id, "status": "read"}])
            self.run_jobs(trap)
        self.assertEqual([r["result"] for r in results], ["accepted", "accepted"])
        self.assertEqual(out.state, "read", "a late 'delivered' never moves a read message back")
        self.assertTrue(out.delivered_date and out.read_date)
        # a note stays internal
        count = len(self.fake.requests)
        ticket.with_user(self.agent).message_post(body="internal", message_type="comment", subtype_xmlid="mail.mt_note")
        self.assertEqual(len(self.fake.requests), count)

    def test_chatter_does_not_ask_an_email_for_a_channel_customer(self):
        """The customer of a channel ticket has no e-mail address: the chatter does not suggest them as
        an e-mail recipient (Odoo's composer would refuse to send), unless the reply goes by e-mail."""
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        self.assertFalse(ticket.partner_id.email)
        suggested = ticket.with_user(self.agent)._message_get_suggested_recipients(reply_discussion=True)
        self.assertNotIn(ticket.partner_id.id, [r.get("partner_id") for r in suggested])
        ticket.cxm_reply_instance_id = False
        suggested = ticket.with_user(self.agent)._message_get_suggested_recipients(reply_discussion=True)
        self.assertIn(ticket.partner_id.id, [r.get("partner_id") for r in suggested])

    def test_channel_reply_is_not_sent_twice_by_email(self):
        """A channel customer who also follows the ticket with an e-mail address gets the agent's answer on
        the channel only; another follower still gets the e-mail notification."""
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        ticket.user_id = self.agent
        ticket.partner_id.email = "ayse@example.com"
        colleague = self.env["res.partner"].create({"name": "Colleague", "email": "colleague@example.com"})
        ticket.message_subscribe(partner_ids=(ticket.partner_id | colleague).ids)
        with trap_jobs() as trap:
            message = ticket.with_user(self.agent).message_post(
                body="Your parcel left today", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.run_jobs(trap)
        self.assertEqual(self.fake.requests[-1][1]["text"], "Your parcel left today", "sent on the channel")
        notified = self.env["mail.notification"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertNotIn(ticket.partner_id, notified.res_partner_id, "no second copy by e-mail")
        self.assertIn(colleague, notified.res_partner_id)
        # nor a message the server sends on the channel (a rating request, a template)
        with trap_jobs() as trap:
            out = ticket.with_user(self.agent)._cxm_channel_send_text("How did we do?", subtype_xmlid="mail.mt_comment")
            self.run_jobs(trap)
        self.assertEqual(self.fake.requests[-1][1]["text"], "How did we do?")
        notified = self.env["mail.notification"].sudo().search([("mail_message_id", "=", out.mail_message_id.id)])
        self.assertNotIn(ticket.partner_id, notified.res_partner_id)
        self.assertIn(colleague, notified.res_partner_id)
        # an e-mail ticket keeps notifying its customer by e-mail
        ticket.cxm_reply_instance_id = False
        message = ticket.with_user(self.agent).message_post(
            body="And by e-mail", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        notified = self.env["mail.notification"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(ticket.partner_id, notified.res_partner_id)

    def test_refused_send_fails_visibly_and_can_be_retried(self):
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        ticket.user_id = self.agent
        self.fake.fail_with = (400, {"error": "recipient blocked", "code": "blocked"})
        with trap_jobs() as trap:
            ticket.with_user(self.agent).message_post(
                body="Hello?", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self.run_jobs(trap)
        out = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual((out.state, out.error_code, out.error_reason), ("failed", "blocked", "recipient blocked"))
        self.assertEqual(out.outbox_id.state, "dead", "a permanent refusal is not retried")
        self.assertEqual(len(self.fake.requests), 1)
        self.fake.fail_with = None
        with trap_jobs() as trap:
            out.with_user(self.agent).action_retry()
            self.run_jobs(trap)
        self.assertEqual(out.state, "sent")
        self.assertEqual(out.attempt_count, 1)
        with self.assertRaises(UserError):
            out.with_user(self.agent).action_retry()

    def test_customer_reply_fires_the_process(self):
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Chat complaints")
        process.action_activate()
        self.team.cxm_process_id = process
        reply = process.transition_ids.filtered(lambda t: t.trigger == "customer_reply")[:1]
        waiting = reply.from_status_ids[:1]
        self.receive(self.item("m-1"))
        ticket = self.tickets_of("user-1")
        self.assertEqual(ticket.cxm_process_id, process)
        self.assertNotEqual(ticket.cxm_status_id, waiting, "the first message opens the ticket, it moves nothing")
        ticket._cxm_write_unguarded({"stage_id": waiting.ticket_stage_id.id})
        self.assertEqual(ticket.cxm_status_id, waiting)
        self.receive(self.item("m-2", text="here is the photo"))
        self.assertEqual(ticket.cxm_status_id, reply.to_status_id, "the customer's reply fired the transition")

    def test_access(self):
        self.receive(self.item("m-1"))
        message = self.tickets_of("user-1").cxm_channel_message_ids
        portal = new_test_user(self.env, "chan_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            message.with_user(portal).read(["body"])
        self.assertEqual(self.env["cxm.channel.message"].with_user(self.agent).search([]), message)
        with self.assertRaises(AccessError):
            message.with_user(self.agent).write({"state": "read"})
