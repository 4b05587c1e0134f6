"""The embedded help centre and the form designer in real Chromium, as PNG files: the demo
"corporate site" page (cxm_selfservice/static/demo/corporate-site.html) served from another origin,
anonymous and signed in by SSO, a category form on a phone-sized screen, and the back-end form
designer with its live preview. Shared by scripts/screenshots-help-centre and
tests/test_help_centre_screens.py."""

import base64
import hashlib
import hmac
import json
import os
import threading
import time
import uuid
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .browser import Browser
from .screens_tr import login

INSTANCE = "anatolia-shop"
DEMO_PAGE = os.path.join(
    os.path.dirname(__file__), "..", "addons", "cxm_selfservice", "static", "demo", "corporate-site.html"
)


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def sso_token(secret, sub, name, email):
    """What the host site does for its signed-in customer: an HS256 JWT with the instance's secret."""
    claims = {"sub": sub, "name": name, "email": email, "exp": int(time.time()) + 300, "jti": str(uuid.uuid4())}
    head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + _b64(json.dumps(claims).encode())
    return head + "." + _b64(hmac.new(secret.encode(), head.encode(), hashlib.sha256).digest())


class _Site(ThreadingHTTPServer):
    pages = {}


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        body = self.server.pages.get(self.path.split("?")[0])
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, *args):
        pass


def _rpc(url, db):
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(db, "admin", "admin", {})
    return uid, xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)


def _prepare_instance(url, db, origin):
    """Allow the corporate site's origin on the demo instance; return its secret and the return category."""
    uid, models = _rpc(url, db)
    call = lambda model, method, *args, **kw: models.execute_kw(db, uid, "admin", model, method, list(args), kw)  # noqa: E731
    ids = call("cxm.integration.instance", "search", [("code", "=", INSTANCE)])
    if not ids:
        raise RuntimeError(f"no website instance {INSTANCE}: is cxm_selfservice installed with demo data?")
    inst = call("cxm.integration.instance", "read", ids, fields=["secret", "cxm_help_origins"])[0]
    origins = (inst["cxm_help_origins"] or "").splitlines()
    if origin not in origins:
        call("cxm.integration.instance", "write", ids, {"cxm_help_origins": "\n".join([*origins, origin])})
    category = call(
        "ir.model.data", "search_read", [("module", "=", "cxm_base"), ("name", "=", "category_return_demo")]
    )
    return inst["secret"], category[0]["res_id"]


def _customer_exists(url, db, email):
    """Whether the host site's customer was signed in (the help centre created their portal user)."""
    uid, models = _rpc(url, db)
    domain = [("partner_id.email", "=", email), ("share", "=", True)]
    return bool(models.execute_kw(db, uid, "admin", "res.users", "search_count", [domain]))


def _wait_frame(browser):
    browser.wait_for(
        "(() => { const f = document.querySelector('iframe.cxm-help-frame');"
        " return f && f.style.height && f.style.height !== '600px'; })()",
        60,
        what="the embedded help centre to load and report its height",
    )
    time.sleep(0.5)


def walk(url, db, outdir):
    """Save the screenshots in ``outdir``; return ({screen: text seen}, console errors)."""
    os.makedirs(outdir, exist_ok=True)
    site = _Site(("127.0.0.1", 0), _Page)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{site.server_address[1]}"
    seen, errors = {}, []
    try:
        secret, category_id = _prepare_instance(url, db, origin)
        with open(DEMO_PAGE, encoding="utf-8") as fh:
            page = fh.read().replace('src="/help/embed.js', f'src="{url}/help/embed.js')
        token = sso_token(secret, "ANATOLIA-1001", "Elif Şahin", "elif.sahin.demo@example.com")
        site.pages = {
            "/support.html": page.encode(),
            "/account/support.html": page.replace("<script ", f'<script data-sso-token="{token}" ', 1).encode(),
        }
        browser = Browser()
        try:
            browser.goto(f"{origin}/support.html")
            _wait_frame(browser)
            seen["embedded"] = browser.evaluate("document.querySelector('iframe.cxm-help-frame').style.height")
            browser.screenshot(os.path.join(outdir, "1-corporate-site-help-centre.png"), full_page=True)
            browser.goto(f"{origin}/account/support.html")
            _wait_frame(browser)
            browser.screenshot(os.path.join(outdir, "2-corporate-site-signed-in.png"), full_page=True)
            seen["signed_in"] = _customer_exists(url, db, "elif.sahin.demo@example.com")
            browser.send("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
            browser.goto(f"{url}/help/form/{category_id}?instance={INSTANCE}")
            browser.wait_for("document.querySelector('form.o_cxm_help_form')", 60, what="the category form")
            seen["form"] = browser.evaluate("document.body.innerText")
            browser.screenshot(os.path.join(outdir, "3-category-form-phone.png"), full_page=True)
            errors += browser.console_errors
        finally:
            browser.close()
        browser = Browser()
        try:
            login(browser, url, db, "admin")
            browser.goto(f"{url}/odoo/cxm-help-forms/{category_id}")
            browser.wait_for("document.querySelector('.o_cxm_form_preview .o_cxm_field')", 60, what="the preview")
            seen["designer"] = browser.evaluate("document.querySelector('.o_cxm_form_preview').innerText")
            browser.screenshot(os.path.join(outdir, "4-form-designer-preview.png"))
            errors += browser.console_errors
        finally:
            browser.close()
    finally:
        site.shutdown()
        site.server_close()
    return seen, errors
