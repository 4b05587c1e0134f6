# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    """The portal preference page /my/consent: the logged-in customer sees and changes only their own
    consents; a withdrawal applies at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.tr")
        cls.portal = new_test_user(cls.env, "consent_portal", groups="base.group_portal", email="can@example.com")
        cls.portal.partner_id.phone = "+905329998877"
        cls.other = cls.env["res.partner"].create({"name": "Other", "email": "other@example.com"})
        cls.env["cxm.consent.event"]._cxm_record(
            [
                {"partner_id": p.id, "channel": "email", "status": "approve", "source": "HS_WEB"}
                for p in (cls.portal.partner_id, cls.other)
            ]
        )

    def allowed(self, channel, address):
        return bool(self.env["cxm.consent.state"]._cxm_allowed(channel, [address]))

    def test_customer_withdraws_and_grants_on_the_portal(self):
        self.authenticate("consent_portal", "consent_portal")
        page = self.url_open("/my/consent")
        self.assertEqual(page.status_code, 200)
        self.assertIn("can@example.com", page.text)
        self.assertIn("+905329998877", page.text)
        self.assertNotIn("other@example.com", page.text, "only the customer's own addresses")
        self.assertRegex(page.text, r'id="consent_email"[^>]*checked')
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        # e-mail switched off, SMS switched on (the other channels left off: never asked stays as is)
        saved = self.url_open("/my/consent", data={"csrf_token": token, "consent_sms": "on"})
        self.assertEqual(saved.status_code, 200)
        self.assertIn("Your preferences are saved", saved.text)
        self.assertFalse(self.allowed("email", "can@example.com"), "withdrawn at once")
        self.assertTrue(self.allowed("sms", "+905329998877"))
        self.assertTrue(self.allowed("email", "other@example.com"), "nobody else's consent changes")
        events = self.env["cxm.consent.event"].search([("partner_id", "=", self.portal.partner_id.id)])
        self.assertEqual(len(events), 3, "one event per changed channel only")
        self.assertEqual(set(events[:2].mapped("source")), {"HS_WEB"})
        self.assertEqual(events[:2].mapped("user_id"), self.portal)
        self.assertTrue(self.env["mail.blacklist"].search([("email", "=", "can@example.com")]))

    @mute_logger("odoo.http")
    def test_anonymous_visitors_and_forged_posts_are_refused(self):
        page = self.url_open("/my/consent", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303))
        self.assertIn("/web/login", page.headers["Location"])
        self.authenticate("consent_portal", "consent_portal")
        forged = self.url_open("/my/consent", data={"consent_email": "on", "partner_id": str(self.other.id)})
        self.assertEqual(forged.status_code, 400, "no CSRF token, no change")
        self.assertTrue(self.allowed("email", "other@example.com"))
        self.assertTrue(self.allowed("email", "can@example.com"))

    def test_preference_page_tour(self):
        """The customer opens the page from the portal home, switches e-mail off and SMS on, saves."""
        self.start_tour("/my", "cxm_consent_portal_tour", login="consent_portal")
        self.assertFalse(self.allowed("email", "can@example.com"))
        self.assertTrue(self.allowed("sms", "+905329998877"))
