"""The demo of the field-service sync and of the reverse transfer, as a user of
scripts/run meets it, against the live server (demo data loaded):

- the demo agent opens the demo ticket "Washing machine stops mid-cycle" in a
  real Chromium, sees the visit FS-1003 in progress on its Field Service tab;
  the field-service app closes it with the demo API key; on reload the ticket
  shows it done; no error in the browser console;
- the demo manager clicks "Push now" on the demo reverse transfer (off
  schedule): the queue job runner of the server pushes the customers to
  scripts/demo/fake_erp.py, which then knows them with their ticket summaries.

Skipped when cxm_customer_data or its demo data is not installed."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from .browser import Browser, find_chromium
from .conftest import odoo_shell

TIMEOUT = 60
DEMO_KEY = "cxm_d3m0fsm00001_demo-only-key-of-the-field-service-app"
ERP_KEY = "demo-erp-key"


@pytest.fixture(scope="module")
def demo(server):
    out = odoo_shell(
        server,
        """
import json
visit = env.ref("cxm_customer_data.field_service_1003_demo", raise_if_not_found=False)
transfer = env.ref("cxm_customer_data.reverse_transfer_erp_demo", raise_if_not_found=False)
if not visit or not transfer:
    print("CXM-SKIP=1")
else:
    print("CXM-DATA=" + json.dumps({
        "ticket": visit.ticket_id.id, "ticket_name": visit.ticket_id.name, "status": visit.status,
        "transfer": transfer.id, "scheduled": transfer.scheduled, "instance": transfer.instance_id.id,
        "base_url": transfer.instance_id.base_url, "token": transfer.instance_id.sudo().outbound_token,
    }))
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    if values.get("CXM-SKIP"):
        pytest.skip("cxm_customer_data demo data is not installed")
    return json.loads(values["CXM-DATA"])


def _open_field_service_tab(browser, server, ticket_id):
    browser.goto(f"{server['url']}/odoo/helpdesk.ticket/{ticket_id}")
    # by the page's name: the demo agent works in Turkish ("Saha Servisi")
    tab = ".o_notebook a.nav-link[name=cxm_field_service]"
    browser.wait_for(f"document.querySelector('{tab}')", 60, what="the Field Service tab")
    assert browser.evaluate(f"document.querySelector('{tab}').innerText").strip() == "Saha Servisi"
    browser.evaluate(f"document.querySelector('{tab}').click()")


def _visit_row(browser, external_id):
    return browser.evaluate(
        "(() => { const row = [...document.querySelectorAll("
        "'.o_field_widget[name=cxm_field_service_ids] .o_data_row')]"
        f".find(r => r.innerText.includes({json.dumps(external_id)})); return row ? row.innerText : null; }})()"
    )


@pytest.mark.skipif(not find_chromium(), reason="Chromium not installed")
def test_demo_agent_sees_field_service_visits_and_their_update(server, demo):
    assert demo["status"] == "in_progress"
    browser = Browser()
    try:
        browser.goto(f"{server['url']}/web/login?db={server['db']}")
        browser.fill("input[name=login]", "agent")
        browser.fill("input[name=password]", "agent")
        browser.click("form.oe_login_form button[type=submit]")
        browser.wait_for("document.querySelector('.o_navbar_apps_menu button')", 60, what="the backend to load")

        _open_field_service_tab(browser, server, demo["ticket"])
        browser.wait_for(
            "document.querySelector('.o_field_widget[name=cxm_field_service_ids] .o_data_row')", 30, what="visits"
        )
        row = _visit_row(browser, "FS-1003")
        assert "Devam Ediyor" in row and "Mehmet Usta" in row, row  # "In Progress": the agent works in Turkish

        # the field-service app closes the visit, with the demo key
        answer = requests.put(
            f"{server['url']}/cxm/api/v1/field-service/FS-1003",
            json={"status": "done", "notes": "Drain pump replaced"},
            headers={"X-API-Key": DEMO_KEY},
            timeout=TIMEOUT,
        )
        assert answer.status_code == 200, answer.text
        assert (answer.json()["status"], answer.json()["changed"]) == ("done", True)

        _open_field_service_tab(browser, server, demo["ticket"])
        browser.wait_for(
            "[...document.querySelectorAll('.o_field_widget[name=cxm_field_service_ids] .o_data_row')]"
            ".some(r => r.innerText.includes('FS-1003') && r.innerText.includes('Drain pump replaced'))",
            30,
            what="the closed visit",
        )
        row = _visit_row(browser, "FS-1003")
        assert "Tamamland\u0131" in row and "Devam Ediyor" not in row, row  # Done, In Progress in Turkish
        logdir = os.path.join(server["root"], ".logs")
        os.makedirs(logdir, exist_ok=True)
        browser.screenshot(os.path.join(logdir, "suite-field-service-demo.png"))
        assert browser.console_errors == []
    finally:
        browser.close()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def fake_erp(server):
    """scripts/demo/fake_erp.py on a free port (8071 may be taken by a demo
    running on this machine)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, os.path.join(server["root"], "scripts", "demo", "fake_erp.py"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            requests.get(f"{url}/customers", headers={"X-API-Key": ERP_KEY}, timeout=2)
            break
        except requests.RequestException:
            if time.time() > deadline:
                proc.terminate()
                pytest.fail("the fake ERP did not start")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _set_base_url(server, demo, url):
    """Point the demo target at ``url``, and start its transfer afresh (as
    "Send everything again" does) so that the test may run twice."""
    odoo_shell(
        server,
        f"""
