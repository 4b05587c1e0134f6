# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import PDF, HelpCentreFixture

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestHelpHttp(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()

    def _form_url(self, category=None):
        return f"/help/form/{(category or self.category).id}"

    def _csrf(self):
        page = self.url_open(self._form_url())
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(page.text).group(1)

    def _post(self, data, files=None, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf_token"] = self._csrf()
        return self.url_open(self._form_url(), data=data, files=files, allow_redirects=False)

    def _tickets(self):
        return self.env["helpdesk.ticket"].search([("category_id", "=", self.category.id)])

    def test_home_shows_tiles_and_forms(self):
        home = self.url_open("/help")
        self.assertEqual(home.status_code, 200)
        self.assertIn("Help Returns", home.text)
        self.assertNotIn("Help Internal", home.text, "categories not shown in the portal stay hidden")
        self.assertEqual(self.url_open(self._form_url(self.hidden_category)).status_code, 404)
        self.assertEqual(self.url_open("/help?instance=nope").status_code, 404)

    def test_submit_ack_and_status_link(self):
        response = self._post(self._valid_params(), files={"receipt": ("r.pdf", PDF, "application/pdf")})
        self.assertEqual(response.status_code, 200, response.text[:500])
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertIn(ticket.number, response.text)
        link = re.search(r'class="o_cxm_status_link" href="([^"]+)"', response.text).group(1).replace("&amp;", "&")
        self.assertIn("access_token=", link)
        self.url_open("/web/session/logout")
        status = self.url_open(link)
        self.assertIn("Shoes too small", status.text, "the tokenised link opens the ticket without signing in")
        self.assertIn("Wrong size", status.text, "with the answers in a readable block")

    def test_csrf_required(self):
        response = self._post(self._valid_params(), csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._tickets())

    def test_honeypot(self):
        response = self._post(self._valid_params(cxm_hp="http://spam.example.com"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._tickets())

    def test_errors_keep_input(self):
        response = self._post(self._valid_params(amount="lots", email="not-an-email"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Enter a number.", response.text)
        self.assertIn("This is not a valid e-mail address.", response.text)
        self.assertIn('value="Shoes too small"', response.text, "what the customer typed is kept")
        self.assertIn('value="lots"', response.text)
        self.assertFalse(self._tickets())

    def test_rate_limit_per_client(self):
        self.env["ir.config_parameter"].set_param("cxm_selfservice.ip_rate_limit", "2")
        codes = [self._post(self._valid_params(subject=f"Try {i}")).status_code for i in range(3)]
        self.assertEqual(codes, [200, 200, 429])
        self.assertEqual(len(self._tickets()), 2, "the refused request created nothing")

    def test_rate_limit_per_instance(self):
        instance = self.env["cxm.integration.instance"].create(
            {"name": "Shop", "code": "help-shop", "kind": "website", "state": "active", "rate_limit": 1}
        )
        url = f"{self._form_url()}?instance={instance.code}"
        codes = []
        for i in range(2):
            data = {**self._valid_params(subject=f"Shop {i}"), "csrf_token": self._csrf()}
            codes.append(self.url_open(url, data=data, allow_redirects=False).status_code)
        self.assertEqual(codes, [200, 429])

    def test_portal_user_cannot_reach_other_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        mine = Ticket.create({"name": "Mine A", "description": "a", "partner_id": self.portal_user.partner_id.id})
        theirs = Ticket.create(
            {"name": "Secret of B", "description": "b", "partner_id": self.portal_user_b.partner_id.id}
        )
        closing = self.env["helpdesk.ticket.stage"].search([("close_from_portal", "=", True)], limit=1) or self.env[
            "helpdesk.ticket.stage"
        ].create({"name": "Closed by customer", "closed": True, "close_from_portal": True})
        self.authenticate("help_portal_a", "help_portal_a")
        self.assertIn("Mine A", self.url_open(f"/my/ticket/{mine.id}").text)
        leaks = []
        for ticket in Ticket.search([("id", "!=", mine.id)]):
            page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
            if page.status_code == 200 and ticket.name in page.text:
                leaks.append(ticket.id)
            if self.url_open(f"/my/ticket/{ticket.id}/forged-token", allow_redirects=False).status_code == 200:
                leaks.append(ticket.id)
        self.assertEqual(leaks, [], "0 leaks over every ticket id")
        stage_before = theirs.stage_id
        home = self.url_open("/my")
        token = CSRF_RE.search(home.text) or re.search(r'csrf_token: "([^"]+)"', home.text)
        response = self.url_open(
            "/ticket/close",
            data={"ticket_id": theirs.id, "stage_id": closing.id, "csrf_token": token.group(1)},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertEqual(theirs.stage_id, stage_before, "another customer's ticket is not closed")
        self.assertEqual(self.url_open(f"/ticket/close?ticket_id={mine.id}&stage_id={closing.id}").status_code, 405)
