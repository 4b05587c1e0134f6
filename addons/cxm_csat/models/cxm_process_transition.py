# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcessTransition(models.Model):
    """Satisfaction in the process: a transition can ask the customer for a rating, and a low rating can
    fire a transition (e.g. reopen the ticket for a supervisor)."""

    _inherit = "cxm.process.transition"

    trigger = fields.Selection(selection_add=[("low_rating", "On low rating")], ondelete={"low_rating": "cascade"})
    cxm_rating_max = fields.Integer(
        string="Rating at most",
        default=2,
        help="For 'On low rating': fires when the customer's rating (1 to 5) is at most this value.",
    )
    cxm_request_rating = fields.Boolean(
        string="Ask for a rating",
        help="After the move, ask the customer to rate the service on the ticket's channel (e-mail link, or a "
        "1-5 reply by SMS or WhatsApp).",
    )

    def _cxm_has_actions(self):
        return super()._cxm_has_actions() or self.cxm_request_rating
