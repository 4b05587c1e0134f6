# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException


@tagged("post_install", "-at_install")
class TestRatingPage(HttpCase):
    """The customer's rating page (public, authenticated by the rating's token): one answer counts, forged
    tokens and impossible rates are refused and change nothing; a portal tour answers through it."""

    def setUp(self):
        super().setUp()
        customer = self.env["res.partner"].create({"name": "Page customer", "email": "pc@example.com", "lang": "en_US"})
        self.ticket = self.env["helpdesk.ticket"].create(
            {"name": "Rated through the page", "description": "<p>x</p>", "partner_id": customer.id}
        )
        self.ticket._cxm_csat_request()
        self.rating = self.ticket.rating_ids
        self.assertEqual(len(self.rating), 1)

    def _submit(self, token, rate, feedback="", **extra):
        self.authenticate(None, None)
        return self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": rate, "feedback": feedback, "csrf_token": self._csrf(), **extra},
        )

    def _csrf(self):
        """The form's CSRF token, as the customer's browser gets it with the page."""
        page = self.url_open(f"/rate/{self.rating.access_token}/5").text
        return re.search(r'name="csrf_token"\s+value="([^"]+)"', page).group(1)

    def test_first_answer_counts(self):
        response = self._submit(self.rating.access_token, 1, "Nobody called me back")
        self.assertEqual(response.status_code, 200)
        self.rating.invalidate_recordset()
        self.assertEqual(
            (self.rating.rating, self.rating.feedback, self.rating.cxm_answer_channel),
            (1, "Nobody called me back", "link"),
        )
        again = self._submit(self.rating.access_token, 5, "changed my mind")
        self.assertEqual(again.status_code, 200)
        self.rating.invalidate_recordset()
        self.assertEqual((self.rating.rating, self.rating.feedback), (1, "Nobody called me back"))

    def test_forged_and_bad_answers_change_nothing(self):
        self.assertEqual(self._submit("forged-token-0000", 5).status_code, 404)
        self.assertEqual(self._submit(self.rating.access_token, 7).status_code, 400)
        self.assertEqual(self._submit(self.rating.access_token, "five").status_code, 400)
        self.assertEqual(self._submit(self.rating.access_token, 5, "a\x00b").status_code, 400)
        self.assertEqual(self.url_open(f"/rate/{self.rating.access_token}/9").status_code, 400)
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)

    def test_portal_tour_answers_with_a_comment(self):
        self.start_tour(f"/rate/{self.rating.access_token}/3", "cxm_csat_rating_tour")
        self.rating.invalidate_recordset()
        self.assertEqual((self.rating.rating, self.rating.feedback), (5, "Quick and kind, thank you"))
        self.assertEqual(self.ticket.cxm_rating_value, 5)

    def test_agents_and_managers_cannot_rate_over_any_protocol(self):
        """Attacks: an agent and a manager set the customer's rating through the web client's RPC (with a
        context that asks for superuser rights) and over JSON-2, write it and create an answered one."""
        agent = new_test_user(self.env, "csat_agent", groups="cxm_base.group_cxm_agent", password="csat-agent-pw1")
        manager = new_test_user(self.env, "csat_manager", groups="cxm_base.group_cxm_manager", password="csat-mgr-pw1")
        self.ticket.user_id = agent
        Rating = self.env["rating.rating"]
        answered_before = Rating.search_count([("res_model", "=", "helpdesk.ticket"), ("consumed", "=", True)])
        ticket_model = self.env["ir.model"]._get_id("helpdesk.ticket")
        attacks = [
            ("write", [[self.rating.id], {"rating": 5, "consumed": True, "feedback": "great"}]),
            ("create", [[{"res_model_id": ticket_model, "res_id": self.ticket.id, "rating": 5, "consumed": True}]]),
        ]
        for user, password in ((agent, "csat-agent-pw1"), (manager, "csat-mgr-pw1")):
            self.authenticate(user.login, password)
            for method, args in attacks:
                with self.assertRaises(JsonRpcException, msg=(user.login, method)):
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/rating.rating/{method}",
                        {
                            "model": "rating.rating",
                            "method": method,
                            "args": args,
                            "kwargs": {"context": {"su": True, "sudo": True, "cxm_automatic": True}},
                        },
                    )
            with self.assertRaises(JsonRpcException, msg=user.login):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw/helpdesk.ticket/rating_apply",
                    {
                        "model": "helpdesk.ticket",
                        "method": "rating_apply",
                        "args": [[self.ticket.id], 5],
                        "kwargs": {"token": self.rating.access_token},
                    },
                )
            expiry = fields.Datetime.now() + timedelta(days=1)
            key = self.env["res.users.apikeys"].with_user(user)._generate(None, "csat attack", expiry)
            headers = {"Authorization": f"bearer {key}", "X-Odoo-Database": self.env.cr.dbname}
            response = self.url_open(
                "/json/2/rating.rating/write",
                json={"ids": [self.rating.id], "vals": {"rating": 5, "consumed": True}},
                headers=headers,
            )
            self.assertEqual(response.status_code, 403, response.text[:300])
        self.rating.invalidate_recordset()
        self.assertEqual((self.rating.consumed, self.rating.rating), (False, 0))
        answered = Rating.search_count([("res_model", "=", "helpdesk.ticket"), ("consumed", "=", True)])
        self.assertEqual(answered, answered_before, "no answered rating was created")
