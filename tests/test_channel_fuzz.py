"""Fuzzing of the channel webhooks against the live server, every request authenticated: the operations
come from the REST API's OpenAPI document (WhatsApp) and from the SMS instance's webhook URLs (hidden from
the document: providers are configured with the URL, not the schema). Bodies are real provider payloads
with parts replaced by arbitrary JSON (NUL bytes, lone surrogates, huge numbers, wrong types), arbitrary
JSON, and raw bytes that are not UTF-8; each is signed with the instance's secret so that the handler,
not the signature check, answers. Expected: 0 server errors. Skipped for channels not installed."""

import hashlib
import hmac
import json
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from .conftest import odoo_shell

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "addons" / "cxm_sms" / "tests"))
from fake_providers import twilio_sig, vonage_sig

TIMEOUT = 30
CASES = 120
STATS = {"requests": 0, "server_errors": 0, "statuses": {}}

TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ["\x00", "\ud800", "İıŞşĞğ", "a" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "9" * 400]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def _whatsapp_payload(wamid="wamid.FUZZ"):
    message = {"from": "905321112233", "id": wamid, "timestamp": str(int(time.time())), "type": "text"}
    message["text"] = {"body": "merhaba"}
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "908501112233", "phone_number_id": "5550002"},
        "contacts": [{"profile": {"name": "Fuzz"}, "wa_id": "905321112233"}],
        "messages": [message],
        "statuses": [{"id": "wamid.OUT", "status": "failed", "timestamp": "1", "recipient_id": "905321112233"}],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
    }


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _replace(node, path, value):
    if not path:
        return value
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


