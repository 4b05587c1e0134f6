# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConsentCommon


@tagged("post_install", "-at_install")
class TestLedger(ConsentCommon):
    def test_record_normalises_and_latest_event_wins(self):
        self.record("approve", address="0532 123 45 67")
        self.record("approve", channel="email", address="  Ayse@Example.COM ")
        events = self.customer.cxm_consent_event_ids
        self.assertEqual(sorted(events.mapped("address")), ["+905321234567", "ayse@example.com"])
        self.assertEqual(events.mapped("user_id"), self.env.user, "who recorded it is evidence")
        self.assertEqual(self.allowed("sms", ["+90 532 123 45 67", "+905551112233"]), {"+90 532 123 45 67"})
        self.record("refuse")
        self.assertFalse(self.allowed("sms", ["+905321234567"]), "the latest event is the effective state")
        self.assertEqual(len(self.customer.cxm_consent_event_ids), 3, "a change of mind is a new event")
        state = self.env["cxm.consent.state"].search([("partner_id", "=", self.customer.id), ("channel", "=", "sms")])
        self.assertEqual(state.status, "refuse")
        self.assertEqual(self.allowed("email", ["AYSE@example.com"]), {"AYSE@example.com"})
        self.assertFalse(self.allowed("call", ["+905321234567"]), "never asked is not a consent")

    def test_consent_is_per_company(self):
        other = self.env["res.company"].create({"name": "Other company", "country_id": self.env.ref("base.tr").id})
        self.record("approve", company_id=other.id)
        self.assertFalse(self.allowed("sms", ["+905321234567"]), "approved in another company only")
        self.assertTrue(self.env["cxm.consent.state"]._cxm_allowed("sms", ["+905321234567"], company=other))

    def test_bad_input_is_refused_and_records_nothing(self):
        Event = self.env["cxm.consent.event"]
        before = Event.search_count([])
        good = {"partner_id": self.customer.id, "channel": "sms", "status": "approve", "source": "HS_WEB"}
        cases = [
            (dict(good, channel="fax"), "channel"),
            (dict(good, status="maybe"), "status"),
            (dict(good, source="HS_NOWHERE"), "source"),
            (dict(good, address="not a number"), "address"),
            (dict(good, channel="email", address="nobody"), "address"),
            (dict(good, consent_date="yesterday"), "date"),
            (dict(good, partner_id=999999999), "customer"),
            (dict(good, colour="red"), "colour"),
        ]
        for vals, word in cases:
            with self.subTest(word=word), self.assertRaisesRegex(UserError, word):
                Event._cxm_record([good, vals])
        self.assertEqual(Event.search_count([]), before, "a batch with one bad item records nothing")

    def test_nobody_edits_or_deletes_events(self):
        event = self.record("approve")
        for user in (self.agent, self.supervisor, self.manager):
            as_user = event.with_user(user)
            self.assertEqual(as_user.status, "approve", "the roles read the ledger")
            with self.assertRaises(AccessError):
                as_user.write({"status": "refuse"})
            with self.assertRaises(AccessError):
                as_user.unlink()
            with self.assertRaises(AccessError):
                as_user.copy()
            with self.assertRaises(AccessError):
                self.env["cxm.consent.event"].with_user(user).create(
                    {"channel": "sms", "address": "+905321234567", "status": "refuse", "source": "HS_WEB"}
                )
        with self.assertRaises(AccessError):
            event.sudo().write({"status": "refuse"})
        with self.assertRaises(AccessError):
            event.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["cxm.consent.event"].sudo().with_context(cxm_consent_recording=True).create(
                {"channel": "sms", "address": "+905321234567", "status": "refuse", "source": "HS_WEB"}
            )
        self.assertEqual(event.status, "approve")

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_changes_too(self):
        event = self.record("approve")
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.RaiseException), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE cxm_consent_event SET status = 'refuse' WHERE id = %s", [event.id])
        with self.assertRaises(psycopg2.errors.RaiseException), self.env.cr.savepoint():
            self.env.cr.execute("DELETE FROM cxm_consent_event WHERE id = %s", [event.id])
        # deleting the customer keeps the event (the ledger is kept for audits), without the link
        self.customer.unlink()
        self.env.invalidate_all()
        self.assertTrue(event.exists())
        self.assertFalse(event.partner_id)
        self.assertEqual(event.address, "+905321234567")

    def test_refusals_feed_the_blacklists_and_approvals_lift_them(self):
        MailBl, PhoneBl = self.env["mail.blacklist"], self.env["phone.blacklist"]
        self.record("approve", channel="email")
        self.record("approve")
        self.assertFalse(MailBl.search([("email", "=", "ayse@example.com")]))
        self.record("refuse", channel="email")
        self.record("refuse")
        self.assertTrue(MailBl.search([("email", "=", "ayse@example.com")]), "e-mail refusal is blacklisted")
        self.assertTrue(PhoneBl.search([("number", "=", "+905321234567")]), "SMS refusal is blacklisted")
        self.assertTrue(self.customer.is_blacklisted, "Odoo's own senders see the refusal")
        self.record("approve", channel="email", source="HS_CAGRI_MERKEZI")
        self.record("approve", source="HS_CAGRI_MERKEZI")
        self.assertFalse(MailBl.search([("email", "=", "ayse@example.com")]))
        self.assertFalse(PhoneBl.search([("number", "=", "+905321234567")]))
        self.record("refuse", channel="call")
        self.assertFalse(PhoneBl.search([("number", "=", "+905321234567")]), "a call refusal does not stop SMS")

    def commercial(self, purpose="commercial"):
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .create(
                {
                    "instance_id": self.netgsm.id,
                    "direction": "out",
                    "state": "queued",
                    "purpose": purpose,
                    "partner_id": self.customer.id,
                    "address": "+905321234567",
                    "body": "Kampanya: %20 indirim",
                }
            )
        )
        return message._cxm_consent_refusal()

    def test_channel_hook_blocks_commercial_messages_without_consent_only(self):
        self.assertIn("has not approved", self.commercial())
        self.assertIsNone(self.commercial("transactional"), "replies are never blocked")
        self.record("approve")
        self.assertIsNone(self.commercial())
        self.record("refuse")
        self.assertIn("has not approved", self.commercial())
        self.assertIsNone(self.commercial("transactional"), "replies still pass after a withdrawal")
