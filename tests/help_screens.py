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
    # the administrator's first back-end page would ask odoo.com to enrich the demo company
    # (partner_autocomplete): no traffic leaves this machine
    if "iap_enrich_auto_done" in call("res.company", "fields_get", attributes=["type"]):
        call("res.company", "write", call("res.company", "search", []), {"iap_enrich_auto_done": True})
    category = call(
        "ir.model.data", "search_read", [("module", "=", "cxm_base"), ("name", "=", "category_return_demo")]
    )
    return inst["secret"], category[0]["res_id"]


class FrameBrowser(Browser):
    """The Chromium driver, able to run code inside the page's iframe (the help centre, on another
    origin than the host page: its own JavaScript context, reached through the DevTools protocol)."""

    def __init__(self):
        self.contexts = {}  # frame id -> id of its main JavaScript context (the latest document)
        super().__init__()

    def _on_event(self, msg):
        if msg.get("method") == "Runtime.executionContextCreated":
            context = msg["params"]["context"]
            aux = context.get("auxData", {})
            if aux.get("isDefault"):
                self.contexts[aux.get("frameId")] = context["id"]
        super()._on_event(msg)

    def in_frame(self, expression):
        tree = self.send("Page.getFrameTree")["frameTree"]
        frame = tree.get("childFrames", [{}])[0].get("frame", {}).get("id")
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            contextId=self.contexts.get(frame),
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            return None  # the frame is between two documents: try again
        return result.get("result", {}).get("value")

    def wait_in_frame(self, condition, timeout=60, what=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.in_frame(f"!!({condition})"):
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting in the help-centre frame for {what or condition}")


def submit_in_frame(browser, category_id):
    """Inside the embedded help centre (signed in): open the category form, fill it, submit; then the
    home's "my issues" must list the new reference. Returns the reference."""
    browser.wait_in_frame("document.querySelector('.o_cxm_signed_in')", what="the signed-in home")
    browser.in_frame(f"document.querySelector('a.o_cxm_help_tile[href^=\"/help/form/{category_id}?\"]').click()")
    browser.wait_in_frame("document.querySelector('form.o_cxm_help_form')", what="the category form")
    browser.in_frame(
        """(() => {
            const form = document.querySelector('form.o_cxm_help_form');
            const set = (name, value) => {
                const el = form.querySelector(`[name="${name}"]`);
                el.value = value;
                el.dispatchEvent(new Event('change', {bubbles: true}));
            };
            set('order_number', 'AR-2026-1001');
            set('amount', '749.90');
            set('reason', 'Wrong size');
            form.querySelector('.o_cxm_submit').click();
        })()"""
    )
    browser.wait_in_frame("document.querySelector('.o_cxm_help_ack .o_cxm_ticket_ref')", what="the acknowledgement")
    reference = browser.in_frame("document.querySelector('.o_cxm_ticket_ref').innerText")
    browser.in_frame(f"location.href = '/help?instance={INSTANCE}'")
    browser.wait_in_frame(
        f"(document.querySelector('.o_cxm_help_my_tickets') || {{}}).innerText?.includes({json.dumps(reference)})",
        what="the new request among my issues",
    )
    return reference


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
        browser = FrameBrowser()
        try:
            browser.goto(f"{origin}/support.html")
            _wait_frame(browser)
            seen["embedded"] = browser.evaluate("document.querySelector('iframe.cxm-help-frame').style.height")
            browser.screenshot(os.path.join(outdir, "1-corporate-site-help-centre.png"), full_page=True)
            browser.goto(f"{origin}/account/support.html")
            _wait_frame(browser)
            browser.screenshot(os.path.join(outdir, "2-corporate-site-signed-in.png"), full_page=True)
            seen["signed_in"] = _customer_exists(url, db, "elif.sahin.demo@example.com")
            seen["reference"] = submit_in_frame(browser, category_id)
            _wait_frame(browser)
            browser.screenshot(os.path.join(outdir, "3-corporate-site-my-issues.png"), full_page=True)
            browser.send("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
            browser.goto(f"{url}/help/form/{category_id}?instance={INSTANCE}")
            browser.wait_for("document.querySelector('form.o_cxm_help_form')", 60, what="the category form")
            seen["form"] = browser.evaluate("document.body.innerText")
            browser.screenshot(os.path.join(outdir, "4-category-form-phone.png"), full_page=True)
            errors += browser.console_errors
        finally:
            browser.close()
        browser = Browser()
        try:
            login(browser, url, db, "admin")
            browser.goto(f"{url}/odoo/cxm-help-forms/{category_id}")
            browser.wait_for("document.querySelector('.o_cxm_form_preview .o_cxm_field')", 60, what="the preview")
            seen["designer"] = browser.evaluate("document.querySelector('.o_cxm_form_preview').innerText")
            browser.screenshot(os.path.join(outdir, "5-form-designer-preview.png"))
            errors += browser.console_errors
        finally:
            browser.close()
    finally:
        site.shutdown()
        site.server_close()
    return seen, errors
