"""Integration backbone and CTI against the live server: replayed and
concurrent deliveries, a rate limit shared by two server processes, and
fuzzing of the REST API (schemathesis, from its OpenAPI document) and of the
screen-pop URL (hypothesis). Skipped when cxm_integration is not installed."""

import base64
import hashlib
import hmac
import json
import os
import re
import socket
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import odoo_shell

TIMEOUT = 30
FUZZ = {"rest_requests": 0, "rest_server_errors": 0, "pop_requests": 0, "pop_server_errors": 0}


@pytest.fixture(scope="module", autouse=True)
def fuzz_report(server):
    """Write the fuzzing counts next to the server logs (.logs/<db>/fuzz-counts.txt)."""
    yield
    path = os.path.join(server["root"], ".logs", server["db"], "fuzz-counts.txt")
    if os.path.isdir(os.path.dirname(path)):
        with open(path, "w", encoding="utf-8") as report:
            report.write(" ".join(f"{key}={value}" for key, value in FUZZ.items()) + "\n")


@pytest.fixture(scope="session")
def backbone(server):
    if requests.get(f"{server['url']}/cxm/api/openapi.json", timeout=TIMEOUT).status_code != 200:
        pytest.skip("cxm_integration is not installed in this database")
    tag = uuid.uuid4().hex[:8]
    has_cti = "cxm.cti.call" in odoo_shell(server, "print(list(env.registry.models))")
    out = odoo_shell(
        server,
        f"""
tech = env["res.users"].create({{
    "name": "Suite tech {tag}", "login": "suite-tech-{tag}",
    "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_integration").id])],
}})
agent = env["res.users"].create({{
    "name": "Suite agent {tag}", "login": "suite-agent-{tag}", "password": "suite-agent-{tag}-pw",
    "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_agent").id])],
}})
# every suite test calls from 127.0.0.1: the per-address limit (1,200/min) would answer the fuzzer 429
# instead of letting its cases reach the handlers; per-instance limits are tested with their own instance
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", "10000000")
Instance = env["cxm.integration.instance"]
events = Instance.create({{"name": "Suite events {tag}", "code": "suite-ev-{tag}", "kind": "ecommerce",
    "state": "active", "user_id": tech.id, "rate_limit": 0}})
limited = Instance.create({{"name": "Suite limited {tag}", "code": "suite-rl-{tag}", "kind": "website",
    "state": "active", "user_id": tech.id, "rate_limit": 12}})
Key = env["cxm.integration.api.key"]
print("CXM-EVENTS-KEY=" + Key._generate(events, "suite")[1])
print("CXM-LIMITED-KEY=" + Key._generate(limited, "suite")[1])
print("CXM-EVENTS-ID=%d" % events.id)
data = Instance.create({{"name": "Suite data {tag}", "code": "suite-data-{tag}", "kind": "data_source",
    "state": "active", "user_id": tech.id, "rate_limit": 0}})
for scope in ("customers", "field_service"):
    if scope in dict(Key._fields["scope"].selection):
        print("CXM-%s-KEY=" % scope.upper() + Key._generate(data, "suite", scope=scope)[1])
if "help_centre" in dict(Key._fields["scope"].selection):
    app = Instance.create({{"name": "Suite app {tag}", "code": "suite-app-{tag}", "kind": "mobile_app",
        "state": "active", "user_id": tech.id, "rate_limit": 0, "secret": "suite-app-secret-{tag}"}})
    print("CXM-HELP_CENTRE-KEY=" + Key._generate(app, "suite", scope="help_centre")[1])
    print("CXM-HELP_CENTRE-SECRET=suite-app-secret-{tag}")
if "social" in dict(Key._fields["scope"].selection):
    social = Instance.create({{"name": "Suite social {tag}", "code": "suite-social-{tag}", "kind": "social",
        "provider": "generic", "state": "active", "user_id": tech.id, "rate_limit": 0}})
    print("CXM-SOCIAL-KEY=" + Key._generate(social, "suite", scope="social")[1])
if "ecommerce" in dict(Key._fields["scope"].selection):
    print("CXM-ECOMMERCE-KEY=" + Key._generate(events, "suite", scope="ecommerce")[1])
if "chatbot" in dict(Key._fields["scope"].selection):
    bot = Instance.create({{"name": "Suite bot {tag}", "code": "suite-bot-{tag}", "kind": "chat",
        "provider": "generic", "state": "active", "user_id": tech.id, "rate_limit": 0}})
    print("CXM-CHATBOT-KEY=" + Key._generate(bot, "suite", scope="chatbot")[1])
    # a customer the bot identified, with a ticket: fuzzed calls name them, so they reach the handlers
    bot_customer = env["res.partner"].create({{"name": "Suite bot customer {tag}", "email": "bot-{tag}@example.com"}})
    print("CXM-CHATBOT-CUSTOMER=" + bot._cxm_bot_handle(bot_customer))
    bot_ticket = env["helpdesk.ticket"].create({{"name": "Suite bot ticket", "description": "x",
        "partner_id": bot_customer.id, "company_id": bot.company_id.id}})
    print("CXM-CHATBOT-TICKET=" + bot_ticket.number)
if {has_cti}:
    pbx = Instance.create({{"name": "Suite PBX {tag}", "code": "suite-pbx-{tag}", "kind": "call_center",
        "state": "active", "user_id": tech.id, "rate_limit": 0, "cti_token": "suite-token-{tag}",
        "cti_agent_ids": [(0, 0, {{"agent_code": "S1", "user_id": agent.id}})]}})
    print("CXM-CTI-KEY=" + Key._generate(pbx, "suite", scope="cti")[1])
    print("CXM-PBX=" + pbx.code)
env.cr.commit()
env.registry.signal_changes()  # the server's cached system parameters (the address limit) are dropped
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    values.update(tag=tag, agent_login=f"suite-agent-{tag}", agent_password=f"suite-agent-{tag}-pw")
    return values


def _post(server, path, body, key):
    return requests.post(f"{server['url']}/cxm/api{path}", json=body, headers={"X-API-Key": key}, timeout=TIMEOUT)


def test_replayed_and_concurrent_deliveries_never_duplicate(server, backbone):
    key = backbone["CXM-EVENTS-KEY"]
    events = [
        {"event_id": f"suite-{backbone['tag']}-{n}", "type": "order.created", "payload": {"n": n}} for n in range(12)
    ]
    deliveries = [event for event in events for _ in range(3)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda event: _post(server, "/v1/events", event, key), deliveries))
    assert [a.status_code for a in answers] == [200] * len(deliveries), [
        a.text for a in answers if a.status_code != 200
    ]
    for event in events:
        mine = [a.json() for a in answers if a.json()["event_id"] == event["event_id"]]
        assert sorted(m["status"] for m in mine) == ["accepted", "duplicate", "duplicate"]
        assert len({m["ledger_id"] for m in mine}) == 1
    out = odoo_shell(
        server,
        f"""print("CXM-COUNT=%d" % env["cxm.integration.event"].search_count(
    [("instance_id", "=", {backbone["CXM-EVENTS-ID"]}), ("external_id", "=like", "suite-{backbone["tag"]}-%")]))""",
    )
    assert "CXM-COUNT=12" in out


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def second_server(server):
    port = _free_port()
    log = open(os.path.join(server["root"], ".logs", server["db"], "odoo-server2.log"), "w")
    proc = subprocess.Popen(
        [
            os.path.join(server["root"], "scripts", "odoo"),
            "-d",
            server["db"],
            f"--http-port={port}",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # a loaded machine starts a second server slowly
    while time.time() < deadline:
        try:
            if requests.get(f"{url}/web/health", timeout=5).ok:
                break
        except requests.RequestException:  # not listening yet, or still loading the registry
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail(f"the second server did not start within 180 s (see {log.name})")
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def test_rate_limit_holds_across_two_servers(server, backbone, second_server):
    key = backbone["CXM-LIMITED-KEY"]
    if time.time() % 60 > 45:  # stay inside one minute window
        time.sleep(61 - time.time() % 60)
    urls = [server["url"], second_server] * 10
    answers = [requests.get(f"{url}/cxm/api/v1/instance", headers={"X-API-Key": key}, timeout=TIMEOUT) for url in urls]
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) == 12, statuses
    assert statuses.count(429) == 8, statuses
    refused = next(a for a in answers if a.status_code == 429)
    assert refused.json()["error"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    served_by_second = [a.status_code for a in answers[1::2]]
    assert 200 in served_by_second and 429 in served_by_second


FUZZ_CASES = 500  # generated cases per operation (fixed seed: the same cases on every run)
#: the API-key scope each route prefix requires (as the server's SCOPE_BY_PREFIX): every operation is
#: called with a key of its own scope, so generated cases reach the handlers instead of a 403
FUZZ_KEYS = {
    "/v1/events": "CXM-EVENTS-KEY",
    "/v1/cti/": "CXM-CTI-KEY",
    "/v1/customers/": "CXM-CUSTOMERS-KEY",
    "/v1/field-service/": "CXM-FIELD_SERVICE-KEY",
    "/v1/help/": "CXM-HELP_CENTRE-KEY",
    "/v1/social/posts": "CXM-SOCIAL-KEY",
    "/v1/ecommerce/": "CXM-ECOMMERCE-KEY",
    "/v1/chatbot/": "CXM-CHATBOT-KEY",
}


def _customer_token(secret, sub):
    """An HS256 token of a host site's customer (cxm_selfservice's routes act as that customer)."""

    def b64(raw):
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    claims = {"sub": sub, "name": "Fuzz Customer", "exp": int(time.time()) + 300, "jti": uuid.uuid4().hex}
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
    return head + "." + b64(hmac.new(secret.encode(), head.encode(), hashlib.sha256).digest())


def test_fuzz_rest_api_from_openapi(server, backbone):
    import schemathesis
    from hypothesis import seed
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(f"{server['url']}/cxm/api/openapi.json")
    counts, statuses = {}, {}

    def fuzz(op):
        prefix = next((p for p in FUZZ_KEYS if op.path.startswith(p)), None)
        key = backbone.get(FUZZ_KEYS[prefix]) if prefix else backbone["CXM-EVENTS-KEY"]
        if not key:
            return  # the module of this route is not installed
        name = f"{op.method.upper()} {op.path}"
        counts[name] = 0

        @seed(20261205)
        @settings(max_examples=FUZZ_CASES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def run(case):
            headers = {"X-API-Key": key}
            if op.path.startswith("/v1/help/"):  # the customer's routes need the customer's token
                headers["X-Customer-Token"] = _customer_token(backbone["CXM-HELP_CENTRE-SECRET"], "fuzz-1")
            if op.path.startswith("/v1/chatbot/customers/{customer}") and counts[name] % 4:
                # three cases in four name the customer the bot identified (and its ticket), the others
                # keep the generated ids: the handlers run on real records, not only the 404 of a guess
                case.path_parameters["customer"] = backbone["CXM-CHATBOT-CUSTOMER"]
                if "{number}" in op.path and counts[name] % 2:
                    case.path_parameters["number"] = backbone["CXM-CHATBOT-TICKET"]
            response = case.call(base_url=f"{server['url']}/cxm/api", headers=headers, timeout=TIMEOUT)
            counts[name] += 1
            statuses.setdefault(name, set()).add(response.status_code)
            FUZZ["rest_requests"] += 1
            if response.status_code >= 500:
                FUZZ["rest_server_errors"] += 1
            case.validate_response(response, checks=[not_a_server_error])

        run()

    for operation in schema.get_all_operations():
        fuzz(operation.ok())
    print(f"schemathesis: {counts}; statuses {statuses}; {FUZZ['rest_server_errors']} server errors")
    assert FUZZ["rest_server_errors"] == 0
    for name, count in counts.items():
        assert count >= FUZZ_CASES or name.startswith("GET /v1/instance"), (name, count)
        # authenticated with the right scope: the handlers answered, not only the key check
        assert statuses[name] - {401, 403, 429}, (name, statuses[name])


@pytest.fixture(scope="session")
def agent_session(server, backbone):
    if "CXM-PBX" not in backbone:
        pytest.skip("cxm_cti is not installed in this database")
    session = requests.Session()
    page = session.get(f"{server['url']}/web/login", timeout=TIMEOUT).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(
        f"{server['url']}/web/login",
        data={
            "login": backbone["agent_login"],
            "password": backbone["agent_password"],
            "csrf_token": csrf,
            "db": server["db"],
        },
        timeout=TIMEOUT,
    )
    return session


def test_pbx_push_and_pop_end_to_end(server, backbone, agent_session):
    key, pbx = backbone["CXM-CTI-KEY"], backbone["CXM-PBX"]
    call_id = f"e2e-{backbone['tag']}"
    started = _post(
        server,
        "/v1/cti/calls",
        {"event": "started", "call_id": call_id, "caller_id": "02125550100", "agent_id": "S1"},
        key,
    )
    assert started.status_code == 200, started.text
    assert started.json()["notified_agent"] is True
    pop = agent_session.get(
        f"{server['url']}/cxm/cti/pop",
        params={
            "instance": pbx,
            "caller_id": "02125550100",
            "call_id": call_id,
            "agent_id": "S1",
            "token": f"suite-token-{backbone['tag']}",
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert pop.status_code == 303, pop.text
    assert f"/{started.json()['call']}" in pop.headers["Location"]
    ended = _post(server, "/v1/cti/calls", {"event": "ended", "call_id": call_id}, key)
    assert ended.json()["state"] == "ended"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "instance": st.one_of(TEXT, st.just("__PBX__")),
            "caller_id": st.one_of(TEXT, st.from_regex(r"\+?[0-9 ()-]{3,20}", fullmatch=True)),
            "call_id": TEXT,
            "agent_id": st.one_of(TEXT, st.just("S1")),
            "token": st.one_of(TEXT, st.just("__TOKEN__")),
            "ts": st.one_of(TEXT, st.integers().map(str)),
            "sig": TEXT,
        },
    )
)
def test_fuzz_screen_pop_url(server, backbone, agent_session, params):
    params = {
        k: v.replace("__PBX__", backbone["CXM-PBX"]).replace("__TOKEN__", f"suite-token-{backbone['tag']}")
        for k, v in params.items()
    }
    response = agent_session.get(f"{server['url']}/cxm/cti/pop", params=params, allow_redirects=False, timeout=TIMEOUT)
    FUZZ["pop_requests"] += 1
    FUZZ["pop_server_errors"] += response.status_code >= 500
    assert response.status_code < 500, (params, response.text[:500])
    if response.status_code >= 400:
        assert set(response.json()) == {"error", "field", "detail"}
