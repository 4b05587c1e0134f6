# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo.tests import tagged

from .common import MailCommon


@tagged("post_install", "-at_install")
class TestSubjectThreading(MailCommon):
    def _first_ticket(self, sender="customer@example.com", subject="Printer jams"):
        self._receive(self._mail(f"Test Customer <{sender}>", subject, body="It jams on page 2."))
        ticket = self._tickets_from(sender)
        self.assertEqual(len(ticket), 1)
        return ticket

    def _flush_tracking(self):
        """What a commit does first: tracking, and with it helpdesk_mgmt's stage template."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _outgoing(self, ticket):
        return self.env["mail.mail"].sudo().search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])

    def test_agent_reply_carries_the_reference_and_a_stripped_reply_threads_by_it(self):
        ticket = self._first_ticket()
        self.assertEqual(ticket.partner_id, self.customer, "the known customer was not identified by e-mail")
        ticket.with_user(self.agent).message_post(
            body="Please try the rear tray.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        mail = self._outgoing(ticket).filtered(lambda m: "rear tray" in m.body_html)
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.subject.startswith(f"[{ticket.number}] "), mail.subject)
        headers = ast.literal_eval(mail.headers or "{}")
        self.assertNotIn("Auto-Submitted", headers, "an agent's own reply is not automatic")
        # the customer's client drops In-Reply-To and References: the subject carries the ticket
        self._receive(self._mail(self.customer.email, f"RE: {mail.subject}", body="Still jams."))
        self.assertEqual(len(self._tickets_from(self.customer.email)), 1, "the reply opened a second ticket")
        self.assertIn("Still jams.", ticket.message_ids[0].body)

    def test_a_stranger_naming_a_ticket_gets_a_ticket_of_their_own(self):
        ticket = self._first_ticket()
        before = len(ticket.message_ids)
        self._receive(self._mail("intruder@evil.example", f"Re: [{ticket.number}] give me the data", body="x"))
        self.assertEqual(len(ticket.message_ids), before, "a stranger wrote into someone else's ticket")
        self.assertEqual(len(self._tickets_from("intruder@evil.example")), 1)

    def test_a_follower_threads_and_unknown_references_open_tickets(self):
        ticket = self._first_ticket()
        colleague = self.env["res.partner"].create({"name": "Colleague", "email": "colleague@example.com"})
        ticket.message_subscribe(colleague.ids)
        self._receive(self._mail("colleague@example.com", f"[{ticket.number}] same here", body="Mine too."))
        self.assertIn("Mine too.", ticket.message_ids[0].body)
        self.assertFalse(self._tickets_from("colleague@example.com"))
        self._receive(self._mail(self.customer.email, "[HT99999] old matter", body="?"))
        self.assertEqual(len(self._tickets_from(self.customer.email)), 2, "an unknown reference must open a ticket")

    def test_automatic_ticket_mails_say_so(self):
        ticket = self._first_ticket()
        ticket.message_post(
            body="We received your request.",
            message_type="auto_comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        mail = self._outgoing(ticket).filtered(lambda m: "We received" in m.body_html)
        headers = ast.literal_eval(mail.headers)
        self.assertEqual(headers["Auto-Submitted"], "auto-generated")
        self.assertEqual(headers["X-Auto-Response-Suppress"], "OOF, AutoReply")
        self.assertIn(f"[{ticket.number}]", mail.subject)

    def test_sender_identified_by_the_identity_lookup(self):
        # the key is normalised: upper-case address, display name around it
        self._receive(self._mail("T. Customer <Customer@Example.COM>", "Invoice question"))
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Invoice question")])
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertFalse(self.customer.cxm_created_channel_id)
        self.assertEqual(ticket.message_ids.filtered(lambda m: m.message_type == "email").author_id, self.customer)
        # an unknown sender becomes a customer, found again by the next e-mail
        self._receive(self._mail("Deniz Aydın <deniz.aydin@new-customer.example>", "First contact"))
        first = self.env["helpdesk.ticket"].search([("name", "=", "First contact")])
        self.assertEqual(first.partner_id.name, "Deniz Aydın")
        self.assertEqual(first.partner_id.email, "deniz.aydin@new-customer.example")
        email = self.env["helpdesk.ticket.channel"]._cxm_by_code("email")
        self.assertEqual(first.partner_id.cxm_created_channel_id, email, "not marked as created from e-mail")
        self.assertEqual(first.channel_id, email)
        self.assertTrue(first.cxm_last_inbound_date)
        self._receive(self._mail("deniz.aydin@new-customer.example", "Second matter"))
        second = self.env["helpdesk.ticket"].search([("name", "=", "Second matter")])
        self.assertEqual(second.partner_id, first.partner_id, "the same address made a second customer")

    def test_encoded_turkish_subject_threads_and_bracket_floods_do_not(self):
        ticket = self._first_ticket(subject="Çamaşır makinesi")
        # Turkish Outlook answers "YNT:", the subject RFC 2047-encoded on the wire
        msg = self._mail(self.customer.email, f"YNT: [{ticket.number}] Çamaşır makinesi", body="Şimdi çalışıyor.")
        self.assertIn(b"=?utf-8?", msg.as_bytes())
        self._receive(msg)
        self.assertIn("Şimdi çalışıyor.", ticket.message_ids[0].body)
        # a subject stuffed with brackets is read up to ten references: a new ticket, quickly
        flood = " ".join(f"[HT{i:05d}]" for i in range(5000)) + f" [{ticket.number}]"
        self._receive(self._mail(self.customer.email, flood, body="flood"))
        self.assertEqual(len(self._tickets_from(self.customer.email)), 2)

    def test_stage_mail_carries_the_reference_and_its_reply_threads(self):
        ticket = self._ticket(partner_email=self.customer.email, user_id=self.agent.id)
        self._flush_tracking()  # changes are tracked on tickets that existed before the transaction
        tracked = ticket.with_context(tracking_disable=False, mail_notrack=False)
        tracked.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        tracked.with_user(self.supervisor).cxm_fire_transition(self.tr_solve.id)
        self._flush_tracking()
        mail = self._outgoing(ticket).filtered(lambda m: "has been closed" in (m.subject or ""))
        self.assertEqual(len(mail), 1, "helpdesk_mgmt's closing mail was not sent")
        self.assertTrue(mail.subject.startswith(f"[{ticket.number}] "), mail.subject)
        self.assertEqual(ast.literal_eval(mail.headers)["Auto-Submitted"], "auto-generated")
        self._receive(self._mail(self.customer.email, f"Re: {mail.subject}", body="Thanks, all good."))
        self.assertIn("Thanks, all good.", ticket.message_ids[0].body)
        self.assertEqual(len(self._tickets_from(self.customer.email)), 1)
