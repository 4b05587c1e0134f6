# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_created_channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Created from Channel",
        readonly=True,
        copy=False,
        help="Set when the customer was created by a message from an unknown sender on this channel.",
    )
