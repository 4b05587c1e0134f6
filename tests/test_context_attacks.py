"""A hostile agent sets the context of its RPC calls: no context key may move a
ticket off its process, force a move without the right, skip a transition's
groups or fire an automatic transition by hand, over XML-RPC, JSON-RPC and
JSON-2. Each refused attack changes nothing: same stage, no history row."""

import uuid

import pytest

from .conftest import odoo_shell
from .rpc_protocols import on_model


@pytest.fixture(scope="module")
def scene(server):
    """An agent with an API key, a small process and two tickets of the agent's team:
    ``new`` (status New) and ``progress`` (status In Progress, assigned to the agent).
    New -> In Progress (Take); In Progress -> Done (Approve, supervisors only);
    In Progress -> New (Timeout, after 48 h: automatic only)."""
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
from odoo.fields import Command
ref = env.ref
user = env["res.users"].create({{
    "name": "Hostile agent {tag}", "login": "hostile-{tag}",
    "group_ids": [Command.set([ref("cxm_base.group_cxm_agent").id])],
}})
key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "attack", None)
team = env["helpdesk.ticket.team"].create({{"name": "Attack team {tag}", "user_ids": [Command.set(user.ids)]}})
stages = {{x: ref("helpdesk_mgmt.helpdesk_ticket_stage_" + x) for x in ("new", "in_progress", "done")}}
process = env["cxm.process"].create({{"name": "Attack {tag}", "model": "helpdesk.ticket"}})
st = {{x: env["cxm.process.status"].create({{"process_id": process.id, "sequence": i, "ticket_stage_id": s.id,
                                          "is_closing": x == "done"}})
      for i, (x, s) in enumerate(stages.items())}}
T = env["cxm.process.transition"]
take = T.create({{"process_id": process.id, "name": "Take", "from_status_ids": [Command.set(st["new"].ids)],
                 "to_status_id": st["in_progress"].id}})
T.create({{"process_id": process.id, "name": "Approve", "from_status_ids": [Command.set(st["in_progress"].ids)],
          "to_status_id": st["done"].id, "group_ids": [Command.set([ref("cxm_base.group_cxm_supervisor").id])]}})
timeout = T.create({{"process_id": process.id, "name": "Timeout", "trigger": "timer", "delay_hours": 48,
                    "from_status_ids": [Command.set(st["in_progress"].ids)], "to_status_id": st["new"].id}})
process.action_activate()
Ticket = env["helpdesk.ticket"]
vals = {{"description": "<p>x</p>", "team_id": team.id, "cxm_process_id": process.id, "user_id": user.id}}
new = Ticket.create(dict(vals, name="Attack new {tag}"))
progress = Ticket.create(dict(vals, name="Attack progress {tag}"))
progress.with_user(user).cxm_fire_transition(take.id)
env.cr.commit()
for k, v in dict(uid=user.id, key=key, login=user.login, new=new.id, progress=progress.id, timeout=timeout.id,
                 s_new=stages["new"].id, s_progress=stages["in_progress"].id, s_done=stages["done"].id).items():
    print("CXM-%s=%s" % (k, v))
""",
    )
    values = dict(line[4:].split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    return {k: (v if k in ("key", "login") else int(v)) for k, v in values.items()}


PROTOCOLS = on_model("helpdesk.ticket")


def _snapshot(server, s, call, ticket_id):
    ok, rows = call(server, s, "read", [[ticket_id]], {"fields": ["stage_id", "cxm_history_ids"]})
    assert ok, rows
    stage = rows[0]["stage_id"]
    return (stage[0] if isinstance(stage, list) else stage), sorted(rows[0]["cxm_history_ids"])


ATTACKS = [
    # (name, ticket, target stage, context)
    ("bypass the process guard", "new", "s_done", {"cxm_process_bypass": True}),
    ("force without the right", "new", "s_done", {"cxm_force_reason": "x"}),
    ("skip the transition's groups", "progress", "s_done", {"cxm_automatic": True}),
    ("fire an automatic transition by hand", "progress", "s_new", {"cxm_transition_id": "timeout"}),
]


@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
@pytest.mark.parametrize("attack", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_context_key_attack_is_refused(server, scene, protocol, attack):
    _name, ticket, target, context = attack
    call = PROTOCOLS[protocol]
    context = {k: scene[v] if v == "timeout" else v for k, v in context.items()}
    ticket_id = scene[ticket]
    before = _snapshot(server, scene, call, ticket_id)
    ok, answer = call(server, scene, "write", [[ticket_id], {"stage_id": scene[target]}], {"context": context})
    assert not ok, f"{protocol}: the attack went through"
    assert "cannot move" in answer or "Only CXM managers" in answer, answer
    assert _snapshot(server, scene, call, ticket_id) == before, "nothing changed: same stage, no history row"


@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
def test_force_stage_method_is_refused_to_an_agent(server, scene, protocol):
    call = PROTOCOLS[protocol]
    before = _snapshot(server, scene, call, scene["new"])
    kw = {"context": {"cxm_force_reason": "x"}}
    if protocol == "json2":
        kw.update(stage_id=scene["s_done"], reason="x")
        ok, answer = call(server, scene, "cxm_force_stage", [[scene["new"]]], kw)
    else:
        ok, answer = call(server, scene, "cxm_force_stage", [[scene["new"]], scene["s_done"], "x"], kw)
    assert not ok and "Only CXM managers" in answer, answer
    assert _snapshot(server, scene, call, scene["new"]) == before
