# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import IysCommon


@tagged("post_install", "-at_install")
class TestIysPull(IysCommon):
    def setUp(self):
        super().setUp()
        with self.fake.lock:
            self.fake.changes.clear()
            self.fake.raw_changes = None

    def ledger(self, address):
        return self.env["cxm.consent.event"].search([("address", "=", address)], order="id")

    def pull(self):
        with trap_jobs() as trap:
            self.instance.action_cxm_iys_pull()
            self.drain(trap)

    def test_a_refusal_on_iys_withdraws_sms_and_whatsapp_once(self):
        """A customer refuses messages on İYS itself: the next pull records the refusal for SMS and
        WhatsApp (source HS_IYS) and commercial sends stop; pulling again, or replaying from the
        start, records nothing more."""
        with trap_jobs() as trap:
            self.record(self.ayse, "sms")
            self.record(self.ayse, "whatsapp")
            self.drain(trap)
        State = self.env["cxm.consent.state"]
        self.assertEqual(State._cxm_allowed("sms", ["+905321112233"]), {"+905321112233"})
        self.fake.recipient_change("+905321112233", "MESAJ", "RET")
        self.pull()
        events = self.ledger("+905321112233").filtered(lambda e: e.source == "HS_IYS")
        self.assertEqual(sorted(events.mapped("channel")), ["sms", "whatsapp"])
        self.assertEqual(set(events.mapped("status")), {"refuse"})
        self.assertEqual(events.partner_id, self.ayse)
        self.assertFalse(State._cxm_allowed("sms", ["+905321112233"]))
        self.assertFalse(State._cxm_allowed("whatsapp", ["+905321112233"]))
        self.assertEqual(self.instance.cxm_iys_cursor, "1")
        self.assertFalse(self.pushes(events), "what İYS told us is not sent back")
        count = len(self.ledger("+905321112233"))
        self.pull()
        self.instance.cxm_iys_cursor = False  # replay the whole feed
        self.pull()
        self.assertEqual(len(self.ledger("+905321112233")), count)
        self.assertIn("after=1", self.fake.calls("/consents/changes")[1][1])

    def test_pages_follow_the_cursor(self):
        self.instance.cxm_iys_pull_limit = 2
        for status in ("ONAY", "RET", "ONAY", "RET", "ONAY"):
            self.fake.recipient_change("mehmet@example.com", "EPOSTA", status)
        self.pull()
        self.assertEqual(len(self.fake.calls("/consents/changes")), 3)
        self.assertEqual(self.instance.cxm_iys_cursor, "5")
        self.assertEqual(self.ledger("mehmet@example.com").mapped("status"), ["approve", "refuse"] * 2 + ["approve"])

    def test_a_state_the_ledger_has_is_not_repeated(self):
        with trap_jobs() as trap:
            self.record(self.mehmet, "call")
            self.drain(trap)
        self.fake.recipient_change("+905334445566", "ARAMA", "ONAY")
        self.pull()
        self.assertEqual(len(self.ledger("+905334445566")), 1)

    def test_unknown_recipient_and_bad_changes_change_nothing(self):
        self.fake.recipient_change("+905550000000", "MESAJ", "RET")
        with self.fake.lock:
            self.fake.changes.append((2, {"recipient": "+905321112233", "type": "FAKS", "status": "RET"}))
        self.pull()
        self.assertFalse(self.ledger("+905550000000"))
        self.assertFalse(self.ledger("+905321112233"))
        errors = self.env["cxm.integration.log"].search(
            [("instance_id", "=", self.instance.id), ("state", "=", "error")]
        )
        self.assertEqual(
            sorted(e.split(": ")[1] for e in errors.mapped("error")), ["malformed change", "unknown recipient"]
        )
        self.assertEqual(self.instance.cxm_iys_cursor, "2", "the page was read")

    def test_malformed_page_keeps_the_cursor(self):
        self.instance.cxm_iys_cursor = "7"
        self.fake.raw_changes = b'{"after": "9", "list": [{"recipient": '
        self.pull()
        self.assertEqual(self.instance.cxm_iys_cursor, "7")
        error = self.env["cxm.integration.log"].search(
            [("instance_id", "=", self.instance.id), ("state", "=", "error")]
        )
        self.assertIn("malformed JSON", error.error)
