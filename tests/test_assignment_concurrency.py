"""Two integrators create batches of tickets for the same capacity team at the same moment, through
JSON-2 against the running (multi-threaded) server: every request succeeds (Odoo retries the one that
lost the race on the agents' rows), every place is filled and no agent ends above the capacity.
Several rounds, each on a fresh team."""

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import odoo_shell

ROUNDS = 3
AGENTS = 4
CAPACITY = 5
PER_REQUEST = 15  # two requests of 15 tickets for 4 x 5 places
TIMEOUT = 120
CHECK = """
import json
rows = {}
for team_id in TEAM_IDS:
    env.cr.execute(
        "SELECT count(*), count(user_id) FROM helpdesk_ticket WHERE team_id = %s", [team_id]
    )
    total, assigned = env.cr.fetchone()
    env.cr.execute(
        "SELECT user_id, count(*) FROM helpdesk_ticket WHERE team_id = %s AND user_id IS NOT NULL GROUP BY user_id",
        [team_id],
    )
    rows[team_id] = {"total": total, "assigned": assigned, "loads": sorted(c for _u, c in env.cr.fetchall())}
print("CXM-DATA=" + json.dumps(rows))
"""


@pytest.fixture(scope="module")
def teams(server):
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
import json
if "cxm.assignment.engine" not in env:
    print("CXM-SKIP=1")
else:
    agent_group = env.ref("cxm_base.group_cxm_agent")
    keys = []
    for n in (1, 2):
        user = env["res.users"].create({{
            "name": "Intake %d" % n, "login": "intake-{tag}-%d" % n,
            "group_ids": [(6, 0, env.ref("cxm_base.group_cxm_supervisor").ids)],
        }})
        keys.append(env["res.users.apikeys"].with_user(user).sudo()._generate(None, "race", None))
    team_ids = []
    for r in range({ROUNDS}):
        agents = env["res.users"].create([{{
            "name": "Cap agent %d-%d" % (r, i), "login": "cap-{tag}-%d-%d" % (r, i),
            "group_ids": [(6, 0, agent_group.ids)],
        }} for i in range({AGENTS})])
        # profiles made beforehand (an admin gave skills): the agents' rows exist, only their locks protect
        env["cxm.assignment.agent"].create([{{"user_id": agent.id}} for agent in agents])
        team_ids.append(env["helpdesk.ticket.team"].create({{
            "name": "Capacity {tag} %d" % r, "user_ids": [(6, 0, agents.ids)], "cxm_assign_policy": "capacity",
            "cxm_assign_max_open": {CAPACITY}, "cxm_assign_need_presence": False, "cxm_assign_need_hours": False,
        }}).id)
    env.cr.commit()
    print("CXM-DATA=" + json.dumps({{"keys": keys, "teams": team_ids}}))
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    if values.get("CXM-SKIP"):
        pytest.skip("cxm_assignment is not installed")
    return json.loads(values["CXM-DATA"])


def _create(server, key, team_id, name, barrier):
    session = requests.Session()
    vals_list = [{"name": f"{name} {i}", "description": "<p>race</p>", "team_id": team_id} for i in range(PER_REQUEST)]
    barrier.wait()
    return session.post(
        f"{server['url']}/json/2/helpdesk.ticket/create",
        json={"vals_list": vals_list},
        headers={"Authorization": f"bearer {key}", "X-Odoo-Database": server["db"]},
        timeout=TIMEOUT,
    )


def test_capacity_holds_under_two_concurrent_workers(server, teams):
    with ThreadPoolExecutor(max_workers=2) as pool:
        for team_id in teams["teams"]:
            barrier = threading.Barrier(2)
            futures = [
                pool.submit(_create, server, key, team_id, f"w{n}", barrier) for n, key in enumerate(teams["keys"])
            ]
            results = [f.result() for f in futures]
            assert all(r.status_code == 200 for r in results), [r.text for r in results]
    out = odoo_shell(server, CHECK.replace("TEAM_IDS", json.dumps(teams["teams"])))
    data = json.loads(next(line.split("=", 1)[1] for line in out.splitlines() if line.startswith("CXM-DATA=")))
    for team_id, row in data.items():
        assert row["total"] == 2 * PER_REQUEST, (team_id, row)
        assert row["loads"] == [CAPACITY] * AGENTS, (team_id, row)
        assert row["assigned"] == AGENTS * CAPACITY, (team_id, row)
