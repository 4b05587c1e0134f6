# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import HttpCase, tagged

from ..models.cxm_selfservice_sso import encode_hs256
from .common import HelpCentreFixture

SECRET = "corporate-site-secret-42"

# Runs in the host page: the embed script inserted the iframe, the framed help centre loaded (CSP
# allowed this origin) and posted its height, which the script applied.
WAIT_FOR_RESIZE = """
const start = Date.now();
(function wait() {
    const frame = document.querySelector("iframe.cxm-help-frame");
    if (frame && frame.style.height && frame.style.height !== "600px") {
        console.log("test successful");
    } else if (Date.now() - start > 40000) {
        console.error("the embedded help centre never reported its height");
    } else {
        setTimeout(wait, 200);
    }
})();
"""


class HostSite(ThreadingHTTPServer):
    """A corporate site on another origin (127.0.0.1, its own port) whose page holds the snippet."""

    page = b""


class HostPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.server.page)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestHelpEmbed(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        cls.site = HostSite(("127.0.0.1", 0), HostPage)
        threading.Thread(target=cls.site.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.site.server_close)
        cls.addClassCleanup(cls.site.shutdown)
        cls.origin = f"http://127.0.0.1:{cls.site.server_address[1]}"
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "Corporate site",
                "code": "corp-site",
                "kind": "website",
                "state": "active",
                "secret": SECRET,
                "cxm_help_origins": cls.origin,
            }
        )

    def test_embedded_on_another_origin_with_sign_on(self):
        claims = {
            "sub": "CORP-7",
            "name": "Zeynep Kaya",
            "email": "zeynep.embed@example.com",
            "exp": int(time.time()) + 300,
            "jti": f"embed-{time.time_ns()}",
        }
        snippet = self.instance.cxm_help_snippet.replace(
            "<script ", f'<script data-sso-token="{html.escape(encode_hs256(claims, SECRET))}" ', 1
        )
        self.assertIn(self.base_url(), snippet, "the snippet points at this help centre")
        self.site.page = f"<!DOCTYPE html><html><body><h1>Corporate site</h1>{snippet}</body></html>".encode()
        self.browser_js(f"{self.origin}/support.html", WAIT_FOR_RESIZE, timeout=60)
        partner = self.env["res.partner"].search([("email", "=", "zeynep.embed@example.com")])
        self.assertTrue(partner.user_ids, "the host site's customer was signed in inside the iframe")
