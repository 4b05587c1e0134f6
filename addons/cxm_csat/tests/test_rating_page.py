# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged


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
