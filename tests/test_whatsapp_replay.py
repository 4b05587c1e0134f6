"""WhatsApp webhooks against the live server (its own HTTP threads and queue_job runner): signed events
replayed three times each, concurrently from several threads, create each message once; forged and
tampered events are all refused and leave nothing. Skipped when cxm_whatsapp is not installed."""

import hashlib
import hmac
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import odoo_shell

TIMEOUT = 30
EVENTS = 1000
FORGED = 250


def _sign(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _payload(wamid, wa_id, text):
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "908501112233", "phone_number_id": "5550001"},
                            "contacts": [{"profile": {"name": "Suite customer"}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": wamid,
                                    "timestamp": str(int(time.time())),
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def whatsapp(server):
    if "cxm.channel.adapter.whatsapp.meta" not in odoo_shell(server, "print(list(env.registry.models))"):
        pytest.skip("cxm_whatsapp is not installed in this database")
    tag = uuid.uuid4().hex[:8]
    secret = f"suite-secret-{tag}"
    out = odoo_shell(
        server,
        f"""
instance = env["cxm.integration.instance"].create({{
    "name": "Suite WhatsApp {tag}", "code": "suite-wa-{tag}", "kind": "whatsapp", "provider": "meta",
    "state": "active", "signature_scheme": "meta", "secret": "{secret}", "cxm_wa_phone_number_id": "5550001",
    "rate_limit": 0,
}})
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", "10000000")
env.cr.commit()
env.registry.signal_changes()
print("CXM-ID=%d" % instance.id)
print("CXM-KEY=" + instance.cxm_webhook_key)
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    return {
        "tag": tag,
        "secret": secret,
        "id": int(values["CXM-ID"]),
        "url": f"{server['url']}/cxm/api/v1/whatsapp/{values['CXM-KEY']}/webhook",
    }


def _post(url, body, signature):
    return requests.post(
        url, data=body, timeout=TIMEOUT, headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature}
    ).status_code


COUNT = """env.cr.execute(
    "SELECT count(*), count(DISTINCT external_id), count(*) FILTER (WHERE state = 'received')"
    " FROM cxm_channel_message WHERE instance_id = %s AND external_id LIKE %s", [INSTANCE, "wamid.STAG%"])
print("CXM-ROWS=%d,%d,%d" % env.cr.fetchone())
print("CXM-LEDGER=%d" % env["cxm.integration.event"].search_count(
    [("instance_id", "=", INSTANCE), ("external_id", "=like", "msg:wamid.STAG%")]))"""


def _count(server, instance_id, tag):
    out = odoo_shell(server, COUNT.replace("INSTANCE", str(instance_id)).replace("TAG", tag))
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    return tuple(int(x) for x in values["CXM-ROWS"].split(",")), int(values["CXM-LEDGER"])


def test_replayed_concurrent_and_forged_webhooks(server, whatsapp):
    tag = whatsapp["tag"]
    bodies = [
        json.dumps(_payload(f"wamid.S{tag}{n:05d}", f"90533{n % 30:07d}", f"suite message {n}")).encode()
        for n in range(EVENTS)
    ]
    deliveries = [body for body in bodies for _ in range(3)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda b: _post(whatsapp["url"], b, _sign(whatsapp["secret"], b)), deliveries))
    assert statuses == [200] * len(deliveries)
    forged = []
    for n in range(FORGED):
        body = json.dumps(_payload(f"wamid.S{tag}X{n}", "905330000001", "forged")).encode()
        signature = _sign("not-the-secret", body) if n % 2 else _sign(whatsapp["secret"], body + b" ")
        forged.append((body, signature))
    with ThreadPoolExecutor(max_workers=8) as pool:
        refused = list(pool.map(lambda item: _post(whatsapp["url"], *item), forged))
    assert refused == [401] * FORGED
    deadline = time.time() + 240
    while True:
        (rows, distinct, received), ledger = _count(server, whatsapp["id"], tag)
        if received == EVENTS or time.time() > deadline:
            break
        time.sleep(2)
    assert (rows, distinct, ledger) == (EVENTS, EVENTS, EVENTS), "each event once, nothing forged"
    assert received == EVENTS, "the job runner put every message on its ticket"
