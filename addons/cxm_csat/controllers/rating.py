# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's public rating page (authenticated by the rating's unguessable access token), with the suite's
answer to bad input: an impossible rate is a 400, not a server error."""

from werkzeug.exceptions import BadRequest

from odoo import http

from odoo.addons.rating.controllers.main import Rating
from odoo.addons.rating.models.rating_data import RATING_HAPPY_VALUE, RATING_NEUTRAL_VALUE, RATING_UNHAPPY_VALUE

RATES = (RATING_HAPPY_VALUE, RATING_NEUTRAL_VALUE, RATING_UNHAPPY_VALUE)


def _rate(value):
    try:
        rate = int(value)
    except (TypeError, ValueError):
        raise BadRequest("rate must be 1, 3 or 5") from None
    if rate not in RATES:
        raise BadRequest("rate must be 1, 3 or 5")
    return rate


class CxmRating(Rating):
    @http.route()
    def action_open_rating(self, token, rate, **kwargs):
        return super().action_open_rating(token, _rate(rate), **kwargs)

    @http.route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        if http.request.httprequest.method == "POST":
            rate = _rate(rate)
            feedback = kwargs.get("feedback")
            if feedback is not None and (not isinstance(feedback, str) or "\x00" in feedback or len(feedback) > 5000):
                raise BadRequest("feedback must be a text of at most 5,000 characters")
        return super().action_submit_rating(token, rate=rate, **kwargs)
