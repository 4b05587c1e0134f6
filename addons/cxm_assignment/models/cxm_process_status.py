# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmProcessStatus(models.Model):
    _inherit = "cxm.process.status"

    cxm_assign_on_entry = fields.Boolean(
        string="To assign",
        help="An unassigned status: a ticket that returns here loses its assignee and is handed out again "
        "by its team's assignment policy (e.g. back to the queue).",
    )
