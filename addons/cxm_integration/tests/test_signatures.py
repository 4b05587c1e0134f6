# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase

from ..tools import signatures as sig


class TestSignatures(TransactionCase):
    """Published vectors of each provider, plus tampering."""

    def test_meta_x_hub_signature_256(self):
        # vector published for the X-Hub-Signature-256 scheme (same HMAC-SHA256 as Meta's webhooks)
        secret, body = "It's a Secret to Everybody", b"Hello, World!"
        expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        self.assertEqual(sig.meta_signature(secret, body), expected)
        self.assertTrue(sig.meta_signature_valid(secret, body, expected))
        self.assertFalse(sig.meta_signature_valid(secret, b"Hello, World?", expected))
        self.assertFalse(sig.meta_signature_valid("other", body, expected))
        self.assertFalse(sig.meta_signature_valid(secret, body, None))
        self.assertFalse(sig.meta_signature_valid(secret, body, expected.replace("sha256=", "sha1=")))

    def test_twilio_form_and_json(self):
        # Twilio's documented example request (auth token 12345)
        url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        params = {
            "CallSid": "CA1234567890ABCDE",
            "Caller": "+12349013030",
            "Digits": "1234",
            "From": "+12349013030",
            "To": "+18005551212",
        }
        self.assertEqual(sig.twilio_signature("12345", url, params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        self.assertTrue(sig.twilio_signature_valid("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="))
        tampered = dict(params, Digits="9999")
        self.assertFalse(sig.twilio_signature_valid("12345", url, tampered, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="))
        # JSON body: bodySHA256 in the query string must match the body
        body = b'{"property": "value", "boolean": true}'
        json_url = (
            "https://mycompany.com/myapp.php?foo=1&bar=2"
            "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
        )
        header = sig.twilio_signature("12345", json_url, {})
        self.assertTrue(sig.twilio_signature_valid("12345", json_url, {}, header, body=body))
        self.assertFalse(sig.twilio_signature_valid("12345", json_url, {}, header, body=body + b" "))

    def test_generic_timestamped_window(self):
        body, now = b'{"event_id": "e1"}', 1_800_000_000
        header = sig.generic_signature("k", now, body)
        # independent computation of the documented scheme
        import hashlib
        import hmac

        self.assertEqual(header, "v1=" + hmac.new(b"k", b"1800000000." + body, hashlib.sha256).hexdigest())
        self.assertIsNone(sig.generic_signature_check("k", str(now), body, header, now=now + 299))
        self.assertEqual(sig.generic_signature_check("k", str(now), body, header, now=now + 301), "expired")
        self.assertEqual(sig.generic_signature_check("k", str(now), body, header, now=now - 301), "expired")
        self.assertEqual(sig.generic_signature_check("k", str(now), body + b"x", header, now=now), "mismatch")
        self.assertEqual(sig.generic_signature_check("k", "abc", body, header, now=now), "missing")
        self.assertEqual(sig.generic_signature_check("k", str(now), body, None, now=now), "missing")

    def test_constant_time_equals(self):
        self.assertTrue(sig.constant_time_equals("abc", "abc"))
        self.assertFalse(sig.constant_time_equals("abc", "abd"))
        self.assertFalse(sig.constant_time_equals("", ""))
        self.assertFalse(sig.constant_time_equals(None, "x"))


class TestInstanceSignatureSchemes(TransactionCase):
    def test_instance_verifies_with_its_own_scheme_and_secret(self):
        instance = self.env["cxm.integration.instance"].create(
            {"name": "Hook", "code": "hook", "kind": "whatsapp", "secret": "It's a Secret to Everybody"}
        )
        body = b"Hello, World!"
        meta_header = {"X-Hub-Signature-256": sig.meta_signature("It's a Secret to Everybody", body)}
        self.assertIsNone(instance._verify_signature(body, {}), "API key only: nothing to verify")
        instance.signature_scheme = "meta"
        self.assertIsNone(instance._verify_signature(body, meta_header))
        self.assertEqual(instance._verify_signature(body + b"!", meta_header), "mismatch")
        instance.write({"signature_scheme": "twilio", "secret": "12345"})
        url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        params = {"CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234"}
        params.update({"From": "+12349013030", "To": "+18005551212"})
        headers = {"X-Twilio-Signature": "0/KCTR6DLpKmkAf8muzZqo1nDgQ="}
        self.assertIsNone(instance._verify_signature(b"", headers, url=url, params=params))
        self.assertEqual(instance._verify_signature(b"", headers, url=url + "&x=1", params=params), "mismatch")
        instance.write({"signature_scheme": "generic", "secret": False})
        self.assertEqual(instance._verify_signature(body, {}), "no secret configured")
