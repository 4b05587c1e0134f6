# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from ..models.cxm_selfservice_sso import encode_hs256, encode_rs256
from .common import HelpCentreFixture

SECRET = "shop-secret-0123456789"


@tagged("post_install", "-at_install")
class TestHelpSso(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "Anatolia Shop",
                "code": "help-sso-shop",
                "kind": "website",
                "state": "active",
                "secret": SECRET,
                "cxm_help_origins": "https://shop.example.com\nhttp://127.0.0.1:8123",
            }
        )

    def _claims(self, **extra):
        return {
            "sub": "SHOP-CUST-42",
            "name": "Mehmet Öz",
            "email": "mehmet.sso@example.com",
            "phone": "+905321234501",
            "exp": int(time.time()) + 300,
            "jti": f"jti-{time.time_ns()}",
            **extra,
        }

    def _sso(self, token):
        return self.url_open(f"/help/sso?instance={self.instance.code}&token={token}", allow_redirects=False)

    def _signed_in_as(self):
        return self.url_open("/web/session/get_session_info", data="{}", headers={"Content-Type": "application/json"})

    def test_valid_token_signs_the_customer_in_once(self):
        token = encode_hs256(self._claims(), SECRET)
        response = self._sso(token)
        self.assertEqual(response.status_code, 303, response.text[:300])
        home = self.url_open(f"/help?instance={self.instance.code}")
        self.assertIn("Mehmet", home.text, "signed in: the help centre greets the customer")
        partner = self.env["res.partner"].search([("email", "=", "mehmet.sso@example.com")])
        self.assertEqual(len(partner), 1)
        self.assertTrue(partner.user_ids._is_portal(), "a portal user, nothing more")
        key = self.env["cxm.partner.identity"].search([("key_type", "=", "external"), ("partner_id", "=", partner.id)])
        self.assertEqual(key.value, "SHOP-CUST-42")
        self.url_open("/web/session/logout")
        self.assertEqual(self._sso(token).status_code, 401, "a replayed token is refused")
        again = self._sso(encode_hs256(self._claims(email="changed@example.com"), SECRET))
        self.assertEqual(again.status_code, 303)
        self.assertEqual(len(self.env["res.partner"].search([("email", "=", "mehmet.sso@example.com")])), 1)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "changed@example.com")]), "found by key")

    def test_bad_tokens_refused(self):
        now = int(time.time())
        header_none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"
        good = encode_hs256(self._claims(), SECRET)
        cases = {
            "forged": encode_hs256(self._claims(), "not-the-secret"),
            "expired": encode_hs256(self._claims(exp=now - 120), SECRET),
            "too long": encode_hs256(self._claims(exp=now + 86400), SECRET),
            "no jti": encode_hs256({k: v for k, v in self._claims().items() if k != "jti"}, SECRET),
            "alg none": header_none + "." + good.split(".")[1] + ".",
            "tampered": good.split(".")[0]
            + "."
            + encode_hs256(self._claims(sub="ADMIN"), SECRET).split(".")[1]
            + "."
            + good.split(".")[2],
            "garbage": "a.b.c",
        }
        for case, token in cases.items():
            with self.subTest(case=case):
                self.assertEqual(self._sso(token).status_code, 401, case)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "mehmet.sso@example.com")]))

    def test_rs256_with_the_site_public_key(self):
        site_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = (
            site_key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )
        self.assertEqual(
            self._sso(encode_rs256(self._claims(), site_key)).status_code, 401, "no public key: RS256 refused"
        )
        with self.assertRaises(ValidationError):
            self.instance.cxm_sso_public_key = "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----"
        self.instance.cxm_sso_public_key = pem
        refused = {
            "signed with another key": encode_rs256(self._claims(), other_key),
            "expired": encode_rs256(self._claims(exp=int(time.time()) - 120), site_key),
            # algorithm confusion: the public key (known to all) used as an HMAC secret
            "HS256 with the public key": encode_hs256(self._claims(), pem),
        }
        for case, token in refused.items():
            with self.subTest(case=case):
                self.assertEqual(self._sso(token).status_code, 401, case)
        token = encode_rs256(self._claims(), site_key)
        self.assertEqual(self._sso(token).status_code, 303)
        self.assertIn("Mehmet", self.url_open(f"/help?instance={self.instance.code}").text)
        self.url_open("/web/session/logout")
        self.assertEqual(self._sso(token).status_code, 401, "a replayed RS256 token is refused")
        self.assertEqual(self._sso(encode_hs256(self._claims(), SECRET)).status_code, 303, "HS256 still works")

    def test_staff_email_cannot_be_claimed(self):
        admin = self.env.ref("base.user_admin")
        token = encode_hs256(self._claims(email=admin.email or "admin@example.com", sub="X-ADMIN"), SECRET)
        admin.partner_id.email = admin.email or "admin@example.com"
        self.assertEqual(self._sso(token).status_code, 401)

    def test_frame_ancestors_and_snippet(self):
        embedded = self.url_open(f"/help?instance={self.instance.code}")
        self.assertEqual(
            embedded.headers["Content-Security-Policy"],
            "frame-ancestors 'self' https://shop.example.com http://127.0.0.1:8123",
        )
        self.assertEqual(self.url_open("/help").headers["Content-Security-Policy"], "frame-ancestors 'self'")
        self.assertIn(f"/help/embed.js?instance={self.instance.code}", self.instance.cxm_help_snippet)
        script = self.url_open(f"/help/embed.js?instance={self.instance.code}")
        self.assertIn("text/javascript", script.headers["Content-Type"])
        self.assertIn('"help-sso-shop"', script.text)
        self.assertIn("cxm-help-height", script.text)
