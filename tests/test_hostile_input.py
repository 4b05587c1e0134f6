"""Hostile input on every REST endpoint: NUL bytes, invalid UTF-8, lone surrogates,
oversize and deeply nested bodies, NUL in the URL. Each gets a clear 4xx JSON
error, changes nothing, and is in the API log with the bad character visible."""

import json
import uuid

import pytest
import requests

from .conftest import odoo_shell

TIMEOUT = 60
ENDPOINTS = [
    ("POST", "/v1/events"),
    ("POST", "/v1/cti/calls"),
    ("POST", "/v1/customers/upsert"),
    ("PUT", "/v1/field-service/FS-HOSTILE-1"),
]
ATTACKS = {
    "nul byte": (b"\x00", 400, "invalid_text"),
    "nul in a json string": (b'{"event_id": "a\\u0000b", "type": "x"}', 400, "invalid_text"),
    "nul in a json key": (b'{"a\\u0000": 1}', 400, "invalid_text"),
    "invalid utf-8": (b'{"event_id": "\xff\xfe", "type": "x"}', 400, "invalid_encoding"),
    "lone surrogate": (b'{"event_id": "\\ud800", "type": "x"}', 400, "invalid_text"),
    "10 MB body": (b'{"event_id": "' + b"a" * (10 * 1024 * 1024) + b'"}', 413, "too_large"),
    "deeply nested json": (b"[" * 100_000 + b"]" * 100_000, 400, "too_deep"),
}


@pytest.fixture(scope="module")
def hostile(server, integration_user):
    if "CXM-INSTALLED" not in odoo_shell(server, 'print("CXM-INSTALLED" if "cxm.integration.instance" in env else "")'):
        pytest.skip("cxm_integration is not installed in this database")
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
import json
user = env["res.users"].browse({integration_user["uid"]})
instance = env["cxm.integration.instance"].create({{
    "name": "Suite hostile {tag}", "code": "suite-hostile-{tag}", "kind": "data_source", "state": "active",
    "user_id": user.id, "company_id": user.company_id.id, "rate_limit": 0,
}})
key = env["cxm.integration.api.key"]._generate(instance, "suite")[1]
env.cr.commit()
print("CXM-DATA=" + json.dumps({{"key": key, "instance": instance.id}}))
""",
    )
    return json.loads(next(line[9:] for line in out.splitlines() if line.startswith("CXM-DATA=")))


def _send(server, key, method, path, body):
    return requests.request(
        method,
        f"{server['url']}/cxm/api{path}",
        data=body,
        headers={"X-API-Key": key, "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )


def test_hostile_bodies_get_clear_errors_change_nothing_and_are_logged(server, hostile):
    answers = {}
    for method, path in ENDPOINTS:
        for name, (body, status, error) in ATTACKS.items():
            response = _send(server, hostile["key"], method, path, body)
            assert response.status_code == status, (path, name, response.status_code, response.text[:300])
            assert response.json()["error"] == error, (path, name, response.text[:300])
            answers[(path, name)] = response.status_code
    for method, path in (("GET", "/v1/instance?q=%00"), ("PUT", "/v1/field-service/FS%00X")):
        response = _send(server, hostile["key"], method, path, b'{"status": "done"}' if method == "PUT" else None)
        assert response.status_code == 400 and response.json()["error"] == "invalid_text", response.text
    out = odoo_shell(
        server,
        f"""
import json
logs = env["cxm.integration.log"].search([("instance_id", "=", {hostile["instance"]})])
events = env["cxm.integration.event"].search_count([("instance_id", "=", {hostile["instance"]})])
fsm = env["cxm.field.service"] if "cxm.field.service" in env else None
fsm_mine = fsm.search_count([("external_id", "like", "FS-HOSTILE")]) if fsm is not None else 0
print("CXM-DATA=" + json.dumps({{
    "rows": len(logs), "codes": sorted(set(logs.mapped("status_code"))),
    "nul_visible": bool(logs.filtered(lambda l: "\\\\x00" in (l.request_excerpt or ""))),
    "events": events, "fsm_mine": fsm_mine,
}}))
""",
    )
    found = json.loads(next(line[9:] for line in out.splitlines() if line.startswith("CXM-DATA=")))
    assert found["rows"] == len(answers) + 2, "every refused call is in the API log"
    assert found["codes"] == [400, 413]
    assert found["nul_visible"], "the NUL byte is shown as \\x00 in the log"
    assert found["events"] == 0 and found["fsm_mine"] == 0, "nothing was recorded"
