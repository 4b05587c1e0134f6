# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What Odoo's own loop protection does, measured, so that cxm_mail adds only what is missing.

Odoo 19's gateway ignores a duplicated Message-Id, replies to its own loop bounces and
bounces (mailer-daemon, multipart/report); ``_detect_loop_sender`` stops a sender after
``mail.gateway.loop.threshold`` (20) records created from its address within
``mail.gateway.loop.minutes`` (120), counted on the model's primary e-mail field. It reads
no Auto-Submitted or Precedence header, and helpdesk_mgmt's tickets declare no primary
e-mail field ("Primary email missing on helpdesk.ticket" in the log): on stock Odoo +
helpdesk_mgmt every vacation reply is a new ticket, without any limit.
"""

from unittest.mock import patch

from odoo.tests import tagged

from .common import MailCommon


@tagged("post_install", "-at_install")
class TestLoopBaseline(MailCommon):
    def _flood(self, sender, count=23):
        for i in range(count):
            self._receive(self._mail(sender, f"Auto: your ticket {i}", headers={"Auto-Submitted": "auto-replied"}))

    def test_stock_odoo_has_no_limit_on_tickets(self):
        """Measured baseline: both cxm_mail additions switched off, 23 auto-replies = 23 tickets."""
        sender = "autoresponder@customer.example"
        Ticket = type(self.env["helpdesk.ticket"])
        stock_domain = self.env["mail.thread"]._detect_loop_sender_domain  # logs "Primary email missing", None
        with (
            patch("odoo.addons.cxm_mail.models.mail_thread.auto_reply_reason", return_value=(None, None)),
            patch.object(Ticket, "_detect_loop_sender_domain", lambda self, email: stock_domain(email)),
        ):
            self._flood(sender)
        self.assertEqual(len(self._tickets_from(sender)), 23)

    def test_odoo_limit_now_applies_to_robots_without_headers(self):
        """A robot that sets none of the headers is stopped by Odoo's own limit, which cxm_mail
        only switches on for tickets: 20 tickets, then a limit notice."""
        sender = "autoresponder@customer.example"
        with patch("odoo.addons.cxm_mail.models.mail_thread.auto_reply_reason", return_value=(None, None)):
            self._flood(sender)
        self.assertEqual(len(self._tickets_from(sender)), 20, "Odoo's own per-sender limit is 20 records")
        bounce = self.env["mail.mail"].sudo().search([("email_to", "ilike", sender)])
        self.assertTrue(bounce, "Odoo answers the looping sender with a limit notice")

    def test_with_cxm_mail_the_first_auto_reply_opens_nothing(self):
        sender = "autoresponder@customer.example"
        self._flood(sender)
        self.assertFalse(self._tickets_from(sender))
        self.assertEqual(self.env["cxm.mail.autoreply"].search_count([("email_from", "=", sender)]), 23)
        self.assertFalse(self.env["mail.mail"].sudo().search([("email_to", "ilike", sender)]), "no mail to a robot")

    def test_duplicate_message_id_is_odoos_business(self):
        msg = self._mail("dup@customer.example", "Once")
        self._receive(msg)
        self._receive(msg)
        self.assertEqual(len(self._tickets_from("dup@customer.example")), 1)
