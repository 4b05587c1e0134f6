"""SMS webhooks of cxm_sms against the live (multi-threaded) server: 1,000
signed Vonage events delivered 3 times each from 8 threads at once, and 250
forged or tampered events per provider. Real concurrent transactions: the
idempotency ledger must hold under them. Skipped when cxm_sms is not installed."""

import random
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from .conftest import odoo_shell

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "addons" / "cxm_sms" / "tests"))
from fake_providers import FakeTwilio, FakeVonage, query_url, twilio_sig, vonage_sig

TIMEOUT = 60


@pytest.fixture(scope="module")
def sms(server):
    if "cxm_sms" not in odoo_shell(
        server, "print(env['ir.module.module'].search([('state', '=', 'installed')]).mapped('name'))"
    ):
        pytest.skip("cxm_sms is not installed in this database")
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
tech = env["res.users"].create({{"name": "Suite SMS {tag}", "login": "suite-sms-{tag}",
    "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_integration").id])]}})
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", "10000000")
Instance = env["cxm.integration.instance"]
common = {{"kind": "sms", "state": "active", "user_id": tech.id, "rate_limit": 0}}
vonage = Instance.create(dict(common, name="Suite Vonage {tag}", code="suite-vonage-{tag}", sms_provider="vonage",
    sms_signature_secret="suite-sig-{tag}"))
twilio = Instance.create(dict(common, name="Suite Twilio {tag}", code="suite-twilio-{tag}", sms_provider="twilio"))
netgsm = Instance.create(dict(common, name="Suite Netgsm {tag}", code="suite-netgsm-{tag}", sms_provider="netgsm"))
env.company.sms_twilio_auth_token = env.company.sms_twilio_auth_token or "suite-twilio-token"
env.cr.commit()
env.registry.signal_changes()
for name, rec in (("VONAGE", vonage), ("TWILIO", twilio), ("NETGSM", netgsm)):
    print("CXM-%s-ID=%d" % (name, rec.id))
    print("CXM-%s-TOKEN=%s" % (name, rec.cxm_webhook_key))
print("CXM-TWILIO-AUTH=" + env.company.sms_twilio_auth_token)
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    values["tag"] = tag
    return values


def _ledger(server, instance_id):
    out = odoo_shell(
        server,
        f"""rows = env["cxm.integration.event"].search([("instance_id", "=", {instance_id})])
print("CXM-N=%d" % len(rows))
print("CXM-D=%d" % len(set(rows.mapped("external_id"))))""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    return int(values["CXM-N"]), int(values["CXM-D"])


def test_replayed_signed_events_in_parallel_never_duplicate(server, sms):
    fake = FakeVonage(sig_secret=f"suite-sig-{sms['tag']}")
    url = f"{server['url']}/cxm/api/v1/sms/vonage/{sms['CXM-VONAGE-TOKEN']}/inbound"
    events = [fake.inbound_params("905321234567", f"mesaj {n}", message_id=f"S{n:06d}") for n in range(1000)]
    deliveries = [query_url(url, params) for params in events] * 3
    random.Random(3).shuffle(deliveries)
    local = __import__("threading").local()

    def deliver(target):
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return local.session.get(target, timeout=TIMEOUT).status_code

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(deliver, deliveries))
    elapsed = time.monotonic() - started
    print(f"3,000 deliveries of 1,000 signed SMS events in {elapsed:.1f} s ({3000 / elapsed:.0f}/s), 8 threads")
    assert {s: statuses.count(s) for s in set(statuses)} == {200: 3000}
    assert _ledger(server, sms["CXM-VONAGE-ID"]) == (1000, 1000)


def test_forged_and_tampered_events_write_nothing(server, sms):
    vonage = FakeVonage(sig_secret=f"suite-sig-{sms['tag']}")
    twilio = FakeTwilio(token=sms["CXM-TWILIO-AUTH"])
    vonage_url = f"{server['url']}/cxm/api/v1/sms/vonage/{sms['CXM-VONAGE-TOKEN']}/inbound"
    twilio_url = f"{server['url']}/cxm/api/v1/sms/twilio/{sms['CXM-TWILIO-TOKEN']}/inbound"
    session = requests.Session()
    vonage_before = _ledger(server, sms["CXM-VONAGE-ID"])
    refused = {"vonage": 0, "twilio": 0, "netgsm": 0}
    for n in range(250):
        params = vonage.inbound_params("905321234567", f"forged {n}")
        if n % 3 == 0:
            params["sig"] = vonage_sig("not-the-secret", params)
        elif n % 3 == 1:
            params["text"] += "!"
        else:
            params["timestamp"] = str(int(time.time()) - 3600)
            params["sig"] = vonage_sig(f"suite-sig-{sms['tag']}", params)
        refused["vonage"] += session.get(query_url(vonage_url, params), timeout=TIMEOUT).status_code == 401
        params = twilio.inbound_params("+905321234567", f"forged {n}")
        signature = twilio_sig("not-the-token" if n % 2 else sms["CXM-TWILIO-AUTH"], twilio_url, params)
        if n % 2 == 0:
            params["Body"] += "!"
        answer = session.post(twilio_url, data=params, headers={"X-Twilio-Signature": signature}, timeout=TIMEOUT)
        refused["twilio"] += answer.status_code == 401
        token = uuid.uuid4().hex
        answer = session.get(
            f"{server['url']}/cxm/api/v1/sms/netgsm/{token}/inbound",
            params={"gsmno": "905321234567", "mesaj": "forged"},
            timeout=TIMEOUT,
        )
        refused["netgsm"] += answer.status_code == 404
    assert refused == {"vonage": 250, "twilio": 250, "netgsm": 250}
    for key in ("CXM-TWILIO-ID", "CXM-NETGSM-ID"):
        assert _ledger(server, sms[key]) == (0, 0)
    assert _ledger(server, sms["CXM-VONAGE-ID"]) == vonage_before
