"""Attacks over JSON-2 on the service catalogue and the implementation method
(issue 17, "access rules as attacks over RPC"): a salesperson goes for another
salesperson's integration plan, certificates and catalogue prices; project
members, outsiders, salespeople and agents go for an implementation project's
documents (they hold customer data) and its binding approval; a key user on
the portal goes for another project's documents; an event user records
attendance on a cancelled training session over JSON-2 and XML-RPC. Each
refused call changes nothing."""

import uuid

import pytest
import requests

from .conftest import odoo_shell
from .rpc_protocols import PROTOCOLS, on_model

TIMEOUT = 30
USERS = {
    "sales_a": "sales_team.group_sale_salesman",
    "sales_b": "sales_team.group_sale_salesman",
    "pm": "project.group_project_manager",
    "member": "project.group_project_user",
    "outsider": "project.group_project_user",
    "agent": "cxm_base.group_cxm_agent",
    "event": "event.group_event_user",
    "key_user": "base.group_portal",
}


@pytest.fixture(scope="module")
def scene(server):
    """Six users with API keys; salesperson A's integration plan with one line; an
    implementation project of the project administrator followed by ``member``,
    with its documents drawn (the Project Analysis Document is ``doc``)."""
    tag = uuid.uuid4().hex[:8]
    out = odoo_shell(
        server,
        f"""
from odoo.fields import Command
users, keys = {{}}, {{}}
for who, group in {USERS!r}.items():
    user = env["res.users"].create({{
        "name": "Attack " + who + " {tag}", "login": who + "-{tag}",
        "group_ids": [Command.set([env.ref(group).id])],
    }})
    users[who] = user
    keys[who] = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "attack", None)
customer = env["res.partner"].create({{"name": "Attack customer {tag}", "is_company": True}})
call_center = env.ref("cxm_service_catalog.product_call_center").product_variant_id
plan = env["cxm.integration.plan"].with_user(users["sales_a"]).create({{
    "name": "Plan {tag}", "partner_id": customer.id,
    "line_ids": [Command.create({{"product_id": call_center.id, "instance_name": "Call centre {tag}"}})],
}})
project = env["project.project"].with_user(users["pm"]).create({{
    "name": "Rollout {tag}", "partner_id": customer.id, "cxm_is_implementation": True,
}})
project.message_subscribe(partner_ids=users["member"].partner_id.ids)
env["cxm.implementation.key.user"].create(
    {{"project_id": project.id, "partner_id": users["key_user"].partner_id.id, "role": "it"}})
project.with_user(users["pm"]).action_cxm_new_document()
doc = project.cxm_document_ids.filtered(lambda d: d.kind == "pad")
design_doc = project.cxm_document_ids.filtered(lambda d: d.kind == "solution_design")
design_doc.with_user(users["pm"]).action_approve()
other = env["project.project"].with_user(users["pm"]).create({{
    "name": "Other rollout {tag}", "partner_id": customer.id, "cxm_is_implementation": True,
}})
other.with_user(users["pm"]).action_cxm_new_document()
other.cxm_document_ids.filtered(lambda d: d.kind == "solution_design").with_user(users["pm"]).action_approve()
# a design training session with one participant, one attendance line, then cancelled
import datetime
training = env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id
start = datetime.datetime.now() + datetime.timedelta(days=30)
session = env["event.event"].create({{
    "name": "Session {tag}", "date_begin": start, "date_end": start + datetime.timedelta(days=8),
    "cxm_product_id": training.id, "event_ticket_ids": [Command.clear()],
}})
session.action_cxm_generate_days()
registration = env["event.registration"].create({{"event_id": session.id, "partner_id": customer.id}})
line = env["cxm.training.attendance"].create(
    {{"day_id": session.cxm_day_ids[0].id, "registration_id": registration.id}})
session.kanban_state = "cancel"
# never approved: the other project's documents and this project's Integration Plan
hidden = other.cxm_document_ids | project.cxm_document_ids.filtered(lambda d: d.kind == "integration_plan")
env.cr.commit()
values = dict(tag="{tag}", plan=plan.id, project=project.id, doc=doc.id, customer=customer.id,
              call_center=call_center.id, call_center_tmpl=call_center.product_tmpl_id.id, price=call_center.list_price,
              design_doc=design_doc.id, other_docs=",".join(map(str, hidden.ids)),
              session=session.id, day1=session.cxm_day_ids[1].id, day0=session.cxm_day_ids[0].id,
              registration=registration.id, attendance=line.id)
values.update({{"uid_" + who: user.id for who, user in users.items()}})
values.update({{"key_" + who: key for who, key in keys.items()}})
for k, v in values.items():
    print("CXM-%s=%s" % (k, v))
""",
    )
    values = dict(line[4:].split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    text = ("tag", "other_docs")
    return {
        k: (v if k.startswith("key_") or k in text else float(v) if k == "price" else int(v)) for k, v in values.items()
    }


def _id(value):
    """A many-to-one as read over JSON-2: [id, name], or False."""
    return value[0] if isinstance(value, list) else value


def _call(server, s, who, model, method, **params):
    return requests.post(
        f"{server['url']}/json/2/{model}/{method}",
        json=params,
        headers={"Authorization": f"bearer {s['key_' + who]}", "X-Odoo-Database": server["db"]},
        timeout=TIMEOUT,
    )


def test_a_salesperson_cannot_take_another_plan_certify_or_reprice(server, scene):
    s = scene
    plan = [s["plan"]]
    assert _call(server, s, "sales_b", "cxm.integration.plan", "search", domain=[("id", "=", s["plan"])]).json() == []
    for method, params in (
        ("read", {"fields": ["name", "line_ids"]}),
        ("write", {"vals": {"name": "Taken over"}}),
        ("write", {"vals": {"user_id": s["uid_sales_b"]}}),
        ("action_create_quotation", {}),
        ("unlink", {}),
    ):
        resp = _call(server, s, "sales_b", "cxm.integration.plan", method, ids=plan, **params)
        assert resp.status_code == 403, (method, resp.text)
    resp = _call(
        server,
        s,
        "sales_b",
        "cxm.integration.plan.line",
        "create",
        vals_list=[{"plan_id": s["plan"], "product_id": s["call_center"], "instance_name": "Smuggled"}],
    )
    assert resp.status_code == 403, resp.text

    # a certificate is issued by the certification, never typed; prices belong to sales managers
    resp = _call(
        server,
        s,
        "sales_a",
        "cxm.certificate",
        "create",
        vals_list=[{"partner_id": s["customer"], "product_id": s["call_center"]}],
    )
    assert resp.status_code == 403, resp.text
    resp = _call(server, s, "sales_a", "product.template", "write", ids=[s["call_center_tmpl"]], vals={"list_price": 1})
    assert resp.status_code == 403, resp.text

    # nothing changed
    [mine] = _call(
        server, s, "sales_a", "cxm.integration.plan", "read", ids=plan, fields=["name", "user_id", "sale_order_id"]
    ).json()
    assert mine["name"] == f"Plan {s['tag']}"
    assert _id(mine["user_id"]) == s["uid_sales_a"]
    assert not mine["sale_order_id"]
    assert (
        _call(
            server, s, "sales_a", "cxm.integration.plan.line", "search_count", domain=[("plan_id", "in", plan)]
        ).json()
        == 1
    )
    assert (
        _call(
            server, s, "sales_a", "cxm.certificate", "search_count", domain=[("partner_id", "=", s["customer"])]
        ).json()
        == 0
    )
    [product] = _call(
        server, s, "sales_a", "product.template", "read", ids=[s["call_center_tmpl"]], fields=["list_price"]
    ).json()
    assert product["list_price"] == s["price"]


def test_implementation_documents_follow_the_project_and_approval_is_binding(server, scene):
    s = scene
    doc = [s["doc"]]
    Doc = "cxm.implementation.document"
    # the follower reads the document; a project member who does not follow, a salesperson and an agent do not
    [seen] = _call(server, s, "member", Doc, "read", ids=doc, fields=["name", "content", "state"]).json()
    assert seen["state"] != "approved"
    assert _call(server, s, "outsider", Doc, "search", domain=[("project_id", "=", s["project"])]).json() == []
    for who in ("outsider", "sales_a", "agent"):
        resp = _call(server, s, who, Doc, "read", ids=doc, fields=["content"])
        assert resp.status_code == 403, (who, resp.text)
    resp = _call(
        server,
        s,
        "outsider",
        "cxm.implementation.key.user",
        "create",
        vals_list=[{"project_id": s["project"], "partner_id": s["customer"], "role": "it"}],
    )
    assert resp.status_code == 403, resp.text
    resp = _call(server, s, "outsider", "project.project", "action_cxm_new_document", ids=[s["project"]])
    assert resp.status_code == 403, resp.text

    # only a project administrator approves, once; an approved version is neither edited nor deleted
    for who in ("member", "outsider", "sales_a"):
        resp = _call(server, s, who, Doc, "action_approve", ids=doc)
        assert resp.status_code == 403, (who, resp.text)
    resp = _call(server, s, "member", Doc, "write", ids=doc, vals={"content": "{}"})
    assert resp.status_code == 422, resp.text
    assert "not edited" in resp.json()["message"]
    resp = _call(server, s, "pm", Doc, "action_approve", ids=doc)
    assert resp.status_code == 200, resp.text
    resp = _call(server, s, "pm", Doc, "action_approve", ids=doc)
    assert resp.status_code == 422, resp.text
    assert "already approved" in resp.json()["message"]
    for method, params in (("write", {"vals": {"approved_by_id": s["uid_member"]}}), ("unlink", {})):
        resp = _call(server, s, "pm", Doc, method, ids=doc, **params)
        assert resp.status_code in (403, 422), (method, resp.text)

    [after] = _call(server, s, "member", Doc, "read", ids=doc, fields=["content", "state", "approved_by_id"]).json()
    assert after["state"] == "approved"
    assert _id(after["approved_by_id"]) == s["uid_pm"]
    assert after["content"] == seen["content"]


def test_a_key_user_on_the_portal_sees_only_their_projects_approved_documents(server, scene):
    s = scene
    Doc = "cxm.implementation.document"
    found = _call(server, s, "key_user", Doc, "search_read", domain=[], fields=["state", "project_id"]).json()
    assert s["design_doc"] in [d["id"] for d in found], found
    assert {(_id(d["project_id"]), d["state"]) for d in found} == {(s["project"], "approved")}, found
    # a draft of their own project and every document of another project, by id: 0 leaks
    leaks = []
    for doc_id in map(int, s["other_docs"].split(",")):
        resp = _call(server, s, "key_user", Doc, "read", ids=[doc_id], fields=["content"])
        if resp.status_code != 403:
            leaks.append((doc_id, resp.status_code))
    assert leaks == []
    resp = _call(server, s, "key_user", Doc, "write", ids=[s["design_doc"]], vals={"content": "[]"})
    assert resp.status_code in (403, 422), resp.text
    resp = _call(server, s, "key_user", "project.project", "read", ids=[s["project"]], fields=["name"])
    assert resp.status_code == 403, resp.text


def test_attendance_on_a_cancelled_session_is_refused_over_every_protocol(server, scene):
    s = scene
    user = {"uid": s["uid_event"], "key": s["key_event"]}
    Attendance = "cxm.training.attendance"
    new_line = {"day_id": s["day1"], "registration_id": s["registration"], "present": True}
    # JSON-2 answers 422, the suite's refusal of a business rule
    resp = _call(server, s, "event", Attendance, "create", vals_list=[new_line])
    assert resp.status_code == 422, resp.text
    assert "is cancelled: no attendance can be recorded" in resp.json()["message"]
    # the same calls over XML-RPC, JSON-RPC and JSON-2 are all refused
    attendance, day = on_model(Attendance), on_model("cxm.training.day")
    for protocol in PROTOCOLS:
        ok, fault = attendance[protocol](server, user, "create", [[new_line]], {})
        assert not ok and "is cancelled: no attendance can be recorded" in fault, (protocol, fault)
        ok, fault = attendance[protocol](server, user, "write", [[s["attendance"]], {"present": True}], {})
        assert not ok and "is cancelled" in fault, (protocol, fault)
        ok, fault = day[protocol](server, user, "action_take_attendance", [[s["day0"]]], {})
        assert not ok and "is cancelled" in fault, (protocol, fault)
    # nothing changed: one attendance line on the session, still absent
    domain = [("event_id", "=", s["session"])]
    ok, lines = attendance["xmlrpc"](server, user, "search_read", [], {"domain": domain, "fields": ["present"]})
    assert ok, lines
    assert [line["present"] for line in lines] == [False]
