# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.cxm_integration_instance import pop_signature


class CtiCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        company = cls.env.company
        company.cxm_phone_region_id = cls.env.ref("base.tr")
        cls.agent = new_test_user(cls.env, "cti_agent", groups="cxm_base.group_cxm_agent", name="CTI Agent")
        cls.agent2 = new_test_user(cls.env, "cti_agent2", groups="cxm_base.group_cxm_agent", name="CTI Agent 2")
        cls.tech = new_test_user(cls.env, "cti_tech", groups="cxm_base.group_cxm_integration")
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "CTI Team", "user_ids": [(6, 0, (cls.agent | cls.agent2).ids)]}
        )
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "Test PBX",
                "code": "pbx-test",
                "kind": "call_center",
                "state": "active",
                "user_id": cls.tech.id,
                "secret": "pop-secret",
                "cti_token": "static-token-123",
                "cti_agent_ids": [
                    (0, 0, {"agent_code": "A1", "user_id": cls.agent.id}),
                    (0, 0, {"agent_code": "A2", "user_id": cls.agent2.id}),
                ],
            }
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "CTI Tour Customer", "phone": "+90 532 111 22 33"})
        cls.twin_a = Partner.create({"name": "Twin A", "phone": "0532 444 55 66"})
        cls.twin_b = Partner.create(
            {"name": "Twin B", "mobile": "+905324445566"}
            if "mobile" in Partner._fields
            else {"name": "Twin B", "phone": "(0532) 444-5566"}
        )
        cls.env["helpdesk.ticket"].create(
            {
                "name": "CTI tour: old complaint",
                "description": "<p>x</p>",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
            }
        )
        cls.Call = cls.env["cxm.cti.call"]

    def _pop_url(self, caller, call_id, agent="A1", ts=None, secret="pop-secret", **extra):  # noqa: S107
        ts = int(time.time()) if ts is None else ts
        sig = pop_signature(secret, caller, call_id, agent, ts)
        query = {
            "instance": "pbx-test",
            "caller_id": caller,
            "call_id": call_id,
            "agent_id": agent,
            "ts": ts,
            "sig": sig,
        }
        query.update(extra)
        return "/cxm/cti/pop?" + urlencode({k: v for k, v in query.items() if v is not None})


