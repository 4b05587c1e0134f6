# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from odoo.tests import tagged

from .common import SmsCommon
from .fake_providers import FakeNetgsm, FakeTwilio, FakeVonage, query_url, twilio_sig, vonage_sig


@tagged("post_install", "-at_install")
class TestWebhooks(SmsCommon):
    def setUp(self):
        super().setUp()
        self.session = requests.Session()

    def _logged(self, instance, status):
        return self.env["cxm.integration.log"].search_count(
            [("instance_id", "=", instance.id), ("direction", "=", "in"), ("status_code", "=", status)]
        )

    # --- accepted once
    def test_inbound_each_provider_once(self):
        url = self.hook(self.twilio, "inbound")
        twilio = FakeTwilio()
        params = twilio.inbound_params("+905321234567", "Siparişim nerede?")
        response = twilio.post_signed(url, params)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("<Response/>", response.text, "Twilio gets TwiML back")
        self.assertEqual(twilio.post_signed(url, params).status_code, 200, "a redelivery is answered")
        self.assertEqual(self.ledger(self.twilio), 1)

        vonage = FakeVonage()
        params = vonage.inbound_params("905321234567", "Kargom gelmedi")
        response = self.session.get(query_url(self.hook(self.vonage, "inbound"), params))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.ledger(self.vonage), 1)

        netgsm = FakeNetgsm()
        response = netgsm.inbound(self.hook(self.netgsm, "inbound"), "905321234567", "İade istiyorum")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            netgsm.inbound(self.hook(self.netgsm, "inbound"), "905321234567", "İade istiyorum").status_code, 200
        )
        self.assertEqual(self.ledger(self.netgsm), 1)
        message = self.env["cxm.channel.message"].sudo().search([("instance_id", "=", self.netgsm.id)])
        self.assertEqual((message.address, message.body, message.state), ("+905321234567", "İade istiyorum", "pending"))

    # --- refused, nothing written
    def test_forged_and_tampered_refused_per_provider(self):
        rng = random.Random(11)
        twilio, vonage = FakeTwilio(), FakeVonage()
        twilio_url, vonage_url = self.hook(self.twilio, "inbound"), self.hook(self.vonage, "inbound")
        refused = {"twilio": 0, "vonage": 0, "netgsm": 0}
        for n in range(250):
            params = twilio.inbound_params("+905321234567", f"forged {n}")
            signature = twilio_sig("twilio-token", twilio_url, params)
            variant = n % 5
            headers = {"X-Twilio-Signature": signature}
            if variant == 0:
                headers["X-Twilio-Signature"] = twilio_sig("another-token", twilio_url, params)
            elif variant == 1:
                headers = {}
            elif variant == 2:
                params["Body"] += " tampered"
            elif variant == 3:
                headers["X-Twilio-Signature"] = twilio_sig("twilio-token", twilio_url + "?x=1", params)
            else:
                headers["X-Twilio-Signature"] = signature[:-4] + "AAA="
            response = self.session.post(twilio_url, data=params, headers=headers)
            refused["twilio"] += response.status_code == 401

            params = vonage.inbound_params("905321234567", f"forged {n}")
            variant = n % 5
            if variant == 0:
                params["sig"] = vonage_sig("another-secret", params)
            elif variant == 1:
                params.pop("sig")
            elif variant == 2:
                params["text"] += " tampered"
            elif variant == 3:  # an old signed request replayed
                params["timestamp"] = str(int(time.time()) - 3600)
                params["sig"] = vonage_sig("vonage-sig", params)
            else:
                params.pop("timestamp")
            response = self.session.get(query_url(vonage_url, params))
            refused["vonage"] += response.status_code == 401

            token = f"{rng.getrandbits(128):032x}"
            response = self.session.get(
                self.base_url() + f"/cxm/api/v1/sms/netgsm/{token}/inbound",
                params={"gsmno": "905321234567", "mesaj": f"forged {n}"},
            )
            refused["netgsm"] += response.status_code == 404
        self.assertEqual(refused, {"twilio": 250, "vonage": 250, "netgsm": 250})
        for instance in (self.twilio, self.vonage, self.netgsm):
            self.assertEqual(self.ledger(instance), 0)
        self.assertEqual(self._logged(self.twilio, 401), 250, "every refusal is in the API log")

    def test_netgsm_allow_list_and_disabled_instance(self):
        self.netgsm.sms_allowed_ips = "10.1.2.0/24"
        response = FakeNetgsm().inbound(self.hook(self.netgsm, "inbound"), "905321234567", "hello")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"], "forbidden_address")
        self.netgsm.sms_allowed_ips = "127.0.0.1"
        self.netgsm.action_disable()
        response = FakeNetgsm().inbound(self.hook(self.netgsm, "inbound"), "905321234567", "hello")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.ledger(self.netgsm), 0)
        old_url = self.hook(self.netgsm, "inbound")
        self.netgsm.action_activate()
        self.netgsm.action_cxm_sms_new_token()
        self.assertEqual(FakeNetgsm().inbound(old_url, "905321234567", "hello").status_code, 404)
        self.assertEqual(FakeNetgsm().inbound(self.hook(self.netgsm, "inbound"), "905321234567", "hi").status_code, 200)

    def test_malformed_payloads(self):
        url = self.hook(self.netgsm, "inbound")
        cases = [
            ({"gsmno": "905321234567"}, 400, "invalid"),  # no text
            ({"mesaj": "hello"}, 400, "invalid"),  # no sender
            ({"gsmno": "905321234567", "mesaj": "a\x00b"}, 400, "invalid_text"),
        ]
        for params, status, error in cases:
            response = self.session.get(url, params=params)
            self.assertEqual((response.status_code, response.json()["error"]), (status, error), params)
        response = self.session.get(url + "?gsmno=905321234567&mesaj=%FF%FE")
        self.assertEqual((response.status_code, response.json()["error"]), (400, "invalid_encoding"))
        response = self.session.post(
            url, data=b"gsmno=905321234567&mesaj=\xff", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        self.assertEqual(response.status_code, 400)
        response = self.session.post(url, data=b'{"gsmno": ', headers={"Content-Type": "application/json"})
        self.assertEqual((response.status_code, response.json()["error"]), (400, "invalid_json"))
        response = self.session.get(self.hook(self.netgsm, "bogus"))
        self.assertEqual(response.status_code, 404)
        response = self.session.get(self.base_url() + "/cxm/api/v1/sms/sinch/abc/inbound")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.ledger(self.netgsm), 0)

    def test_rate_limit_of_the_instance(self):
        self.vonage.rate_limit = 5
        vonage = FakeVonage()
        url = self.hook(self.vonage, "inbound")
        statuses = [
            self.session.get(query_url(url, vonage.inbound_params("905321234567", f"m{n}"))).status_code
            for n in range(8)
        ]
        self.assertEqual(statuses, [200] * 5 + [429] * 3)
        self.assertEqual(self.ledger(self.vonage), 5)

    def test_replay_1000_signed_events_three_times_in_parallel(self):
        self.vonage.rate_limit = 0  # no limit: this test is about duplicates
        self.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", 100000)
        vonage = FakeVonage()
        url = self.hook(self.vonage, "inbound")
        events = [vonage.inbound_params("905321234567", f"message {n}", message_id=f"R{n:06d}") for n in range(1000)]
        deliveries = [query_url(url, params) for params in events] * 3
        random.Random(5).shuffle(deliveries)

        def deliver(target):
            with requests.Session() as session:
                return session.get(target).status_code

        started = time.monotonic()
        self.env.flush_all()
        try:
            with self.allow_requests(all_requests=True), ThreadPoolExecutor(max_workers=6) as pool:
                statuses = list(pool.map(deliver, deliveries))
        finally:
            self.http_request_allow_all = False
        self.env.invalidate_all()
        elapsed = time.monotonic() - started
        self.assertEqual(statuses.count(200), 3000, {s: statuses.count(s) for s in set(statuses)})
        self.assertEqual(self.ledger(self.vonage), 1000, "each event recorded exactly once")
        self.assertLess(elapsed, 600)

    def test_generic_provider_signed_inbound_and_forgeries(self):
        from odoo.addons.cxm_integration.tools.signatures import generic_signature

        generic = self.env["cxm.integration.instance"].create(
            {
                "name": "Generic",
                "code": "sms-generic-in",
                "kind": "sms",
                "state": "active",
                "user_id": self.tech_user.id,
                "sms_provider": "generic",
                "signature_scheme": "generic",
                "secret": "generic-secret",
            }
        )
        url = self.hook(generic, "inbound")
        refused = 0
        for n in range(250):
            body = f'{{"id": "g-{n}", "from": "+905321234567", "text": "forged {n}"}}'.encode()
            stamp = int(time.time()) - (3600 if n % 3 == 2 else 0)
            secret = "not-the-secret" if n % 3 == 0 else "generic-secret"
            signature = generic_signature(secret, stamp, body if n % 3 != 1 else body + b" ")
            headers = {"Content-Type": "application/json", "X-CXM-Timestamp": str(stamp), "X-CXM-Signature": signature}
            refused += self.session.post(url, data=body, headers=headers).status_code == 401
        self.assertEqual(refused, 250)
        self.assertEqual(self.ledger(generic), 0)
        body = b'{"id": "g-ok", "from": "+905321234567", "text": "Merhaba"}'
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "X-CXM-Timestamp": str(stamp),
            "X-CXM-Signature": generic_signature("generic-secret", stamp, body),
        }
        for _ in range(3):
            self.assertEqual(self.session.post(url, data=body, headers=headers).status_code, 200)
        self.assertEqual(self.ledger(generic), 1)