env["cxm.integration.instance"].browse({demo["instance"]}).base_url = {url!r}
env["cxm.reverse.transfer"].browse({demo["transfer"]}).action_reset()
env.cr.commit()
""",
    )


def test_demo_reverse_transfer_pushed_by_hand_reaches_the_fake_erp(server, demo, fake_erp):
    # the demo's configuration: the fake ERP of scripts/demo, its key, off schedule
    assert (demo["base_url"], demo["token"], demo["scheduled"]) == ("http://127.0.0.1:8071", ERP_KEY, False)
    assert requests.post(f"{fake_erp}/customers", json={}, timeout=5).status_code == 401, "the ERP wants its key"
    _set_base_url(server, demo, fake_erp)
    try:
        session = requests.Session()
        login = session.post(
            f"{server['url']}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": server["db"], "login": "manager", "password": "manager"}},
            timeout=TIMEOUT,
        )
        assert login.json().get("result"), login.text
        pushed = session.post(
            f"{server['url']}/web/dataset/call_button/cxm.reverse.transfer/action_push_now",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "model": "cxm.reverse.transfer",
                    "method": "action_push_now",
                    "args": [[demo["transfer"]]],
                    "kwargs": {},
                },
            },
            timeout=TIMEOUT,
        )
        assert pushed.json()["result"]["params"]["type"] == "info", pushed.text

        def read_transfer():
            answer = session.post(
                f"{server['url']}/web/dataset/call_kw/cxm.reverse.transfer/read",
                json={
                    "jsonrpc": "2.0",
                    "params": {
                        "model": "cxm.reverse.transfer",
                        "method": "read",
                        "args": [[demo["transfer"]], ["last_rows", "last_messages"]],
                        "kwargs": {},
                    },
                },
                timeout=TIMEOUT,
            )
            return answer.json()["result"][0]

        deadline = time.time() + 120  # the job runner starts jobs within seconds; the outbox sends at 30 a minute
        known, transfer = {}, {"last_rows": 0}
        while time.time() < deadline:
            transfer = read_transfer()
            known = requests.get(f"{fake_erp}/customers", headers={"X-API-Key": ERP_KEY}, timeout=5).json()
            if transfer["last_rows"] and known["count"] == transfer["last_rows"]:
                break
            time.sleep(1)
        assert transfer["last_rows"] > 40, transfer
        assert transfer["last_messages"] == -(-transfer["last_rows"] // 25), "batches of 25"
        assert known["count"] == transfer["last_rows"], (known["count"], transfer)
        by_name = {row.get("name"): row for row in known["customers"].values()}
        assert "Anatolia Retail A.Ş." not in by_name, "our own company is not a customer"
        with_tickets = [row for row in by_name.values() if row["tickets"]["open"]]
        assert with_tickets, "ticket summaries travel with the customers"
        assert all(row["tickets"]["last_date"] for row in with_tickets)
    finally:
        _set_base_url(server, demo, demo["base_url"])