@st.composite
def whatsapp_bodies(draw):
    kind = draw(st.sampled_from(["mutated", "mutated", "json", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300)) + b"\xff\xfe"
    if kind == "json":
        return json.dumps(draw(JSON)).encode()
    payload = _whatsapp_payload(f"wamid.{uuid.uuid4().hex}")
    paths = list(_paths(payload))
    for _n in range(draw(st.integers(1, 3))):
        payload = _replace(payload, draw(st.sampled_from(paths)), draw(JSON))
        paths = list(_paths(payload))
    return json.dumps(payload).encode()


SMS_KEYS = {
    "vonage": ["msisdn", "to", "messageId", "text", "type", "keyword", "message-timestamp", "status", "err-code"],
    "twilio": ["MessageSid", "From", "To", "Body", "NumMedia", "MessageStatus", "ErrorCode", "MediaUrl0"],
    "netgsm": ["gsmno", "mesaj", "tarih", "bulkid", "durum", "ltarih"],
}


def _check(response, name):
    STATS["requests"] += 1
    STATS["statuses"].setdefault(name, set()).add(response.status_code)
    if response.status_code >= 500:
        STATS["server_errors"] += 1
    assert response.status_code < 500, (name, response.status_code, response.text[:300])


def _fuzz_whatsapp_post(session, url, name, secret):
    @seed(20261205)
    @settings(max_examples=CASES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(body=whatsapp_bodies())
    def run(body):
        signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        headers = {"X-Hub-Signature-256": signature, "Content-Type": "application/json"}
        _check(session.post(url, data=body, headers=headers, timeout=TIMEOUT), name)

    run()


def _fuzz_whatsapp_get(session, url, name, verify_token):
    optional = {
        "hub.mode": st.sampled_from(["subscribe", "", "x"]) | TEXT,
        "hub.verify_token": st.just(verify_token) | TEXT,
        "hub.challenge": TEXT,
    }

    @seed(20261205)
    @settings(max_examples=CASES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(params=st.fixed_dictionaries({}, optional=optional))
    def run(params):
        query = urlencode({k: v.encode("utf-8", "surrogatepass") for k, v in params.items()})
        _check(session.get(f"{url}?{query}", timeout=TIMEOUT), name)

    run()


@pytest.fixture(scope="module")
def channels(server):
    installed = odoo_shell(
        server, "print(env['ir.module.module'].search([('state', '=', 'installed')]).mapped('name'))"
    )
    if "cxm_whatsapp" not in installed and "cxm_sms" not in installed:
        pytest.skip("no channel module is installed in this database")
    tag = uuid.uuid4().hex[:8]
    script = f"""
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", "10000000")
Instance = env["cxm.integration.instance"]
if "cxm_whatsapp" in {installed!r}:
    wa = Instance.create({{"name": "Fuzz WhatsApp {tag}", "code": "fuzz-wa-{tag}", "kind": "whatsapp",
        "provider": "meta", "state": "active", "signature_scheme": "meta", "secret": "fuzz-{tag}",
        "cxm_wa_phone_number_id": "5550002", "cxm_wa_verify_token": "verify-{tag}", "rate_limit": 0}})
    print("CXM-WA=" + wa.cxm_webhook_key)
if "cxm_sms" in {installed!r}:
    tech = env["res.users"].create({{"name": "Fuzz SMS {tag}", "login": "fuzz-sms-{tag}",
        "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_integration").id])]}})
    common = {{"kind": "sms", "state": "active", "rate_limit": 0, "user_id": tech.id}}
    for provider in ("vonage", "twilio", "netgsm"):
        extra = {{"sms_signature_secret": "fuzz-sig-{tag}"}} if provider == "vonage" else {{}}
        rec = Instance.create(dict(common, name="Fuzz %s {tag}" % provider, code="fuzz-%s-{tag}" % provider,
            sms_provider=provider, **extra))
        print("CXM-SMS-%s=%s" % (provider, rec.cxm_webhook_key))
    env.company.sms_twilio_auth_token = env.company.sms_twilio_auth_token or "fuzz-twilio-token"
    print("CXM-TWILIO-AUTH=" + env.company.sms_twilio_auth_token)
env.cr.commit()
env.registry.signal_changes()
"""
    out = odoo_shell(server, script)
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    values["tag"] = tag
    return values


def test_whatsapp_operations_of_the_openapi_document_fuzzed_signed(server, channels):
    if "CXM-WA" not in channels:
        pytest.skip("cxm_whatsapp is not installed")
    document = requests.get(f"{server['url']}/cxm/api/openapi.json", timeout=TIMEOUT).json()
    operations = [
        (method.upper(), path)
        for path, item in document["paths"].items()
        if "/whatsapp/" in path
        for method in item
        if method in ("get", "post")
    ]
    assert ("POST", "/v1/whatsapp/{key}/webhook") in operations
    assert ("GET", "/v1/whatsapp/{key}/webhook") in operations
    session = requests.Session()
    secret = f"fuzz-{channels['tag']}".encode()
    for method, path in operations:
        url = f"{server['url']}/cxm/api{path.replace('{key}', channels['CXM-WA'])}"
        name = f"{method} {path}"
        if method == "POST":
            _fuzz_whatsapp_post(session, url, name, secret)
        else:
            _fuzz_whatsapp_get(session, url, name, f"verify-{channels['tag']}")
    assert STATS["server_errors"] == 0
    for method, path in operations:
        # authenticated: the handler answered (accepted or refused the content), not only the key check
        assert STATS["statuses"][f"{method} {path}"] - {401, 404, 429}, STATS["statuses"]


@pytest.mark.parametrize("provider", ["vonage", "twilio", "netgsm"])
@pytest.mark.parametrize("kind", ["inbound", "status"])
def test_sms_webhooks_fuzzed_signed(server, channels, provider, kind):
    if "CXM-TWILIO-AUTH" not in channels:
        pytest.skip("cxm_sms is not installed")
    url = f"{server['url']}/cxm/api/v1/sms/{provider}/{channels['CXM-SMS-' + provider]}/{kind}"
    session = requests.Session()
    name = f"{provider} {kind}"
    keys = st.sampled_from(SMS_KEYS[provider]) | st.text(min_size=1, max_size=8)

    @seed(20261205)
    @settings(max_examples=CASES // 2, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(params=st.dictionaries(keys, TEXT, max_size=8), use_post=st.booleans())
    def run(params, use_post):
        params = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for k, v in params.items()}
        headers = {}
        if provider == "vonage":
            params = dict(params, timestamp=str(int(time.time())), nonce=uuid.uuid4().hex)
            params["sig"] = vonage_sig(f"fuzz-sig-{channels['tag']}", params)
        elif provider == "twilio":
            headers["X-Twilio-Signature"] = twilio_sig(channels["CXM-TWILIO-AUTH"], url, params)
        if use_post or provider == "twilio":
            response = session.post(url, data=params, headers=headers, timeout=TIMEOUT)
        else:
            response = session.get(url, params=params, headers=headers, timeout=TIMEOUT)
        _check(response, name)

    run()
    assert STATS["statuses"][name] - {401, 404, 429}, STATS["statuses"][name]
