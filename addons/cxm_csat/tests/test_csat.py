# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CsatCase


@tagged("post_install", "-at_install")
class TestCsat(CsatCase):
    def _request_text(self):
        texts = [payload["text"] for _path, payload, _headers in self.fake.requests]
        self.assertTrue(texts, "the rating request went out on the chat platform")
        return texts[-1]

    def test_request_on_the_ticket_channel_and_one_digit_reply(self):
        ticket = self.open_ticket()
        self.solve(ticket)
        self.assertEqual(ticket.cxm_status_id, self.st_done)
        text = self._request_text()
        self.assertIn("1 (very bad) to 5 (very good)", text)
        token = re.search(r"/rate/([\w-]+)/3", text).group(1)
        rating = self.env["rating.rating"].search([("access_token", "=", token)])
        self.assertEqual((rating.cxm_ticket_id, rating.cxm_request_address), (ticket, "user-1"))
        tickets_before = self.env["helpdesk.ticket"].search_count([])
        results = self.receive(self.item("answer-1", text=" 4 "))
        self.assertEqual(results[0]["status"], "accepted")
        self.assertEqual((rating.rating, rating.consumed, rating.cxm_answer_channel), (4, True, "reply"))
        self.assertEqual(ticket.cxm_rating_value, 4)
        self.assertEqual(ticket.cxm_status_id, self.st_done, "a good rating moves nothing")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets_before, "the answer opened no ticket")
        answer = self.env["cxm.channel.message"].search([("external_id", "=", "answer-1")])
        self.assertEqual((answer.state, answer.ticket_id), ("received", ticket))
        # the same answer delivered again, and a later digit: the first answer counts
        self.assertEqual(self.receive(self.item("answer-1", text="1"))[0]["status"], "duplicate")
        self.receive(self.item("answer-2", text="1"))
        self.assertEqual(rating.rating, 4)
        self.assertEqual(ticket.cxm_status_id, self.st_done)

    def test_low_rating_reopens_through_the_process(self):
        ticket = self.open_ticket(address="user-2")
        self.solve(ticket)
        self.receive(self.item("low-1", address="user-2", text="2"))
        self.assertEqual(ticket.cxm_rating_value, 2)
        self.assertEqual(ticket.cxm_status_id, self.st_progress, "'On low rating' reopened the ticket")
        history = self.env["cxm.process.history"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)], order="id desc", limit=1
        )
        self.assertEqual(history.transition_id, self.tr_low)

    def test_digit_without_pending_request_is_a_message(self):
        ticket = self.open_ticket(address="user-3")
        self.receive(self.item("digit-1", address="user-3", text="5"))
        self.assertFalse(
            self.env["rating.rating"].search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        )
        self.assertIn("5", ticket.message_ids[0].body)

    def test_asked_once_per_ticket(self):
        ticket = self.open_ticket(address="user-4")
        self.solve(ticket)
        self.receive(self.item("once-1", address="user-4", text="5"))
        sent = len(self.fake.requests)
        ticket._cxm_csat_request()
        self.assertEqual(len(self.fake.requests), sent, "an answered ticket is not asked again")

    def test_email_request_when_the_ticket_has_no_messaging_channel(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "By e-mail",
                "description": "<p>x</p>",
                "partner_id": self.env["res.partner"].create({"name": "Mail customer", "email": "mc@example.com"}).id,
                "cxm_process_id": self.process.id,
            }
        )
        ticket.cxm_fire_transition(self.tr_solve.id)
        mail = self.env["mail.mail"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        rating = ticket.rating_ids
        self.assertTrue(rating.access_token and rating.access_token in (mail.body_html or ""))
        self.assertFalse(rating.cxm_request_instance_id)

    def test_refused_channel_falls_back_to_email_and_says_why(self):
        customer = self.env["res.partner"].create({"name": "Never chatted", "email": "nc@example.com"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "No chat address",
                "description": "<p>x</p>",
                "partner_id": customer.id,
                "cxm_process_id": self.process.id,
                "cxm_reply_instance_id": self.instance.id,
            }
        )
        ticket.cxm_fire_transition(self.tr_solve.id)
        self.assertFalse(self.fake.requests, "nothing went to the chat platform")
        self.assertTrue(self.env["mail.mail"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]))
        note = ticket.message_ids.filtered(lambda m: "Rating request" in (m.body or ""))
        self.assertIn("has no address", note.body)

    def test_agents_cannot_apply_a_rating(self):
        ticket = self.open_ticket(address="user-6")
        self.solve(ticket)
        rating = ticket.rating_ids
        for user in (self.agent, self.env.ref("base.user_admin")):
            with self.assertRaises(AccessError):
                ticket.with_user(user).rating_apply(5, token=rating.access_token)
            with self.assertRaises(AccessError):
                ticket.with_user(user).with_context(su=True, sudo=True).rating_apply(5, rating=rating)
        self.assertFalse(rating.consumed)
