# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.fastapi.pools import fastapi_app_pool

from ..tools.signatures import generic_signature


@tagged("post_install", "-at_install")
class TestRestApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_user = new_test_user(cls.env, "int_api_tech", groups="cxm_base.group_cxm_integration")
        cls.instance = cls.env["cxm.integration.instance"].create(
            {"name": "API ERP", "code": "api-erp", "kind": "ecommerce", "state": "active", "user_id": cls.tech_user.id}
        )
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.instance, "tests")

    def _call(self, path, body=None, key=None, headers=None, method=None):
        headers = dict(headers or {})
        if key is not False:
            headers["X-API-Key"] = key or self.key
        data = body if isinstance(body, bytes | str) or body is None else json.dumps(body)
        if data is not None:
            headers.setdefault("Content-Type", "application/json")
        return self.url_open(f"/cxm/api{path}", data=data, headers=headers, method=method)

    def _within_one_window(self):
        """The limits count per minute window: start away from its end, so a few calls share one window."""
        if time.time() % 60 > 50:
            time.sleep(60.5 - time.time() % 60)

    def _logs(self):
        return self.env["cxm.integration.log"].search([("direction", "=", "in")])

    def test_error_detail_in_the_callers_language(self):
        """The code stays stable, the human detail follows Accept-Language (English without it)."""
        self.env["res.lang"]._activate_lang("tr_TR")
        self.env["ir.module.module"].search([("name", "=", "cxm_integration")])._update_translations("tr_TR")
        english = self._call("/v1/instance", key=False).json()
        turkish = self._call("/v1/instance", key=False, headers={"Accept-Language": "tr-TR,tr;q=0.9"}).json()
        self.assertEqual(
            english, {"error": "unauthorized", "field": "X-API-Key", "detail": "The X-API-Key header is missing."}
        )
        self.assertEqual(turkish, {"error": "unauthorized", "field": "X-API-Key", "detail": "X-API-Key başlığı eksik."})
        refused = self._call("/v1/events", body=b"\xff\xfe", headers={"Accept-Language": "tr-TR"}, method="POST")
        self.assertEqual(refused.json()["error"], "invalid_encoding")
        self.assertIn("Gövde geçerli UTF-8 değil", refused.json()["detail"])

    def test_whoami_and_auth_errors(self):
        response = self._call("/v1/instance")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["code"], "api-erp")
        response = self._call("/v1/instance", key=False)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(
            response.json(), {"error": "unauthorized", "field": "X-API-Key", "detail": response.json()["detail"]}
        )
        self.assertEqual(self._call("/v1/instance", key="cxm_0000_wrong").status_code, 401)
        self.instance.action_disable()
        response = self._call("/v1/instance")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"], "disabled")
        self.assertEqual(self._logs()[0].status_code, 403)
        self.assertEqual(self._logs()[0].instance_id, self.instance)

    def test_event_redelivered_three_times_is_recorded_once(self):
        event = {"event_id": "ord-1001", "type": "order.created", "payload": {"order": "SO1001"}}
        answers = [self._call("/v1/events", event) for _ in range(3)]
        self.assertEqual([a.status_code for a in answers], [200, 200, 200])
        self.assertEqual([a.json()["status"] for a in answers], ["accepted", "duplicate", "duplicate"])
        self.assertEqual({a.json()["ledger_id"] for a in answers}.__len__(), 1)
        self.assertEqual(answers[2].json()["result"], answers[0].json()["result"])
        ledger = self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)])
        self.assertEqual(len(ledger), 1)
        self.assertEqual(self._logs()[0].external_id, "ord-1001")

    def test_bad_input_is_a_json_4xx_and_changes_nothing(self):
        Event = self.env["cxm.integration.event"]
        cases = [
            (b"{not json", 400, "invalid_json", None),
            ({"type": "x"}, 422, "invalid", "event_id"),
            ({"event_id": "e", "type": "bad type!"}, 422, "invalid", "type"),
            ({"event_id": "e", "type": "t", "extra": 1}, 422, "invalid", "extra"),
            (b"[1, 2]", 422, "invalid", None),
            (b'{"event_id": "e", "type": "t", "n": [Infinity, NaN]}', 400, "invalid_json", None),
            (b"x" * (300 * 1024), 413, "too_large", None),
        ]
        for body, status, error, field in cases:
            with self.subTest(body=body[:30] if isinstance(body, bytes) else body):
                before = len(self._logs())
                response = self._call("/v1/events", body)
                self.assertEqual(response.status_code, status, response.text)
                self.assertEqual(response.json()["error"], error)
                if field:
                    self.assertEqual(response.json()["field"], field)
                self.assertEqual(len(self._logs()), before + 1, "every refused call is logged")
        self.assertFalse(Event.search([("instance_id", "=", self.instance.id)]))

    def test_generic_signature_required_when_configured(self):
        self.instance.write({"signature_scheme": "generic", "secret": "hook-secret"})
        body = json.dumps({"event_id": "s-1", "type": "t"})
        ts = int(time.time())
        good = {"X-CXM-Timestamp": str(ts), "X-CXM-Signature": generic_signature("hook-secret", ts, body.encode())}
        self.assertEqual(self._call("/v1/events", body).status_code, 401)
        old = ts - 600
        stale = {"X-CXM-Timestamp": str(old), "X-CXM-Signature": generic_signature("hook-secret", old, body.encode())}
        response = self._call("/v1/events", body, headers=stale)
        self.assertEqual(response.status_code, 401)
        self.assertIn("expired", response.json()["detail"])
        self.assertFalse(self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)]))
        response = self._call("/v1/events", body, headers=good)
        self.assertEqual(response.status_code, 200, response.text)

    def test_rate_limit_429_with_retry_after(self):
        self.instance.rate_limit = 3
        self._within_one_window()
        statuses = [self._call("/v1/instance") for _ in range(5)]
        self.assertEqual([r.status_code for r in statuses][:3], [200, 200, 200])
        self.assertEqual(statuses[4].status_code, 429)
        self.assertEqual(statuses[4].json()["error"], "rate_limited")
        self.assertGreaterEqual(int(statuses[4].headers["Retry-After"]), 1)

    def test_address_limit_does_not_use_up_the_instance_budget(self):
        self.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", "2")
        self.instance.rate_limit = 100
        Bucket = self.env["cxm.integration.rate.bucket"]
        self._within_one_window()
        before = Bucket._count(f"in:{self.instance.id}")
        statuses = [self._call("/v1/instance").status_code for _ in range(4)]
        self.assertEqual(statuses, [200, 200, 429, 429])
        self.assertEqual(self._logs()[0].error, "Too many requests.")
        self.assertEqual(
            Bucket._count(f"in:{self.instance.id}") - before, 2, "calls refused for the address are not the instance's"
        )

    def test_revoked_key_fails_on_the_next_call(self):
        record, key = self.env["cxm.integration.api.key"]._generate(self.instance, "to revoke")
        self.assertEqual(self._call("/v1/instance", key=key).status_code, 200)
        self.assertEqual(self._call("/v1/instance", key=key).status_code, 200)
        self.assertTrue(record.last_used)
        record.action_revoke()
        self.assertEqual(self._call("/v1/instance", key=key).status_code, 401)
        other, key = self.env["cxm.integration.api.key"]._generate(self.instance, "to delete")
        self.assertEqual(self._call("/v1/instance", key=key).status_code, 200)
        other.unlink()
        self.assertEqual(self._call("/v1/instance", key=key).status_code, 401)
        self.assertEqual(self._call("/v1/instance").status_code, 200, "the other keys still work")

    def test_instance_changes_apply_on_the_next_call(self):
        """What admits a call (state, limit, technical user) is cached per worker: every change of the
        instance applies from the next call on, whatever the caller sends."""
        event = {"event_id": "adm-1", "type": "order.created", "payload": {}}
        self._within_one_window()
        self.assertEqual(self._call("/v1/events", event).status_code, 200)  # cached now
        self.instance.rate_limit = 1
        refused = self._call("/v1/instance", headers={"X-CXM-Instance": "0", "Cache-Control": "no-cache"})
        self.assertEqual(refused.status_code, 429, "a lower limit counts from the next call")
        self.instance.rate_limit = 100
        self.assertEqual(self._call("/v1/instance").status_code, 200)
        user = self.instance.user_id
        self.instance.user_id = False
        answer = self._call("/v1/events", dict(event, event_id="adm-2"))
        self.assertEqual((answer.status_code, answer.json()["error"]), (403, "no_technical_user"))
        self.instance.user_id = user
        self.instance.action_disable()
        self.assertEqual(self._call("/v1/instance").json()["error"], "disabled")
        self.instance.action_activate()
        self.assertEqual(self._call("/v1/events", dict(event, event_id="adm-3")).status_code, 200)
        self.assertEqual(self._logs()[0].instance_id, self.instance)

    def test_openapi_document(self):
        response = self.url_open("/cxm/api/openapi.json")
        self.assertEqual(response.status_code, 200)
        doc = response.json()
        self.assertIn("/v1/events", doc["paths"])
        self.assertIn("X-API-Key", json.dumps(doc["components"]["securitySchemes"]))
        self.assertIn("ErrorOut", doc["components"]["schemas"])

    def test_malformed_accept_language_is_not_a_server_error(self):
        response = self._call("/v1/instance", headers={"Accept-Language": "en;q=[A+hg=WJ>oc_g>"})
        self.assertEqual(response.status_code, 200, response.text)

    def test_one_app_per_endpoint_not_per_url(self):
        """Every URL of the API is served by the endpoint's one pooled app: a
        new resource id in the URL neither builds another app nor grows memory."""
        for path in ("/v1/instance", "/openapi.json", "/docs", "/redoc"):
            self.assertEqual(self._call(path).status_code, 200, path)
        pooled = set(fastapi_app_pool._queue_by_db_by_root_path[self.env.cr.dbname])
        self.assertIn("/cxm/api", pooled)
        self.assertFalse({p for p in pooled if p.startswith("/cxm/api/")}, "no app pooled per URL")
