"""Round-trip a customer and a helpdesk ticket through XML-RPC, JSON-RPC and
JSON-2, authenticated with the API key of an Integration user."""

import uuid
import xmlrpc.client

import pytest
import requests

TIMEOUT = 30


def _ticket_vals(partner_id, tag):
    return {"name": f"Printer broken {tag}", "description": "<p>It jams on every page</p>", "partner_id": partner_id}


def test_xmlrpc_round_trip(server, integration_user):
    common = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/common", allow_none=True)
    uid = common.authenticate(server["db"], integration_user["login"], integration_user["key"], {})
    assert uid == integration_user["uid"]
    models = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/object", allow_none=True)
    call = lambda model, method, *args, **kw: models.execute_kw(  # noqa: E731
        server["db"], uid, integration_user["key"], model, method, list(args), kw
    )
    tag = uuid.uuid4().hex[:6]
    partner_id = call("res.partner", "create", {"name": f"XML-RPC Customer {tag}", "phone": "+90 532 111 22 33"})
    ticket_id = call("helpdesk.ticket", "create", _ticket_vals(partner_id, tag))
    [ticket] = call("helpdesk.ticket", "read", [ticket_id], fields=["name", "partner_id", "stage_id", "number"])
    assert ticket["name"] == f"Printer broken {tag}"
    assert ticket["partner_id"][0] == partner_id
    assert ticket["stage_id"], "a new ticket gets the first stage"
    assert ticket["number"] not in ("/", False)
    found = call("helpdesk.ticket", "search_read", [("partner_id", "=", partner_id)], fields=["id"])
    assert [r["id"] for r in found] == [ticket_id]


def test_xmlrpc_wrong_key_is_refused(server, integration_user):
    common = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/common", allow_none=True)
    assert common.authenticate(server["db"], integration_user["login"], "not-the-key", {}) is False


def _jsonrpc(server, service, method, *args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {"service": service, "method": method, "args": args},
    }
    resp = requests.post(f"{server['url']}/jsonrpc", json=payload, timeout=TIMEOUT)
    resp.raise_for_status()
    body = resp.json()
    if "error" in body:
        raise RuntimeError(body["error"]["data"]["message"])
    return body["result"]


def test_jsonrpc_round_trip(server, integration_user):
    key, db = integration_user["key"], server["db"]
    uid = _jsonrpc(server, "common", "login", db, integration_user["login"], key)
    assert uid == integration_user["uid"]
    tag = uuid.uuid4().hex[:6]
    partner_id = _jsonrpc(
        server, "object", "execute_kw", db, uid, key, "res.partner", "create", [{"name": f"JSON-RPC {tag}"}]
    )
    ticket_id = _jsonrpc(
        server, "object", "execute_kw", db, uid, key, "helpdesk.ticket", "create", [_ticket_vals(partner_id, tag)]
    )
    [ticket] = _jsonrpc(
        server,
        "object",
        "execute_kw",
        db,
        uid,
        key,
        "helpdesk.ticket",
        "read",
        [[ticket_id]],
        {"fields": ["partner_id"]},
    )
    assert ticket["partner_id"][0] == partner_id
    with pytest.raises(RuntimeError, match=r"not allowed|Access"):
        _jsonrpc(
            server, "object", "execute_kw", db, uid, key, "helpdesk.ticket.stage", "create", [{"name": "API stage"}]
        )


def _json2(server, key, model, method, **params):
    return requests.post(
        f"{server['url']}/json/2/{model}/{method}",
        json=params,
        headers={"Authorization": f"bearer {key}", "X-Odoo-Database": server["db"]},
        timeout=TIMEOUT,
    )


def test_json2_round_trip(server, integration_user):
    key = integration_user["key"]
    tag = uuid.uuid4().hex[:6]
    resp = _json2(
        server,
        key,
        "res.partner",
        "create",
        vals_list=[{"name": f"JSON-2 Customer {tag}", "email": f"{tag}@example.com"}],
    )
    assert resp.status_code == 200, resp.text
    [partner_id] = resp.json()
    resp = _json2(server, key, "helpdesk.ticket", "create", vals_list=[_ticket_vals(partner_id, tag)])
    assert resp.status_code == 200, resp.text
    [ticket_id] = resp.json()
    resp = _json2(server, key, "helpdesk.ticket", "read", ids=[ticket_id], fields=["name", "partner_id"])
    assert resp.status_code == 200, resp.text
    [ticket] = resp.json()
    assert ticket["name"] == f"Printer broken {tag}"
    assert ticket["partner_id"] == partner_id or ticket["partner_id"][0] == partner_id


def test_json2_refuses_bad_key_and_unknown_model(server, integration_user):
    resp = _json2(server, "0" * 40, "res.partner", "search", domain=[])
    assert resp.status_code == 401
    resp = _json2(server, integration_user["key"], "no.such.model", "search", domain=[])
    assert resp.status_code == 404
    resp = _json2(server, integration_user["key"], "helpdesk.ticket.stage", "create", vals_list=[{"name": "nope"}])
    assert resp.status_code == 403
