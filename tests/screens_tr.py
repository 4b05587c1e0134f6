"""The main screens of the demo as its Turkish staff sees them, in real Chromium: shared by the
suite-level test (tests/test_browser.py) and scripts/screenshots-tr."""

import os
import xmlrpc.client

from .browser import Browser

#: (login, screen name, URL path or None, what must be on the screen)
TURKISH_TEXTS = {
    "brand": "Müşteri Deneyimi",
    "tickets": "Talepler",
    "history": "Durum geçmişi",
    "customer_data": "Müşteri Verisi",
}


def login(browser, url, db, user):
    browser.goto(f"{url}/web/login?db={db}")
    browser.fill("input[name=login]", user)
    browser.fill("input[name=password]", user)
    browser.click("form.oe_login_form button[type=submit]")
    browser.wait_for("document.querySelector('.o_navbar_apps_menu button')", 60, what="the backend to load")


def _text(browser):
    return browser.evaluate("document.body.innerText")


def _demo_ticket(url, db):
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(db, "agent", "agent", {})
    ids = models.execute_kw(
        db, uid, "agent", "helpdesk.ticket", "search", [[("cxm_process_id", "!=", False)]], {"limit": 1}
    )
    return ids[0]


def installed(url, db, module):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    domain = [("name", "=", module), ("state", "=", "installed")]
    return bool(models.execute_kw(db, uid, "admin", "ir.module.module", "search_count", [domain]))


def walk(url, db, outdir):
    """Visit the main screens as the Turkish agent and manager; save a PNG of each in ``outdir``.
    Returns {screen: page text} and the console errors seen."""
    os.makedirs(outdir, exist_ok=True)
    seen, errors = {}, []
    browser = Browser()
    try:
        login(browser, url, db, "agent")
        browser.click(".o_navbar_apps_menu button")
        browser.click('.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]')
        browser.wait_for("document.querySelectorAll('.o_kanban_record:not(.o_kanban_ghost)').length > 3", 60)
        seen["tickets"] = _text(browser)
        seen["brand"] = browser.evaluate("document.querySelector('.o_menu_brand').innerText")
        browser.screenshot(os.path.join(outdir, "1-talepler.png"))
        browser.goto(f"{url}/odoo/cxm-tickets/{_demo_ticket(url, db)}")
        browser.wait_for("document.querySelector('.o_form_view .o_statusbar_status')", 60, what="the ticket form")
        seen["ticket"] = _text(browser)
        browser.screenshot(os.path.join(outdir, "2-talep-formu.png"))
        errors += browser.console_errors
    finally:
        browser.close()
    if not installed(url, db, "cxm_customer_data"):
        return seen, errors
    browser = Browser()
    try:
        login(browser, url, db, "manager")
        browser.goto(f"{url}/odoo/action-cxm_customer_data.cxm_customer_import_action")
        browser.wait_for("document.querySelector('.o_list_view, .o_kanban_view, .o_view_nocontent')", 60)
        seen["customer_data"] = _text(browser)
        browser.screenshot(os.path.join(outdir, "3-musteri-verisi-ice-aktarma.png"))
        errors += browser.console_errors
    finally:
        browser.close()
    return seen, errors
