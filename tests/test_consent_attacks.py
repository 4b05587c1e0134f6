"""Nobody can change or delete the consent ledger, nor forge an event, over XML-RPC, JSON-RPC or
JSON-2: not an agent, a supervisor, a manager, an integration user, nor the administrator (settings
group). Create, write, unlink, copy, the private recording service and the recording context flag are
all refused, and each refused attack leaves the ledger and the effective state as they were."""

import uuid
import xmlrpc.client

import pytest

from .conftest import odoo_shell
from .rpc_protocols import on_model

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


PROTOCOLS = on_model(MODEL)


def _ledger_state(server, ledger):
    """The customer's events and effective states, read by the administrator over XML-RPC."""
    admin = ledger["users"]["admin"]
    domain = [[("partner_id", "=", ledger["partner"])]]
    names = ["channel", "address", "status", "source", "consent_date", "code_hash", "user_id"]
    ok, events = PROTOCOLS["xmlrpc"](server, admin, "search_read", domain, {"fields": names, "order": "id"})
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
