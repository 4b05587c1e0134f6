# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import HelpCentreFixture

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestHelpPrivacy(HelpCentreFixture, HttpCase):
    """An attacker fills the anonymous form with a known customer's e-mail or phone: the ticket must not
    appear in that customer's account, nor give the attacker a link to follow the replies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        cls.victim = cls.portal_user.partner_id
        cls.victim.phone = "+905329998877"

    def _submit(self, **params):
        self.url_open("/web/session/logout")
        page = self.url_open(f"/help/form/{self.category.id}")
        data = {**self._valid_params(**params), "csrf_token": CSRF_RE.search(page.text).group(1)}
        response = self.url_open(f"/help/form/{self.category.id}", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 200, response.text[:300])
        ticket = self.env["helpdesk.ticket"].search([("category_id", "=", self.category.id)], order="id desc", limit=1)
        self.assertIn(ticket.number, response.text, "the sender still gets the reference")
        return ticket, response

    def _victim_sees(self, ticket):
        self.authenticate("help_portal_a", "help_portal_a")
        listing = self.url_open("/my/tickets").text + self.url_open("/help").text
        direct = self.url_open(f"/my/ticket/{ticket.id}")
        seen = ticket.number in listing or (direct.status_code == 200 and ticket.name in direct.text)
        self.url_open("/web/session/logout")
        return seen

    def test_known_email_gives_no_link_and_no_account_entry(self):
        ticket, ack = self._submit(email="A.Portal@example.com", subject="Send my invoices to me")
        self.assertEqual(ticket.partner_id, self.victim, "the request is filed with the known customer")
        self.assertEqual(ticket.cxm_sender_state, "matched")
        self.assertNotIn("access_token", ack.text, "the sender is given no status link")
        self.assertIn("o_cxm_link_mailed", ack.text)
        self.assertNotIn(
            "Send my invoices", self.url_open(f"/my/ticket/{ticket.id}").text, "no reading by id without the token"
        )
        self.assertFalse(self._victim_sees(ticket), "not in the customer's account before confirmation")
        note = ticket.message_ids.filtered(lambda m: "not verified" in (m.body or ""))
        self.assertTrue(note, "agents are told what the sender typed and that it is not verified")

        # the link goes to the customer's known address only, and confirms the sender
        mail = self.env["mail.mail"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        self.assertEqual(mail.recipient_ids, self.victim)
        link = re.search(r'href="([^"]*/help/verify/[^"]+)"', str(mail.body_html)).group(1).replace("&amp;", "&")
        path = link[link.index("/help/verify/") :]
        self.assertEqual(self.url_open(f"/help/verify/{ticket.id}?token=forged").status_code, 404)
        self.assertEqual(self.url_open(f"/help/verify/{ticket.id + 1}{path[path.index('?') :]}").status_code, 404)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(ticket.cxm_sender_state, "matched", "opening the link (a mail scanner) confirms nothing")
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        no_csrf = self.url_open(f"/help/verify/{ticket.id}", data={"token": token}, allow_redirects=False)
        self.assertEqual(no_csrf.status_code, 400)
        self.assertEqual(ticket.cxm_sender_state, "matched")
        confirmed = self.url_open(
            f"/help/verify/{ticket.id}",
            data={"token": token, "csrf_token": CSRF_RE.search(page.text).group(1)},
            allow_redirects=False,
        )
        self.assertEqual(confirmed.status_code, 303)
        self.assertIn("access_token=", confirmed.headers["Location"], "then the request opens")
        self.assertEqual(ticket.cxm_sender_state, "verified")
        self.assertTrue(self._victim_sees(ticket), "confirmed by the address's owner: now in their account")

    def test_known_phone_with_own_email_reaches_nothing(self):
        ticket, ack = self._submit(email="attacker@evil.example", phone="0532 999 88 77", subject="Change my address")
        self.assertEqual(ticket.partner_id, self.victim)
        self.assertNotIn("access_token", ack.text)
        mails = self.env["mail.mail"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        self.assertNotIn(
            "attacker@evil.example", " ".join(mails.mapped("email_to") + mails.recipient_ids.mapped("email"))
        )
        self.assertFalse(self._victim_sees(ticket))
        # an agent who called the customer confirms by hand
        agent = self.env["res.users"].search([("login", "=", "admin")])
        ticket.with_user(agent).action_cxm_confirm_sender()
        self.assertEqual(ticket.cxm_sender_state, "verified")
        self.assertTrue(self._victim_sees(ticket))

    def test_new_contact_keeps_own_link(self):
        ticket, ack = self._submit(email="brand.new@example.com")
        self.assertEqual(ticket.cxm_sender_state, "new")
        self.assertIn(f"access_token={ticket.access_token}", ack.text.replace("&amp;", "&"))
