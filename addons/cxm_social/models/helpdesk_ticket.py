# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.connector import PUBLIC_STATES


class HelpdeskTicket(models.Model):
    """What a social post or public complaint tells about its ticket (stored: searchable, in reports)."""

    _inherit = "helpdesk.ticket"

    cxm_social_platform = fields.Char(string="Platform", readonly=True, index="btree_not_null")
    cxm_social_kind = fields.Selection(
        [("post", "Post"), ("mention", "Mention"), ("message", "Direct message"), ("complaint", "Complaint")],
        string="Post Type",
        readonly=True,
    )
    cxm_social_post_id = fields.Char(string="Post ID", readonly=True, copy=False, index="btree_not_null")
    cxm_social_url = fields.Char(string="Public URL", readonly=True)
    cxm_social_public = fields.Boolean(string="Public Post", readonly=True)
    cxm_social_handle = fields.Char(string="Author Handle", readonly=True)
    cxm_social_author_url = fields.Char(string="Author Profile", readonly=True)
    cxm_social_public_state = fields.Selection(
        [(state, label) for state, label in zip(PUBLIC_STATES, ("Open", "Answered", "Resolved"), strict=True)],
        string="Public State",
        readonly=True,
        index="btree_not_null",
        help="State of the complaint on the complaint site: resolved is the customer's decision (a rating or "
        "a thank-you), never the agent's.",
    )
    cxm_social_rating = fields.Selection(
        [(str(n), str(n)) for n in range(6)],
        string="Public Rating",
        readonly=True,
        help="The customer's rating on the complaint site: 0 to 5 stars.",
    )
    cxm_social_reply_public = fields.Boolean(
        string="Reply Publicly", help="Replies go out as a public answer; unticked: as a private message."
    )
    cxm_social_reply_on_platform = fields.Boolean(
        string="Replies on the Platform",
        readonly=True,
        help="The platform takes no replies through its API: agents answer on the platform.",
    )
