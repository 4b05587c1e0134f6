# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import uuid
from datetime import timedelta
from unittest import mock

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.masking import excerpt
from .common import IntegrationCommon


class TestApiKeys(IntegrationCommon):
    def test_key_hashed_scoped_revocable(self):
        Key = self.env["cxm.integration.api.key"]
        record, clear = Key._generate(self.instance, "PBX", scope="cti")
        self.assertTrue(clear.startswith("cxm_"))
        self.env.cr.execute(SQL("SELECT key_hash FROM cxm_integration_api_key WHERE id = %s", record.id))
        stored = self.env.cr.fetchone()[0]
        self.assertNotIn(clear, stored)
        self.assertEqual(len(stored), 64)
        self.assertFalse(record.last_used)
        self.assertEqual(Key._authenticate(clear, scope="cti"), self.instance)
        self.assertTrue(record.last_used)
        self.assertFalse(Key._authenticate(clear, scope="events"), "a CTI key must not open the events routes")
        self.assertFalse(Key._authenticate(clear[:-1] + ("A" if clear[-1] != "A" else "B")))
        self.assertFalse(Key._authenticate("cxm_nope_x"))
        self.assertFalse(Key._authenticate(None))
        record.action_revoke()
        self.assertTrue(record.revoked_date)
        self.assertFalse(Key._authenticate(clear, scope="cti"))

    def test_secret_never_shown_to_agents(self):
        inst = self.instance.with_user(self.agent)
        with self.assertRaises(AccessError):
            inst.read(["secret"])
        self.assertEqual(inst.secret_hint, "\u2022" * 8 + "ance")
        # managers replace it through the write-only input, never read it back in clear in the form
        self.instance.with_user(self.manager).write({"secret_input": "new-secret-value-1234"})
        self.assertEqual(self.instance.secret, "new-secret-value-1234")
        self.instance.invalidate_recordset()
        self.assertFalse(self.instance.with_user(self.manager).secret_input)

    def test_agent_cannot_generate_keys(self):
        with self.assertRaises(AccessError):
            self.env["cxm.integration.api.key"].with_user(self.agent)._generate(self.instance, "x")


class TestLedgerAndRateLimit(IntegrationCommon):
    def test_redelivery_returns_first_result(self):
        Event = self.env["cxm.integration.event"]
        results = []
        for _ in range(3):
            event, first = Event._claim(self.instance, "evt-42", "order.created")
            if first:
                event._set_result({"ticket": 7})
            results.append((first, event._get_result()))
        self.assertEqual([r[0] for r in results], [True, False, False])
        self.assertEqual([r[1] for r in results], [{"ticket": 7}] * 3)
        rows = Event.search([("instance_id", "=", self.instance.id), ("external_id", "=", "evt-42")])
        self.assertEqual(len(rows), 1)
        # the same id from another instance is another event
        other = self.instance.copy({"code": "test-erp-2"})
        self.assertTrue(Event._claim(other, "evt-42")[1])

    def test_rate_limit_window(self):
        Bucket = self.env["cxm.integration.rate.bucket"]
        key = f"test:{uuid.uuid4().hex}"
        now = 1_800_000_010.0
        answers = [Bucket._hit(key, 3, now=now) for _ in range(5)]
        self.assertEqual([a[0] for a in answers], [True, True, True, False, False])
        self.assertEqual(answers[3][1], 51, "Retry-After points at the end of the minute window")
        self.assertTrue(Bucket._hit(key, 3, now=now + 60)[0], "a new window starts from zero")
        self.assertEqual(Bucket._hit(key, 0, now=now), (True, 0), "0 means no limit")


class TestLog(IntegrationCommon):
    def test_masking_of_secrets_and_personal_data(self):
        payload = {
            "event_id": "e-1",
            "api_key": "cxm_abcdef_verysecret",
            "customer": {"email": "ayse.yilmaz@example.com.tr", "phone": "+90 532 123 45 67", "tckn": 10000000146},
            "Authorization": "Bearer xyz",
            "note": "call me on 0532 123 45 67 or ayse@example.com",
        }
        log = self.env["cxm.integration.log"]._record(self.instance, "in", "/x", 200, 12.5, request=payload)
        text = log.request_excerpt
        for clear in ("verysecret", "ayse.yilmaz@", "532 123 45 67", "10000000146", "Bearer xyz", "ayse@example"):
            self.assertNotIn(clear, text)
        data = json.loads(text)
        self.assertEqual(data["api_key"], "***")
        self.assertEqual(data["customer"]["email"], "a***@example.com.tr")
        self.assertTrue(data["customer"]["phone"].endswith("67"))
        self.assertEqual(data["event_id"], "e-1")
        form = excerpt(b"To=%2B905321234567&Body=hello&AuthToken=abc123&password=x")
        self.assertNotIn("abc123", form)
        self.assertIn("Body=hello", form)
        self.assertEqual(excerpt("x" * 5000)[:10], "xxxxxxxxxx")
        self.assertLessEqual(len(excerpt("x" * 5000)), 2000)

    def test_retention_purge_in_batches(self):
        Log = self.env["cxm.integration.log"]
        old = Log._record(self.instance, "in", "/old", 200, 1)
        recent = Log._record(self.instance, "in", "/recent", 200, 1)
        self.env.cr.execute(
            SQL(
                "UPDATE cxm_integration_log SET create_date = %s WHERE id = %s",
                fields.Datetime.now() - timedelta(days=91),
                old.id,
            )
        )
        with mock.patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")):
            Log._cron_purge()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())

    def test_health_and_company_isolation(self):
        Log = self.env["cxm.integration.log"]
        Log._record(self.instance, "in", "/a", 200, 10)
        Log._record(self.instance, "in", "/b", 500, 30, error="boom")
        self.instance.invalidate_recordset()
        self.assertEqual(self.instance.health_calls, 2)
        self.assertEqual(self.instance.health_errors, 1)
        self.assertEqual(self.instance.health_latency, 20)
        other = self.env["cxm.integration.instance"].create(
            {"name": "Other", "code": "other", "kind": "sms", "company_id": self.other_company.id}
        )
        other_log = Log._record(other, "in", "/secret", 200, 1)
        visible = Log.with_user(self.manager).search([])
        self.assertNotIn(other_log, visible)
        self.assertIn(self.instance, visible.instance_id)
        with self.assertRaises(AccessError):
            Log.with_user(self.agent).search([])
