# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request

#: what only the customer's answer (through the rating page or a channel reply) may set
ANSWER_FIELDS = {"rating", "feedback", "consumed"}


class RatingRating(models.Model):
    """Ticket ratings carry what reporting groups them by (agent, team, category, channel), frozen when the
    request is made, and the channel the request went out on."""

    _inherit = "rating.rating"

    cxm_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", compute="_compute_cxm_ticket", store=True, index="btree_not_null"
    )
    cxm_team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    cxm_category_id = fields.Many2one("helpdesk.ticket.category", string="Category", readonly=True)
    cxm_channel_id = fields.Many2one("helpdesk.ticket.channel", string="Channel", readonly=True)
    cxm_request_instance_id = fields.Many2one(
        "cxm.integration.instance",
        string="Asked on",
        readonly=True,
        help="The messaging instance the rating request was sent on; empty: by e-mail.",
    )
    cxm_request_date = fields.Datetime(string="Asked at", readonly=True)
    cxm_request_address = fields.Char(
        string="Asked at address", readonly=True, help="Phone number the SMS/WhatsApp request went to."
    )
    cxm_answer_channel = fields.Selection(
        [("link", "Rating page"), ("reply", "Channel reply")], string="Answered through", readonly=True
    )

    @api.depends("res_model", "res_id")
    def _compute_cxm_ticket(self):
        for rating in self:
            rating.cxm_ticket_id = rating.res_id if rating.res_model == "helpdesk.ticket" else False

    @api.model_create_multi
    def create(self, vals_list):
        ticket_model = self.env["ir.model"]._get_id("helpdesk.ticket")
        if any(vals.get("res_model_id") == ticket_model and ANSWER_FIELDS & set(vals) for vals in vals_list):
            self._cxm_check_answer_access()
        ratings = super().create(vals_list)
        ratings._cxm_freeze_dimensions()
        return ratings

    def _cxm_freeze_dimensions(self):
        for rating in self.sudo().filtered("cxm_ticket_id"):
            ticket = rating.cxm_ticket_id
            rating.write(
                {
                    "cxm_team_id": ticket.team_id.id,
                    "cxm_category_id": ticket.category_id.id,
                    "cxm_channel_id": ticket.channel_id.id,
                }
            )

    def write(self, vals):
        if ANSWER_FIELDS & set(vals) and self.filtered(lambda r: r.res_model == "helpdesk.ticket"):
            self._cxm_check_answer_access()
        return super().write(vals)

    def _cxm_check_answer_access(self):
        """A ticket's rating is the customer's answer. In a user's request (web client, JSON-2, XML-RPC,
        JSON-RPC) nobody sets it, managers included: only the customer's own paths do, as the server,
        after checking the rating's token (rating page) or the sender (channel reply). Server-side code
        without a request (tests, scripts of the administrator) is not a caller and keeps Odoo's rules."""
        if request and not self.env.su:
            raise AccessError(self.env._("Only the customer can rate a ticket."))
