# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mail end to end through a real IMAP server and a real SMTP server on 127.0.0.1.

Odoo's ``fetchmail.server`` logs in over IMAP and fetches; Odoo's ``ir.mail_server`` sends
over SMTP; nothing of Odoo is mocked except the switch that keeps tests from sending mail.
"""

import time
from unittest.mock import patch

from odoo.tests import tagged

from .common import MailCommon
from .loopback import LoopbackIMAP, LoopbackSMTP


@tagged("post_install", "-at_install")
class TestRoundTrip(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.smtp = LoopbackSMTP().start()
        cls.imap = LoopbackIMAP(user="support@cxm-test.example", password="imap-secret").start()
        cls.addClassCleanup(cls.smtp.stop)
        cls.addClassCleanup(cls.imap.stop)
        cls.env["ir.mail_server"].search([]).action_archive()
        cls.env["ir.mail_server"].create(
            {"name": "Loopback SMTP", "smtp_host": "127.0.0.1", "smtp_port": cls.smtp.port, "smtp_encryption": "none"}
        )
        cls.env["fetchmail.server"].search([]).action_archive()
        cls.fetchmail = cls.env["fetchmail.server"].create(
            {
                "name": "Support mailbox",
                "server_type": "imap",
                "server": "127.0.0.1",
                "port": cls.imap.port,
                "is_ssl": False,
                "user": "support@cxm-test.example",
                "password": "imap-secret",
            }
        )
        cls.fetchmail.button_confirm_login()
        # the test runner keeps Odoo from sending mail; these tests are about sending it
        patcher = patch.object(type(cls.env["ir.mail_server"]), "_disable_send", classmethod(lambda c: False))
        patcher.start()
        cls.addClassCleanup(patcher.stop)

    def _fetch(self, expected):
        # identity keys of partners created in this test transaction are written at commit or at the
        # next read in the same cursor; fetchmail reads in its own cursor: write them now
        self.env["cxm.partner.identity"].flush_model()
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            before = self.imap.fetched
            self.fetchmail.with_env(self.fetchmail.env(cr=cr)).fetch_mail()
        self.assertEqual(self.imap.fetched - before, expected, "fetchmail read old messages again")
        self.assertEqual(self.imap.unseen(), 0, "fetchmail left a message unread")

    def _send_queue(self):
        self.env["mail.mail"].sudo().search([("state", "=", "outgoing")]).send(raise_exception=True)

    def test_customer_mail_agent_reply_stripped_reply_and_vacation(self):
        self.assertEqual(self.fetchmail.state, "done", "login to the loopback IMAP server failed")
        # 1. a known customer and an unknown one write to the team's address; Odoo fetches both over IMAP
        self.imap.deliver(self._mail("Test Customer <customer@example.com>", "Washing machine leaks", body="Water!"))
        self.imap.deliver(self._mail("Ece Demir <ece.demir@new.example>", "Where is my order?", body="Order 77"))
        self._fetch(2)
        newcomer = self._tickets_from("ece.demir@new.example")
        self.assertEqual(newcomer.partner_id.name, "Ece Demir")
        self.assertEqual(newcomer.partner_id.cxm_created_channel_id, newcomer.channel_id)
        self.assertEqual(newcomer.channel_id.cxm_code, "email")
        ticket = self._tickets_from("customer@example.com")
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.team_id, self.team_service)
        self.assertEqual(ticket.channel_id, self.env["helpdesk.ticket.channel"]._cxm_by_code("email"))
        self.assertIn("Water!", ticket.description)

        # 2. the agent answers from the chatter; Odoo sends it over SMTP
        ticket.with_user(self.agent).message_post(
            body="A technician comes on Monday.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self._send_queue()
        received = [m for m in self.smtp.parsed() if "technician" in m.get_body(("html", "plain")).get_content()]
        self.assertEqual(len(received), 1)
        out = received[0]
        self.assertIn("customer@example.com", out["To"])
        self.assertTrue(out["Subject"].startswith(f"[{ticket.number}] "), out["Subject"])
        self.assertEqual(out["Reply-To"].addresses[0].addr_spec, self.support)
        self.assertTrue(out["Message-Id"])
        self.assertIsNone(out["Auto-Submitted"])
        sent_ids = ticket.message_ids.mapped("message_id")
        self.assertTrue(set(out["References"].split()) & set(sent_ids), "References do not name the ticket's messages")

        # 3. the customer's answer comes back without In-Reply-To / References: the subject threads it
        first_inbound = ticket.cxm_last_inbound_date
        self.imap.deliver(self._mail(self.customer.email, f"Re: {out['Subject']}", body="Monday is fine."))
        self._fetch(1)
        self.assertEqual(len(self._tickets_from("customer@example.com")), 1)
        self.assertIn("Monday is fine.", ticket.message_ids[0].body)
        self.assertGreaterEqual(ticket.cxm_last_inbound_date, first_inbound)

        # 4. a vacation reply to the same ticket, all three headers: logged, nothing opened or reopened
        stage = ticket.stage_id
        vacation = self._mail(
            self.customer.email,
            f"Automatic reply: {out['Subject']}",
            body="Away until the 20th.",
            headers={
                "Auto-Submitted": "auto-replied",
                "Precedence": "bulk",
                "X-Autoreply": "yes",
                "In-Reply-To": out["Message-Id"],
            },
        )
        self.imap.deliver(vacation)
        self._fetch(1)
        self.assertEqual(len(self._tickets_from("customer@example.com")), 1)
        self.assertEqual(ticket.stage_id, stage)
        self.assertEqual(ticket.cxm_reply_instance_id.id, False, "e-mail replies stay on Odoo's mail")
        log = self.env["cxm.mail.autoreply"].search([("message_id", "=", vacation["Message-Id"])])
        self.assertEqual(log.ticket_id, ticket)
        # and a vacation reply to nothing at all opens nothing
        self.imap.deliver(self._mail("Away <away@customer.example>", "Out of office", headers={"Precedence": "bulk"}))
        self._fetch(1)
        self.assertFalse(self._tickets_from("away@customer.example"))
        self.assertEqual(self.env["cxm.mail.autoreply"].search_count([("email_from", "ilike", "away@customer")]), 1)
        self._send_queue()
        self.assertFalse([r for _f, r, _raw in self.smtp.messages if "ece.demir@new.example" in r], "unasked mail")
        to_customer = [rcpts for _from, rcpts, _raw in self.smtp.messages if "customer@example.com" in rcpts]
        self.assertEqual(len(to_customer), 1, "the vacation reply was answered")
        self.assertFalse([rcpts for _f, rcpts, _r in self.smtp.messages if "away@customer.example" in rcpts])

    def test_wrong_imap_password_is_a_clear_error(self):
        bad = self.fetchmail.copy({"password": "wrong", "name": "Wrong password"})
        start = time.monotonic()
        with self.assertRaisesRegex(Exception, "invalid credentials"):
            bad.button_confirm_login()
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(bad.state, "draft")