@tagged("post_install", "-at_install")
class TestScreenPop(CtiCommon):
    def test_known_caller_opens_the_360_view(self):
        self.authenticate("cti_agent", "cti_agent")
        response = self.url_open(self._pop_url("05321112233", "c-known"), allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text)
        call = self.Call.search([("call_id", "=", "c-known")])
        self.assertIn(f"/odoo/action-cxm_cti.cxm_cti_call_action/{call.id}", response.headers["Location"])
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.caller_e164, "+905321112233")
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(call.open_ticket_ids.name, "CTI tour: old complaint")
        # opening the same pop again does not record the call twice
        self.url_open(self._pop_url("05321112233", "c-known"), allow_redirects=False)
        self.assertEqual(self.Call.search_count([("call_id", "=", "c-known")]), 1)

    def test_unknown_caller_quick_create(self):
        self.authenticate("cti_agent", "cti_agent")
        self.url_open(self._pop_url("+90 212 999 88 77", "c-unknown"), allow_redirects=False)
        call = self.Call.search([("call_id", "=", "c-unknown")])
        self.assertFalse(call.partner_id)
        self.assertEqual(call.match_count, 0)
        action = call.with_user(self.agent).action_quick_create_partner()
        self.assertEqual(action["context"]["default_phone"], "+902129998877")
        wizard = (
            self.env["cxm.cti.quick.partner"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"name": "New Caller"})
        )
        wizard.action_create()
        self.assertEqual(call.partner_id.name, "New Caller")
        self.assertEqual(call.partner_id.phone, "+902129998877")

    def test_ambiguous_caller_gets_a_pick_list(self):
        self.authenticate("cti_agent", "cti_agent")
        self.url_open(self._pop_url("0532 444 55 66", "c-twins"), allow_redirects=False)
        call = self.Call.search([("call_id", "=", "c-twins")])
        self.assertFalse(call.partner_id)
        self.assertEqual(call.candidate_ids, self.twin_a | self.twin_b)
        call.with_user(self.agent).partner_id = self.twin_b
        self.assertEqual(call.partner_id, self.twin_b)

    def test_one_click_picks_the_caller_of_an_ambiguous_call(self):
        call = self.Call.with_user(self.tech)._cti_register(self.instance, "c-pick", "0532 444 55 66", "A1")
        self.assertFalse(call.partner_id)
        twin = self.twin_a.with_user(self.agent).with_context(cxm_cti_call_id=call.id)
        action = twin.action_cxm_cti_pick_caller()
        self.assertEqual(call.partner_id, self.twin_a, "this is the caller")
        self.assertEqual(call.user_id, self.agent, "taken by the agent who picked")
        self.assertEqual((action["res_model"], action["res_id"]), ("cxm.cti.call", call.id))
        self.assertEqual(action["path"], "cxm-calls", "the 360° view stays in Customer Experience")
        with self.assertRaisesRegex(UserError, "not one of the customers with this number"):
            self.customer.with_user(self.agent).with_context(cxm_cti_call_id=call.id).action_cxm_cti_pick_caller()

    def test_tour_agent_picks_the_caller_in_one_click(self):
        call = self.Call.with_user(self.tech)._cti_register(self.instance, "c-tour-pick", "0532 444 55 66", "A1")
        self.start_tour(f"/odoo/cxm-calls/{call.id}", "cxm_cti_pick_caller_tour", login="cti_agent")
        self.assertEqual(call.partner_id, self.twin_b)
        self.assertEqual(call.user_id, self.agent)

    def test_opening_the_notification_takes_the_call(self):
        call = self.Call.with_user(self.tech)._cti_register(self.instance, "c-take", "+90 532 111 22 33", "A1")
        self.assertFalse(call.user_id)
        action = call.with_user(self.agent).action_cxm_take()
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(action["res_id"], call.id)
        call.with_user(self.agent2).action_cxm_take()
        self.assertEqual(call.user_id, self.agent, "the first agent keeps it")

    def test_bad_pops_are_refused_and_record_nothing(self):
        self.authenticate("cti_agent", "cti_agent")
        Log = self.env["cxm.integration.log"]
        logs_before = Log.search_count([])
        cases = [
            (self._pop_url("0532", "c-bad", secret="wrong"), 401),
            (self._pop_url("05321112233", "c-bad", ts=int(time.time()) - 3600), 401),
            (self._pop_url("05321112233", "c-bad", sig=None, ts=None), 401),
            (self._pop_url("05321112233", "c-bad", instance="nope"), 404),
            (self._pop_url("05321112233", None), 400),
            (self._pop_url("<script>", "c-bad"), 400),
            ("/cxm/cti/pop?instance=pbx-test&call_id=c-bad&token=static-token-124&caller_id=1", 401),
        ]
        for url, status in cases:
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, status, response.text)
                self.assertIn("error", response.json())
        self.assertFalse(self.Call.search([("call_id", "=", "c-bad")]))
        self.assertEqual(Log.search_count([]), logs_before + len(cases))
        # the static token works too
        ok = self.url_open(
            "/cxm/cti/pop?instance=pbx-test&call_id=c-tok&token=static-token-123&caller_id=05321112233",
            allow_redirects=False,
        )
        self.assertEqual(ok.status_code, 303)

    def test_pop_requires_a_session(self):
        response = self.url_open(self._pop_url("05321112233", "c-anon"), allow_redirects=False)
        self.assertIn(response.status_code, (303, 302))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self.Call.search([("call_id", "=", "c-anon")]))

    def test_spoofed_agent_id_never_acts_as_another_user(self):
        # agent2 opens a pop claiming to be A1 (agent)
        self.authenticate("cti_agent2", "cti_agent2")
        self.url_open(self._pop_url("05321112233", "c-spoof", agent="A1"), allow_redirects=False)
        call = self.Call.search([("call_id", "=", "c-spoof")])
        self.assertEqual(call.user_id, self.agent2, "the call is taken by the logged-in user")
        self.assertEqual(call.agent_user_id, self.agent, "the AgentID is only recorded")
        self.assertEqual(call.create_uid, self.agent2)

    def test_agent_cannot_read_other_company_calls(self):
        other_company = self.env["res.company"].create({"name": "Other CTI Co"})
        other_instance = self.env["cxm.integration.instance"].create(
            {"name": "Other PBX", "code": "pbx-test", "kind": "call_center", "company_id": other_company.id}
        )
        other_call = self.Call.create({"instance_id": other_instance.id, "call_id": "secret-call"})
        self.agent.write({"company_ids": [(4, other_company.id)]})  # even a user of both companies, working in one
        visible = self.Call.with_user(self.agent).with_context(allowed_company_ids=[self.env.company.id])
        self.assertFalse(visible.search([("call_id", "=", "secret-call")]))
        with self.assertRaises(AccessError):
            other_call.with_user(self.agent).with_context(allowed_company_ids=[self.env.company.id]).read(
                ["caller_raw"]
            )
        agent_only = new_test_user(self.env, "cti_agent_single", groups="cxm_base.group_cxm_agent")
        with self.assertRaises(AccessError):
            other_call.with_user(agent_only).read(["caller_raw"])

    def test_tour_agent_pop_creates_ticket_linked_to_call(self):
        url = self._pop_url("+905321112233", "tour-call-1")
        self.start_tour(url, "cxm_cti_pop_tour", login="cti_agent")
        call = self.Call.search([("call_id", "=", "tour-call-1")])
        self.assertEqual(len(call.ticket_ids), 1)
        self.assertEqual(call.ticket_ids.partner_id, self.customer)
        self.assertEqual(call.ticket_ids.team_id, self.team)


