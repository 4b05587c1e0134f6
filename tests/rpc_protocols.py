# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One ORM call, three protocols: how the suite-level attack tests reach the server over XML-RPC,
JSON-RPC and JSON-2 with the same arguments. ``user`` is ``{"uid", "key"}`` (an API key works as the
password of the two RPC protocols and as the bearer token of JSON-2). Each call answers ``(True, result)``
or ``(False, error message)``; a JSON-2 refusal must be a 4xx, never a server error."""

import xmlrpc.client

import requests

TIMEOUT = 30

# JSON-2 takes named parameters: the names of a method's positional arguments
POSITIONAL = {
    "write": ("ids", "vals"),
    "read": ("ids", "fields"),
    "create": ("vals_list",),
    "_cxm_record": ("vals_list",),
}


def _xmlrpc(server, user, method, args, kw, *, model):
    models = xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/object", allow_none=True)
    try:
        return True, models.execute_kw(server["db"], user["uid"], user["key"], model, method, args, kw)
    except xmlrpc.client.Fault as e:
        return False, e.faultString


def _jsonrpc(server, user, method, args, kw, *, model):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [server["db"], user["uid"], user["key"], model, method, args, kw],
        },
    }
    body = requests.post(f"{server['url']}/jsonrpc", json=payload, timeout=TIMEOUT).json()
    if "error" in body:
        return False, body["error"]["data"]["message"]
    return True, body["result"]


def _json2(server, user, method, args, kw, *, model):
    params = dict(kw)
    params.update(zip(POSITIONAL.get(method, ("ids",)), args, strict=False))
    resp = requests.post(
        f"{server['url']}/json/2/{model}/{method}",
        json=params,
        headers={"Authorization": f"bearer {user['key']}", "X-Odoo-Database": server["db"]},
        timeout=TIMEOUT,
    )
    if resp.status_code != 200:
        assert 400 <= resp.status_code < 500, resp.text  # refused, not crashed
        return False, resp.json().get("message", resp.text)
    return True, resp.json()


PROTOCOLS = {"xmlrpc": _xmlrpc, "jsonrpc": _jsonrpc, "json2": _json2}


def on_model(model):
    """``{protocol: call(server, user, method, args, kw)}`` for the calls of one model."""
    return {
        name: (lambda server, user, method, args, kw, _call=call: _call(server, user, method, args, kw, model=model))
        for name, call in PROTOCOLS.items()
    }
