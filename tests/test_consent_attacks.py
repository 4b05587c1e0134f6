"""Nobody can change or delete the consent ledger, nor forge an event, over XML-RPC, JSON-RPC or
JSON-2: not an agent, a supervisor, a manager, an integration user, nor the administrator (settings
group). Create, write, unlink, copy, the private recording service and the recording context flag are
all refused, and each refused attack leaves the ledger and the effective state as they were."""

import uuid
import xmlrpc.client

import pytest
import requests

from .conftest import odoo_shell

TIMEOUT = 30
MODEL = "cxm.consent.event"
ROLES = ("agent", "supervisor", "manager", "integration", "admin")


@pytest.fixture(scope="module")
def ledger(server):
    """One user with an API key per role, a customer with an approved SMS consent."""
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
from odoo.fields import Command
ref = env.ref
groups = {{
    "agent": ["base.group_user", "cxm_base.group_cxm_agent"],
    "supervisor": ["base.group_user", "cxm_base.group_cxm_supervisor"],
    "manager": ["base.group_user", "cxm_base.group_cxm_manager"],
    "integration": ["base.group_user", "cxm_base.group_cxm_integration"],
    "admin": ["base.group_user", "base.group_system", "cxm_base.group_cxm_manager"],
}}
partner = env["res.partner"].create({{"name": "Ledger {tag}", "phone": "+90532{int(tag, 16) % 10**7:07d}"}})
event = env["cxm.consent.event"]._cxm_record([{{
    "partner_id": partner.id, "channel": "sms", "status": "approve", "source": "HS_CAGRI_MERKEZI"}}])
for role, xmlids in groups.items():
    user = env["res.users"].create({{
        "name": "Ledger " + role, "login": "ledger-" + role + "-{tag}",
        "group_ids": [Command.set([ref(x).id for x in xmlids])],
    }})
    key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ledger", None)
    print("CXM-%s=%s:%s" % (role, user.id, key))
env.cr.commit()
print("CXM-event=%s" % event.id)
print("CXM-partner=%s" % partner.id)
""",
    )
    values = dict(line[4:].split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    users = {role: dict(zip(("uid", "key"), values[role].split(":", 1), strict=True)) for role in ROLES}
    for user in users.values():
        user["uid"] = int(user["uid"])
    return {"users": users, "event": int(values["event"]), "partner": int(values["partner"])}


def _xmlrpc(server, user, method, args, kw):
    models = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/object", allow_none=True)
    try:
        return True, models.execute_kw(server["db"], user["uid"], user["key"], MODEL, method, args, kw)
    except xmlrpc.client.Fault as e:
        return False, e.faultString


def _jsonrpc(server, user, method, args, kw):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [server["db"], user["uid"], user["key"], MODEL, method, args, kw],
        },
    }
    body = requests.post(f"{server['url']}/jsonrpc", json=payload, timeout=TIMEOUT).json()
    if "error" in body:
        return False, body["error"]["data"]["message"]
    return True, body["result"]


def _json2(server, user, method, args, kw):
    params = dict(kw)
    if method in ("write", "unlink", "copy", "read"):
        params["ids"] = args[0]
        if method == "write":
            params["vals"] = args[1]
        if method == "read":
            params["fields"] = kw.get("fields")
    else:  # create, _cxm_record
        params["vals_list"] = args[0]
    resp = requests.post(
        f"{server['url']}/json/2/{MODEL}/{method}",
        json=params,
        headers={"Authorization": f"bearer {user['key']}", "X-Odoo-Database": server["db"]},
        timeout=TIMEOUT,
    )
    if resp.status_code != 200:
        assert 400 <= resp.status_code < 500, resp.text  # refused, not crashed
        return False, resp.json().get("message", resp.text)
    return True, resp.json()


PROTOCOLS = {"xmlrpc": _xmlrpc, "jsonrpc": _jsonrpc, "json2": _json2}


def _ledger_state(server, ledger):
    """The customer's events and effective states, read by the administrator over XML-RPC."""
    admin = ledger["users"]["admin"]
    domain = [[("partner_id", "=", ledger["partner"])]]
    names = ["channel", "address", "status", "source", "consent_date", "code_hash", "user_id"]
    ok, events = _xmlrpc(server, admin, "search_read", domain, {"fields": names, "order": "id"})
    assert ok, events
    models = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/object", allow_none=True)
    states = models.execute_kw(
        server["db"], admin["uid"], admin["key"], "cxm.consent.state", "search_read", domain, {"fields": names[:5]}
    )
    return events, states


def _attacks(ledger):
    event = ledger["event"]
    forged = {
        "partner_id": ledger["partner"],
        "channel": "sms",
        "address": "+905320000000",
        "status": "refuse",
        "source": "HS_IYS",
    }
    return [
        ("write", "write", [[event], {"status": "refuse"}], {}),
        ("unlink", "unlink", [[event]], {}),
        ("copy", "copy", [[event]], {}),
        ("create", "create", [[forged]], {}),
        ("create with the recording flag", "create", [[forged]], {"context": {"cxm_consent_recording": True}}),
        ("private recording service", "_cxm_record", [[forged]], {}),
    ]


@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_the_consent_ledger(server, ledger, protocol, role):
    call = PROTOCOLS[protocol]
    user = ledger["users"][role]
    ok, rows = call(server, user, "read", [[ledger["event"]]], {"fields": ["status"]})
    assert ok and rows[0]["status"] == "approve", f"{role} reads the ledger over {protocol}: {rows}"
    before = _ledger_state(server, ledger)
    for name, method, args, kw in _attacks(ledger):
        ok, answer = call(server, user, method, args, kw)
        assert not ok, f"{role} over {protocol}: '{name}' went through: {answer}"
    assert _ledger_state(server, ledger) == before, "every refused attack changed nothing"
