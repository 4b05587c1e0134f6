"""A demo agent logs in with a real Chromium, opens Customer Experience and
sees the tickets of their team, with no error in the browser console."""

import os

import pytest

from .browser import find_chromium
from .screens_tr import TURKISH_TEXTS, walk

pytestmark = pytest.mark.skipif(not find_chromium(), reason="Chromium not installed")


def test_demo_agent_sees_team_tickets(server, browser):
    browser.goto(f"{server['url']}/web/login?db={server['db']}")
    browser.fill("input[name=login]", "agent")
    browser.fill("input[name=password]", "agent")
    browser.click("form.oe_login_form button[type=submit]")
    browser.wait_for("document.querySelector('.o_navbar_apps_menu button')", 60, what="the backend to load")
    browser.click(".o_navbar_apps_menu button")
    browser.click('.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]')
    browser.wait_for(
        "document.querySelectorAll('.o_kanban_record:not(.o_kanban_ghost)').length > 5", 60, what="tickets"
    )
    titles = browser.evaluate(
        "[...document.querySelectorAll('.o_kanban_record:not(.o_kanban_ghost)')].map(e => e.innerText)"
    )
    text = "\n".join(titles)
    # Ayşe (login "agent") is in Customer Service: complaints are hers, B2B quotations are not.
    assert "Order not delivered after 10 days" in text or "Courier left parcel" in text
    assert "Quotation for 40 office chairs" not in text
    # Ayşe works in Turkish (the demo's Customer Service staff does)
    assert browser.evaluate("document.querySelector('.o_menu_brand').innerText") == "Müşteri Deneyimi"
    logdir = os.path.join(server["root"], ".logs")
    os.makedirs(logdir, exist_ok=True)
    browser.screenshot(os.path.join(logdir, "suite-agent-tickets.png"))
    assert browser.console_errors == []


def test_turkish_staff_sees_turkish_screens(server):
    """The demo's Turkish agent and manager see the suite in Turkish: app, menus, the ticket form
    with its process, the customer import; the English-speaking agent keeps English."""
    outdir = os.path.join(server["root"], ".logs", "screenshots-tr")
    seen, errors = walk(server["url"], server["db"], outdir)
    assert seen["brand"] == TURKISH_TEXTS["brand"]
    assert TURKISH_TEXTS["tickets"] in seen["tickets"]
    assert TURKISH_TEXTS["history"] in seen["ticket"], "the process tab of the ticket form"
    assert "Status history" not in seen["ticket"]
    if "customer_data" in seen:  # when cxm_customer_data is installed
        assert TURKISH_TEXTS["customer_data"] in seen["customer_data"]
    assert errors == []
    assert len([f for f in os.listdir(outdir) if f.endswith(".png")]) >= 2


def test_english_agent_keeps_english(server, browser):
    from .screens_tr import login

    login(browser, server["url"], server["db"], "agent3")
    browser.click(".o_navbar_apps_menu button")
    browser.click('.o_app[data-menu-xmlid="cxm_base.menu_cxm_root"]')
    browser.wait_for(
        "document.querySelectorAll('.o_kanban_record:not(.o_kanban_ghost)').length > 0", 60, what="tickets"
    )
    browser.wait_for("document.querySelector('.o_menu_brand').innerText === 'Customer Experience'", 30)
    assert "Talepler" not in browser.evaluate("document.querySelector('.o_main_navbar').innerText")
