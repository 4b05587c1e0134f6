# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.cxm_process.tests.common import working_calendar

from .common import ChatbotCase, http_call


@tagged("post_install", "-at_install")
class TestChatbotApi(ChatbotCase):
    """An external chatbot over REST: identify, list, open, write, close; and what it must never see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech = new_test_user(cls.env, "bot_tech", groups="cxm_base.group_cxm_integration")
        Instance = cls.env["cxm.integration.instance"]
        common = {"kind": "chat", "provider": "generic", "state": "active", "user_id": cls.tech.id, "rate_limit": 0}
        cls.bot = Instance.create(dict(common, name="Bot", code="bot", cxm_team_id=cls.team.id))
        cls.other_bot = Instance.create(dict(common, name="Other bot", code="other-bot"))
        cls.shop = Instance.create(dict(common, name="Shop", code="bot-shop", kind="ecommerce"))
        Key = cls.env["cxm.integration.api.key"]
        cls.key = Key._generate(cls.bot, "tests", "chatbot")[1]
        cls.other_key = Key._generate(cls.other_bot, "tests", "chatbot")[1]
        cls.events_key = Key._generate(cls.bot, "tests", "events")[1]
        cls.shop_key = Key._generate(cls.shop, "tests", "chatbot")[1]
        cls.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", 0)
        # Mehmet's ticket, opened by e-mail: the bot talking to Ayşe must never see it
        cls.mehmet_ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Mehmet's invoice", "description": "x", "partner_id": cls.mehmet.id}
        )

    def call(self, method, path, body=None, key=None, headers=None):
        self.env.flush_all()
        headers = dict(headers or {})
        if key is not False:
            headers["X-API-Key"] = key or self.key
        with self.allow_requests(all_requests=True):
            answer = http_call(method, f"{self.base_url()}/cxm/api/v1/chatbot{path}", body, headers)
        self.env.invalidate_all()
        return answer

    def identify(self, key=None, **body):
        return self.call("POST", "/customers/identify", body, key=key)

    def open(self, handle, idem, text="Kargom gelmedi", key=None, **body):
        return self.call(
            "POST", f"/customers/{handle}/tickets", {"text": text, **body}, key=key, headers={"Idempotency-Key": idem}
        )

    def tickets(self, partner):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", partner.id)])

    # ------------------------------------------------------------------ end to end
    def test_identify_open_write_answer_close(self):
        status, body = self.identify(phone="0532 111 22 33")
        self.assertEqual(status, 200, body)
        self.assertEqual((body["name"], body["open_tickets"], body["created"]), ("Ayşe", 0, False))
        self.assertLess(len(body["say"]), 120)
        handle = body["customer"]
        self.assertEqual(self.identify(email="ayse@example.com")[1]["customer"], handle, "one handle per customer")

        status, opened = self.open(handle, "conv-1", subject="Kargo gecikmesi", transcript="bot: Merhaba")
        self.assertEqual(status, 201, opened)
        ticket = self.tickets(self.ayse)
        self.assertEqual(opened["number"], ticket.number)
        self.assertEqual((ticket.name, ticket.channel_id, ticket.team_id), ("Kargo gecikmesi", self.chat, self.team))
        self.assertIn("Kargom gelmedi", ticket.description)
        self.assertIn("bot: Merhaba", ticket.description)
        self.assertIn(ticket.number, opened["say"])
        # a replay answers the same ticket and opens nothing
        status, replay = self.open(handle, "conv-1")
        self.assertEqual((status, replay["number"]), (200, ticket.number))
        self.assertEqual(len(self.tickets(self.ayse)), 1)
        # the same key for another customer is another request: it never answers Ayşe's ticket
        mehmet = self.identify(email="mehmet@example.com")[1]["customer"]
        status, other = self.open(mehmet, "conv-1")
        self.assertEqual(status, 201, other)
        self.assertNotEqual(other["number"], ticket.number)
        self.assertEqual(self.env["helpdesk.ticket"].search([("number", "=", other["number"])]).partner_id, self.mehmet)

        status, listed = self.call("GET", f"/customers/{handle}/tickets")
        self.assertEqual(status, 200, listed)
        self.assertEqual([t["number"] for t in listed["tickets"]], [ticket.number])
        self.assertEqual(listed["tickets"][0]["state"], "open")

        path = f"/customers/{handle}/tickets/{ticket.number}/messages"
        status, _body = self.call("POST", path, {"text": "Hâlâ bekliyorum"}, headers={"Idempotency-Key": "m-1"})
        self.assertEqual(status, 200, _body)
        self.call("POST", path, {"text": "Hâlâ bekliyorum"}, headers={"Idempotency-Key": "m-1"})
        posted = ticket.message_ids.filtered(lambda m: "Hâlâ bekliyorum" in (m.body or ""))
        self.assertEqual(len(posted), 1, "a replayed message is written once")
        self.assertEqual(posted.author_id, self.ayse)

        ticket.with_user(self.agent).message_post(
            body="Kargonuz yarın teslim edilecek.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        status, detail = self.call("GET", f"/customers/{handle}/tickets/{ticket.number}")
        self.assertEqual(status, 200, detail)
        self.assertEqual(detail["latest_answer"]["text"], "Kargonuz yarın teslim edilecek.")
        self.assertIn("Kargonuz yarın teslim edilecek.", detail["say"])

        status, closed = self.call("POST", f"/customers/{handle}/tickets/{ticket.number}/close")
        self.assertEqual((status, closed["state"]), (200, "closed"), closed)
        self.assertTrue(ticket.stage_id.closed)
        status, refused = self.call("POST", path, {"text": "Bir şey daha"}, headers={"Idempotency-Key": "m-2"})
        self.assertEqual((status, refused["error"]), (409, "closed"))
        self.assertEqual(self.call("GET", f"/customers/{handle}/tickets")[1]["tickets"], [])

    def test_unknown_customer_and_creation(self):
        status, body = self.identify(email="nobody@example.com")
        self.assertEqual((status, body["error"]), (404, "not_found"))
        status, body = self.identify(phone="+90 555 000 11 22", name="Zeynep Demir", create=True)
        self.assertEqual((status, body["created"], body["name"]), (200, True, "Zeynep"), body)
        partner = self.env["res.partner"].search([("name", "=", "Zeynep Demir")])
        self.assertEqual(partner.cxm_created_channel_id, self.chat)
        # the bot's own key for her finds her next time
        status, again = self.identify(phone="+905550001122", external_key="crm-42")
        self.assertEqual((status, again["created"]), (200, False))
        self.assertEqual(again["customer"], "crm-42")
        self.assertEqual(self.identify(external_key="crm-42")[1]["name"], "Zeynep")
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "Zeynep Demir")]), 1)

    def test_close_follows_the_process(self):
        stage_new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        stage_awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        stage_done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        process = self.env["cxm.process"].create(
            {
                "name": "Bot process",
                "model": "helpdesk.ticket",
                "resource_calendar_id": working_calendar(self.env, "Bot 24/7").id,
            }
        )
        Status = self.env["cxm.process.status"]
        st_new, st_wait, st_done = Status.create(
            [
                {"process_id": process.id, "sequence": 1, "ticket_stage_id": stage_new.id},
                {"process_id": process.id, "sequence": 2, "ticket_stage_id": stage_awaiting.id},
                {"process_id": process.id, "sequence": 3, "ticket_stage_id": stage_done.id, "is_closing": True},
            ]
        )
        Transition = self.env["cxm.process.transition"]
        wait = Transition.create(
            {
                "process_id": process.id,
                "name": "Wait",
                "from_status_ids": [Command.set(st_new.ids)],
                "to_status_id": st_wait.id,
            }
        )
        Transition.create(
            {
                "process_id": process.id,
                "name": "Customer closes",
                "from_status_ids": [Command.set(st_wait.ids)],
                "to_status_id": st_done.id,
                "group_ids": [Command.set(self.env.ref("cxm_base.group_cxm_integration").ids)],
            }
        )
        process.action_activate()
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Process", "description": "x", "partner_id": self.ayse.id, "cxm_process_id": process.id}
        )
        handle = self.identify(email="ayse@example.com")[1]["customer"]
        status, body = self.call("POST", f"/customers/{handle}/tickets/{ticket.number}/close")
        self.assertEqual((status, body["error"]), (409, "not_closable"), body)
        self.assertIn(ticket.number, body["detail"])
        self.assertEqual(ticket.stage_id, stage_new, "a refused close changes nothing")
        ticket.cxm_fire_transition(wait.id)
        status, body = self.call("POST", f"/customers/{handle}/tickets/{ticket.number}/close")
        self.assertEqual((status, body["state"]), (200, "closed"), body)
        self.assertEqual(ticket.stage_id, stage_done)
        history = self.env["cxm.process.history"].search([("ticket_id", "=", ticket.id)])
        self.assertIn("Customer closes", history.mapped("transition_id.name"))
        self.assertEqual(history.filtered(lambda h: h.to_status_id == st_done).user_id, self.tech)

    # ------------------------------------------------------------------ attacks
    def test_keys_and_scopes(self):
        for key, expected in (
            (False, 401),
            ("cxm_forged_0000000000000000", 401),
            (self.key[:-2] + "xx", 401),
            (self.events_key, 401),  # a key of the right instance with another scope
            (self.shop_key, 403),  # a chatbot key of an instance that is not a chat
        ):
            status, body = self.identify(key=key, email="ayse@example.com")
            self.assertEqual(status, expected, (key, body))
            self.assertIn(body["error"], ("unauthorized", "wrong_instance"))
        self.assertFalse(self.env["cxm.partner.identity"].search([("source_id", "in", (self.bot | self.shop).ids)]))

    def test_id_sweeps_leak_nothing(self):
        handle = self.identify(email="ayse@example.com")[1]["customer"]
        self.open(handle, "sweep-1")
        mine = self.tickets(self.ayse)
        others = self.env["helpdesk.ticket"].search([("partner_id", "!=", self.ayse.id)])
        self.assertIn(self.mehmet_ticket, others)
        for ticket in others:
            for method, suffix, body in (
                ("GET", "", None),
                ("POST", "/messages", {"text": "x"}),
                ("POST", "/close", None),
            ):
                status, answer = self.call(
                    method,
                    f"/customers/{handle}/tickets/{ticket.number}{suffix}",
                    body,
                    headers={"Idempotency-Key": f"s-{ticket.id}"},
                )
                self.assertEqual((status, answer["error"]), (404, "not_found"), (ticket.number, suffix))
        self.assertFalse(self.mehmet_ticket.stage_id.closed)
        self.assertFalse(self.mehmet_ticket.message_ids.filtered(lambda m: m.body == "<p>x</p>"))
        # another bot knows neither the handle nor the ticket
        for path in (f"/customers/{handle}/tickets", f"/customers/{handle}/tickets/{mine.number}"):
            status, answer = self.call("GET", path, key=self.other_key)
            self.assertEqual(status, 404, path)
        status, _answer = self.open(handle, "sweep-other", key=self.other_key)
        self.assertEqual(status, 404)
        # guessed handles and partner ids
        for guess in ("bot-x", str(self.ayse.id), str(self.mehmet.id), "mehmet@example.com"):
            self.assertEqual(self.call("GET", f"/customers/{guess}/tickets")[0], 404, guess)
        self.assertEqual(len(self.tickets(self.ayse)), 1)

    def test_bad_input_changes_nothing(self):
        handle = self.identify(email="ayse@example.com")[1]["customer"]
        path = f"/customers/{handle}/tickets"
        cases = [
            (b'{"text": "x"', {"Idempotency-Key": "b-1"}, 400, "invalid_json"),
            (b'{"text": "a\\u0000b"}', {"Idempotency-Key": "b-2"}, 400, None),
            ({"text": "x"}, {}, 422, "invalid"),  # no Idempotency-Key
            ({"text": ""}, {"Idempotency-Key": "b-3"}, 422, "invalid"),
            ({"text": "\f \n"}, {"Idempotency-Key": "b-6"}, 422, "invalid"),  # found by the suite's fuzzer
            ({"text": "x", "priority": "3"}, {"Idempotency-Key": "b-4"}, 422, "invalid"),
            (b"[1, 2]", {"Idempotency-Key": "b-5"}, 422, "invalid"),
        ]
        for body, headers, expected, error in cases:
            status, answer = self.call("POST", path, body, headers=headers)
            self.assertEqual(status, expected, (body, answer))
            if error:
                self.assertEqual(answer["error"], error)
        self.assertFalse(self.tickets(self.ayse))
        status, answer = self.identify()
        self.assertEqual((status, answer["error"]), (422, "invalid"))
        status, answer = self.identify(phone="x" * 40)
        self.assertEqual(status, 422)
        status, answer = self.call("GET", "/customers/unknown/tickets/HT999999")
        self.assertEqual((status, answer["error"]), (404, "not_found"))
        logs = self.env["cxm.integration.log"].search([("instance_id", "=", self.bot.id)])
        self.assertTrue(logs, "every call is in the API log")

    def test_rate_limit_and_replays(self):
        self.bot.rate_limit = 4
        handle = self.identify(email="ayse@example.com")[1]["customer"]
        statuses = [self.open(handle, "same-key")[0] for _ in range(4)]
        self.assertEqual(statuses, [201, 200, 200, 429], "replays answer the first ticket; then the limit holds")
        self.assertEqual(len(self.tickets(self.ayse)), 1)