@tagged("post_install", "-at_install")
class TestPbxPush(CtiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.instance, "pbx", scope="cti")

    def _push(self, body, key=None):
        return self.url_open(
            "/cxm/api/v1/cti/calls",
            data=json.dumps(body),
            headers={"X-API-Key": key or self.key, "Content-Type": "application/json"},
        )

    def _bus_messages(self, partner):
        messages = self.env["bus.bus"].sudo().search([("message", "ilike", "cxm_cti/call")])
        target = [self.env.cr.dbname, "res.partner", partner.id]
        return [m for m in messages if json.loads(m.channel) == target]

    def test_call_lifecycle_reaches_the_mapped_agent_and_records_durations(self):
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=100)
        response = self._push(
            {
                "event": "started",
                "call_id": "p-1",
                "caller_id": "05321112233",
                "agent_id": "A2",
                "timestamp": start.isoformat(),
            }
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertTrue(body["notified_agent"])
        self.assertEqual(body["customer_id"], self.customer.id)
        self.assertTrue(self._bus_messages(self.agent2.partner_id), "agent A2 gets the pop-up")
        self.assertFalse(self._bus_messages(self.agent.partner_id), "nobody else does")
        answered = (start + timedelta(seconds=10)).isoformat()
        ended = (start + timedelta(seconds=70)).isoformat()
        self._push({"event": "answered", "call_id": "p-1", "timestamp": answered})
        for _ in range(3):  # redelivered end events change nothing
            response = self._push({"event": "ended", "call_id": "p-1", "timestamp": ended})
            self.assertEqual(response.status_code, 200)
        call = self.Call.search([("call_id", "=", "p-1")])
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.duration, 70)
        self.assertEqual(call.talk_duration, 60)
        self.assertEqual(call.agent_user_id, self.agent2)
        self.assertEqual(response.json()["duplicate"], True)
        self.assertEqual(len(self.env["cxm.integration.event"].search([("external_id", "=", "p-1:ended")])), 1)

    def test_bad_push_is_refused(self):
        self.assertEqual(self._push({"event": "exploded", "call_id": "p-2"}).status_code, 422)
        self.assertEqual(self._push({"event": "ended", "call_id": "p-never"}).status_code, 404)
        self.assertEqual(self._push({"event": "started", "call_id": "p-2"}, key="cxm_bad_key").status_code, 401)
        events_key = self.env["cxm.integration.api.key"]._generate(self.instance, "events", scope="events")[1]
        self.assertEqual(self._push({"event": "started", "call_id": "p-2"}, key=events_key).status_code, 401)
        self.assertFalse(self.Call.search([("call_id", "in", ("p-2", "p-never"))]))
