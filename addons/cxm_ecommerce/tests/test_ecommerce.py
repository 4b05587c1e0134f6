# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.cxm_channel.tests.jobs import StoredJobsMixin

from ..tools.fake_shop import FakeShop, http_call


@tagged("post_install", "-at_install")
class TestEcommerce(StoredJobsMixin, HttpCase):
    """A shop on 127.0.0.1 opens tickets about orders through the REST API and gets the answers back by
    webhook; a second shop must never see the first one's tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = FakeShop()
        cls.shop.__enter__()
        cls.addClassCleanup(cls.shop.__exit__, None, None, None)
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Shop team"})
        cls.agent = new_test_user(cls.env, "ecom_agent", groups="cxm_base.group_cxm_agent", email="ea@example.com")
        cls.team.user_ids = cls.agent
        cls.tech = new_test_user(cls.env, "ecom_tech", groups="cxm_base.group_cxm_integration")
        common = {"kind": "ecommerce", "state": "active", "user_id": cls.tech.id, "cxm_team_id": cls.team.id}
        common.update(rate_limit=0, outbox_max_attempts=3, outbox_backoff=0, cxm_thread_window=0)
        cls.instance = cls.env["cxm.integration.instance"].create(
            dict(
                common,
                name="Shop",
                code="shop",
                provider="generic",
                base_url=cls.shop.base_url,
                outbound_token=cls.shop.token,
                cxm_ecom_webhook=True,
            )
        )
        cls.other = cls.env["cxm.integration.instance"].create(dict(common, name="Other shop", code="other-shop"))
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.instance, "tests", "ecommerce")
        _rec, cls.other_key = cls.env["cxm.integration.api.key"]._generate(cls.other, "tests", "ecommerce")
        cls.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", 0)

    def setUp(self):
        super().setUp()
        self.shop.events.clear()
        self.shop.keys.clear()
        self.shop.fail_next.clear()

    def call(self, method, path, body=None, key=None, headers=None):
        """A call of the shop, from outside (without the test browser's cookie)."""
        self.env.flush_all()
        headers = dict(headers or {})
        if key is not False:
            headers["X-API-Key"] = key or self.key
        with self.allow_requests(all_requests=True):
            answer = http_call(method, f"{self.base_url()}/cxm/api{path}", body, headers)
        self.env.invalidate_all()
        return answer

    def open(self, request_id, order_ref, key=None, **kw):
        return self.call("POST", "/v1/ecommerce/tickets", FakeShop.order_request(request_id, order_ref, **kw), key)

    def test_order_ticket_answered_by_webhook(self):
        """The shop opens a ticket about an order, polls it, gets the agent's answer and the status change
        by webhook; the order is on the ticket and finds it in a search."""
        customer = self.env["res.partner"].create({"name": "Ayşe Yılmaz", "email": "ayse@example.com"})
        status, answer = self.open("req-1", "SO-2026-0042", email="Ayse@Example.com")
        self.assertEqual(status, 202, answer)
        self.assertEqual(answer["status"], "accepted")
        self.assertEqual(self.call("GET", answer["poll"].removeprefix("/cxm/api"))[1]["state"], "pending")
        self.run_jobs()
        status, polled = self.call("GET", "/v1/ecommerce/requests/req-1")
        self.assertEqual((status, polled["state"], polled["order_refs"]), (200, "open", ["SO-2026-0042"]))
        ticket = self.env["helpdesk.ticket"].search([("number", "=", polled["ticket"])])
        self.assertEqual(ticket.partner_id, customer)
        self.assertEqual(ticket.name, "Sipariş SO-2026-0042 hakkında")
        self.assertEqual(ticket.channel_id.cxm_code, "ecommerce")
        self.assertEqual(self.env["helpdesk.ticket"].search([("cxm_order_refs", "ilike", "2026-0042")]), ticket)
        order = ticket.cxm_order_ids
        self.assertEqual((order.amount, order.currency_id.name, order.line_count), (1098.9, "TRY", 2))
        self.assertIn("Kırmızı ayakkabı (AYK-42)", order.lines_summary)
        self.assertIsNone(polled["latest_answer"])

        ticket.with_user(self.agent).message_post(
            body="Eksik ürün yarın kargoda.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        ticket.with_user(self.agent).message_post(body="iç not", message_type="comment", subtype_xmlid="mail.mt_note")
        self.run_jobs()
        self.assertEqual([e["event"] for e in self.shop.events], ["ticket.answer"])
        event = self.shop.events[0]
        self.assertEqual(
            (event["ticket"], event["request_ids"], event["order_refs"], event["answer"]),
            (ticket.number, ["req-1"], ["SO-2026-0042"], "Eksik ürün yarın kargoda."),
        )
        outbound = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual(outbound.state, "sent")
        polled = self.call("GET", f"/v1/ecommerce/tickets/{ticket.number}")[1]
        self.assertEqual(polled["latest_answer"]["text"], "Eksik ürün yarın kargoda.")

        done = self.env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
        self.shop.fail_next.append(503)  # the first delivery fails: the outbox tries again
        ticket.with_context(cxm_process_bypass=True).sudo().write({"stage_id": done.id})
        self.run_jobs()
        self.assertEqual(self.shop.events[-1]["event"], "ticket.status")
        self.assertEqual(self.shop.events[-1]["state"], "closed")
        self.assertEqual(self.call("GET", f"/v1/ecommerce/tickets/{ticket.number}")[1]["state"], "closed")

    def test_replays_and_other_customers_tickets(self):
        """Replays open nothing twice; a shop sees only its tickets: an id sweep leaks nothing."""
        answers = [self.open("req-9", "SO-9", customer_id="c-9", email="c9@example.com")[1]["status"] for _ in range(3)]
        self.assertEqual(answers, ["accepted", "duplicate", "duplicate"])
        self.assertEqual(self.open(None, "SO-10", customer_id="c-9")[0], 422, "no idempotency key")
        status, _answer = self.call(
            "POST",
            "/v1/ecommerce/tickets",
            FakeShop.order_request(None, "SO-11", customer_id="c-9"),
            headers={"Idempotency-Key": "hdr-11"},
        )
        self.assertEqual(status, 202)
        # another shop, its own customer id of the same person: found by the e-mail
        self.assertEqual(
            self.open("o-1", "OTHER-1", key=self.other_key, customer_id="x-77", email="C9@example.com")[0], 202
        )
        self.run_jobs()
        mine = self.env["helpdesk.ticket"].search([("cxm_order_ids.instance_id", "=", self.instance.id)])
        self.assertEqual(len(mine), 2)
        other_ticket = self.env["helpdesk.ticket"].search([("cxm_order_ids.name", "=", "OTHER-1")])
        self.assertEqual(other_ticket.partner_id, mine.partner_id[:1], "the same customer, through another shop")
        # sweep every ticket number of the database with the first shop's key
        numbers = self.env["helpdesk.ticket"].search([]).mapped("number")
        seen = {n for n in numbers if self.call("GET", f"/v1/ecommerce/tickets/{n}")[0] == 200}
        self.assertEqual(seen, set(mine.mapped("number")))
        self.assertEqual(self.call("GET", f"/v1/ecommerce/tickets/{other_ticket.number}")[1]["error"], "not_found")
        self.assertEqual(self.call("GET", "/v1/ecommerce/requests/o-1")[0], 404)
        self.assertEqual(self.call("GET", "/v1/ecommerce/requests/o-1", key=self.other_key)[0], 200)

    def test_bad_input_is_a_clear_4xx_and_changes_nothing(self):
        _rec, social_scope = self.env["cxm.integration.api.key"]._generate(self.instance, "events", "events")
        good = FakeShop.order_request("bad-1", "SO-1")
        cases = [
            ("POST", "/v1/ecommerce/tickets", good, False, 401, "unauthorized"),
            ("POST", "/v1/ecommerce/tickets", good, "cxm_aaaaaaaaaaaa_forged", 401, "unauthorized"),
            ("POST", "/v1/ecommerce/tickets", good, social_scope, 401, "unauthorized"),
            ("POST", "/v1/ecommerce/tickets", b'{"request_id": ', None, 400, "invalid_json"),
            ("POST", "/v1/ecommerce/tickets", dict(good, text="a\u0000b"), None, 400, None),
            ("POST", "/v1/ecommerce/tickets", dict(good, order={"ref": ""}), None, 422, "invalid"),
            ("POST", "/v1/ecommerce/tickets", dict(good, order=dict(good["order"], amount=-5)), None, 422, "invalid"),
            ("POST", "/v1/ecommerce/tickets", dict(good, customer={}), None, 422, "invalid"),
            ("POST", "/v1/ecommerce/tickets", dict(good, request_id="a/b"), None, 422, "invalid"),
            ("GET", "/v1/ecommerce/tickets/NOPE-1", None, None, 404, "not_found"),
            ("GET", "/v1/ecommerce/requests/unknown", None, None, 404, "not_found"),
            ("GET", "/v1/ecommerce/tickets/%00", None, None, 400, None),
        ]
        for method, path, body, key, status, error in cases:
            with self.subTest(path=path, status=status, error=error):
                got, answer = self.call(method, path, body, key=key)
                self.assertEqual(got, status, answer)
                if error:
                    self.assertEqual(answer["error"], error)
                self.assertTrue(answer["detail"])
        self.assertFalse(self.env["cxm.channel.message"].search([("instance_id", "=", self.instance.id)]))
        self.assertFalse(self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)]))

    def test_agent_finds_the_ticket_by_order_reference(self):
        self.open("req-ui", "SO-2026-0077")
        self.open("req-ui-2", "SO-2026-0078", customer_id="c-2")
        self.run_jobs()
        self.start_tour(
            "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action", "cxm_ecommerce_order_search_tour", login="ecom_agent"
        )
