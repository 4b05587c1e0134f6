# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import html
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odoo.tests import HttpCase, tagged

CLIENT_ID = "cxm-help-centre"


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _int_b64(number):
    return b64(number.to_bytes((number.bit_length() + 7) // 8, "big"))


class FakeProvider(ThreadingHTTPServer):
    """A small OpenID Connect provider on 127.0.0.1: authorization endpoint (the customer is already
    signed in there: it answers with a code at once), token endpoint (checks the code, the client and
    the PKCE verifier, returns an RS256 id_token), JWKS endpoint."""

    key = None
    user = {}
    codes = {}
    issuer = ""
    token_calls = 0
    sign_with = None  # another key, to forge the id_token


class ProviderHandler(BaseHTTPRequestHandler):
    def _json(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        server = self.server
        if url.path == "/jwks":
            numbers = server.key.public_key().public_numbers()
            jwk = {"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256"}
            return self._json(200, {"keys": [{**jwk, "n": _int_b64(numbers.n), "e": _int_b64(numbers.e)}]})
        if url.path == "/authorize":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                return self._json(400, {"error": "invalid_request"})
            code = f"code-{time.time_ns()}"
            server.codes[code] = query["code_challenge"]
            self.send_response(302)
            self.send_header(
                "Location", f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            )
            self.end_headers()
            return None
        return self._json(404, {"error": "not_found"})

    def do_POST(self):
        server = self.server
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        server.token_calls += 1
        challenge = server.codes.pop(form.get("code"), None)
        verifier = form.get("code_verifier", "")
        expected = b64(__import__("hashlib").sha256(verifier.encode()).digest())
        if urlsplit(self.path).path != "/token" or challenge != expected or form.get("client_id") != CLIENT_ID:
            return self._json(400, {"error": "invalid_grant"})
        now = int(time.time())
        claims = {"iss": server.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, **server.user}
        header = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "k1"}).encode())
        payload = b64(json.dumps(claims).encode())
        signer = server.sign_with or server.key
        signature = signer.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
        return self._json(
            200, {"access_token": "at-123", "token_type": "Bearer", "id_token": f"{header}.{payload}.{b64(signature)}"}
        )

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestHelpOidc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.idp = FakeProvider(("127.0.0.1", 0), ProviderHandler)
        cls.idp.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        threading.Thread(target=cls.idp.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.idp.server_close)
        cls.addClassCleanup(cls.idp.shutdown)
        base = f"http://127.0.0.1:{cls.idp.server_address[1]}"
        cls.idp.issuer = base
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Corporate ID",
                "body": "Sign in with Corporate ID",
                "flow": "id_token_code",
                "client_id": CLIENT_ID,
                "enabled": True,
                "auth_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token",
                "jwks_uri": f"{base}/jwks",
                "scope": "openid email profile",
            }
        )
        cls.env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2c")
        cls.env["helpdesk.ticket.category"].create({"name": "Help OIDC Category", "show_in_portal": True})

    def _sign_in(self):
        home = self.url_open("/help")
        self.assertEqual(home.status_code, 200)
        link = re.search(r'class="btn btn-outline-primary o_cxm_help_provider" href="([^"]+)"', home.text)
        self.assertTrue(link, "the help centre offers the company's identity provider")
        # the customer's browser: to the provider, which sends it back to Odoo with a code, then to /help
        return self.url_open(html.unescape(link.group(1)), allow_redirects=True)

    def test_customer_signs_in_through_the_provider(self):
        self.idp.user = {"sub": "corp-user-77", "email": "deniz.oidc@example.com", "name": "Deniz Arslan"}
        landed = self._sign_in()
        self.assertEqual(landed.status_code, 200, landed.text[:300])
        self.assertEqual(urlsplit(landed.url).path, "/help", "back in the help centre")
        self.assertIn("Deniz Arslan", landed.text, "signed in as the provider's customer")
        user = self.env["res.users"].search([("oauth_uid", "=", "corp-user-77")])
        self.assertTrue(user._is_portal(), "a portal customer, not staff")
        self.assertEqual(user.oauth_provider_id, self.provider)

    def test_forged_id_token_is_refused(self):
        self.idp.user = {"sub": "corp-user-88", "email": "mallory.oidc@example.com", "name": "Mallory"}
        self.idp.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        try:
            landed = self._sign_in()
        finally:
            self.idp.sign_with = None
        self.assertNotIn("Mallory", landed.text)
        self.assertFalse(self.env["res.users"].search([("oauth_uid", "=", "corp-user-88")]), "nobody signed in")
