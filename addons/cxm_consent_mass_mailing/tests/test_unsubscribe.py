# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm

from .common import NUMBERS, MailingCommon


@tagged("post_install", "-at_install")
class TestUnsubscribe(MailingCommon):
    """Unsubscribe links of campaigns withdraw the consent in the ledger at once; forged links change
    nothing."""

    def test_email_unsubscribe_link_withdraws_email_consent(self):
        first = self.customers[0]
        self.record("approve", channel="email", partner=first)
        mailing = self.mailing("mail", first)
        mailing.action_send_mail()
        # the page the link of the e-mail leads to (the stock route checks the recipient's token)
        url = mailing._get_unsubscribe_url("musteri0@example.com", first.id).replace(
            "confirm_unsubscribe", "unsubscribe"
        )
        forged = url.replace("hash_token=", "hash_token=0")
        self.assertEqual(self.url_open(forged).status_code, 401)
        self.assertTrue(self.allowed("email", ["musteri0@example.com"]), "a forged link changes nothing")
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertFalse(self.allowed("email", ["musteri0@example.com"]), "withdrawn at once")
        event = first.cxm_consent_event_ids[0]
        self.assertEqual(
            (event.status, event.source, event.message_ref), ("refuse", "HS_EPOSTA", f"mailing.mailing:{mailing.id}")
        )

    def test_sms_unsubscribe_page_withdraws_sms_consent(self):
        first = self.customers[0]
        self.record("approve", partner=first)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            mailing, received = self.send_sms_campaign(fake, first)
        self.assertEqual(received, {NUMBERS[0]})
        trace = mailing.mailing_trace_ids
        wrong = self.url_open(f"/sms/{mailing.id}/unsubscribe/{trace.sms_code}?sms_number=%2B905329999999")
        self.assertEqual(wrong.status_code, 200)
        self.assertTrue(self.allowed("sms", [NUMBERS[0]]), "another number changes nothing")
        page = self.url_open(f"/sms/{mailing.id}/unsubscribe/{trace.sms_code}?sms_number=%2B905321110001")
        self.assertEqual(page.status_code, 200)
        self.assertFalse(self.allowed("sms", [NUMBERS[0]]))
        self.assertEqual(first.cxm_consent_event_ids[0].source, "HS_MESAJ")

    def test_list_unsubscribe_leaves_the_list_and_exclude_me_withdraws(self):
        """A mailing to a list: its link leaves the list only (stock); "exclude me" on the same page
        withdraws the e-mail consent, and taking the address off the blocklist there approves it again.
        A wrong token changes nothing."""
        email = "liste@example.com"
        mlist = self.env["mailing.list"].create(
            {"name": "Bülten", "contact_ids": [(0, 0, {"name": "Liste Okuru", "email": email})]}
        )
        self.record("approve", channel="email", address=email)
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Bülten",
                "body_html": "<p>Bülten</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                "contact_list_ids": [(6, 0, mlist.ids)],
            }
        )
        contact = mlist.contact_ids
        url = mailing._get_unsubscribe_url(email, contact.id).replace("confirm_unsubscribe", "unsubscribe")
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertTrue(mlist.subscription_ids.opt_out, "the recipient left the list")
        self.assertTrue(self.allowed("email", [email]), "leaving one list is not a withdrawal")
        token = mailing._generate_mailing_recipient_token(contact.id, email)
        params = {"mailing_id": mailing.id, "document_id": contact.id, "email": email}
        self.assertEqual(
            self.make_jsonrpc_request("/mailing/blocklist/add", dict(params, hash_token="0" + token)), "unauthorized"
        )
        self.assertTrue(self.allowed("email", [email]), "a forged request changes nothing")
        self.assertIs(self.make_jsonrpc_request("/mailing/blocklist/add", dict(params, hash_token=token)), True)
        self.assertFalse(self.allowed("email", [email]), "excluded from every mailing: withdrawn at once")
        blacklist = self.env["mail.blacklist"].search([("email", "=", email)])
        self.assertTrue(blacklist.active)
        self.assertNotIn("consent ledger", blacklist.message_ids[0].body, "the blocklist history reads as stock")
        self.assertIs(self.make_jsonrpc_request("/mailing/blocklist/remove", dict(params, hash_token=token)), True)
        self.assertTrue(self.allowed("email", [email]), "taken off the blocklist by the recipient: approved")
        event = self.env["cxm.consent.event"].search([("address", "=", email)], limit=1)
        self.assertEqual((event.status, event.source), ("approve", "HS_WEB"))
        self.assertFalse(self.env["mail.blacklist"].search([("email", "=", email)]))

    def test_signed_in_page_records_the_users_own_consent_whatever_document_is_named(self):
        """Without a token, the subscription page is the signed-in user's: the refusal is of their own
        e-mail and on their own customer, even when the request names another customer's document."""
        user = new_test_user(
            self.env,
            "marketer",
            email="marketer@example.com",
            groups="base.group_user,mass_mailing.group_mass_mailing_user",
        )
        other = self.customers[0]
        mailing = self.mailing("mail", other)
        self.authenticate("marketer", "marketer")
        params = {"mailing_id": mailing.id, "document_id": other.id, "email": other.email}
        self.assertIs(self.make_jsonrpc_request("/mailing/blocklist/add", params), True)
        event = self.env["cxm.consent.event"].search([("address", "=", "marketer@example.com")])
        self.assertEqual((event.status, event.partner_id), ("refuse", user.partner_id))
        self.assertFalse(self.env["cxm.consent.event"].search([("address", "=", other.email)]))
