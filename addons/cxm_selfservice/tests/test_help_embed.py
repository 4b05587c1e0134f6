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

    def test_instance_theme_language_categories_and_cors(self):
        import base64
        import io

        from PIL import Image

        from odoo.exceptions import ValidationError

        buffer = io.BytesIO()
        Image.new("RGB", (64, 32), (122, 31, 43)).save(buffer, "PNG")
        other = self.env["helpdesk.ticket.category"].create({"name": "Help Other Shop", "show_in_portal": True})
        self.env["res.lang"]._activate_lang("tr_TR")
        self.env["ir.module.module"]._load_module_terms(["cxm_selfservice"], ["tr_TR"])
        self.instance.write(
            {
                "cxm_help_color": "#7a1f2b",
                "cxm_help_lang": "tr_TR",
                "cxm_help_logo": base64.b64encode(buffer.getvalue()),
                "cxm_help_category_ids": [(6, 0, self.category.ids)],
            }
        )
        with self.assertRaises(ValidationError):
            self.instance.cxm_help_color = "red}</style><script>alert(1)</script>"
        home = self.url_open("/help?instance=corp-site")
        self.assertEqual(home.status_code, 200)
        self.assertEqual(home.headers["Content-Security-Policy"], f"frame-ancestors 'self' {self.origin}")
        self.assertNotIn("X-Frame-Options", home.headers)
        self.assertIn("--bs-primary: #7a1f2b", home.text, "the site's colour")
        self.assertIn("/help/logo?instance=corp-site", home.text)
        self.assertIn("Size nasıl yardımcı olabiliriz", home.text, "the site's language")
        self.assertIn("Help Returns", home.text)
        self.assertNotIn("Help Other Shop", home.text, "only the site's categories")
        self.assertIn("Help Other Shop", self.url_open("/help").text, "the main help centre shows every category")
        self.assertEqual(self.url_open(f"/help/form/{other.id}?instance=corp-site").status_code, 404)
        logo = self.url_open("/help/logo?instance=corp-site")
        self.assertEqual((logo.status_code, logo.headers["Content-Type"]), (200, "image/png"))
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
        self.instance.cxm_help_logo = base64.b64encode(svg)
        self.assertEqual(self.url_open("/help/logo?instance=corp-site").status_code, 404, "an SVG logo is not served")
        # CORS: a search box on the allowed origin's own pages may read the public articles (this one is
        # in English: a Turkish site finds Turkish and language-neutral articles only)
        self.assertEqual(self.url_open("/help/articles.json?instance=corp-site&q=colour").json(), [])
        self.instance.cxm_help_lang = False
        allowed = self.url_open("/help/articles.json?instance=corp-site&q=colour", headers={"Origin": self.origin})
        self.assertEqual(allowed.headers.get("Access-Control-Allow-Origin"), self.origin)
        self.assertEqual([a["name"] for a in allowed.json()], [self.article.name])
        refused = self.url_open(
            "/help/articles.json?instance=corp-site&q=colour", headers={"Origin": "https://evil.example"}
        )
        self.assertNotIn("Access-Control-Allow-Origin", refused.headers)
