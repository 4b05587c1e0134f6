# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket_team import PROCESS_DOMAIN


class ResCompany(models.Model):
    _inherit = "res.company"

    cxm_default_ticket_process_id = fields.Many2one(
        "cxm.process",
        string="Default ticket process",
        domain=PROCESS_DOMAIN,
        help="Process of new tickets whose team has no default process and that no routing rule routes. "
        "Empty: such tickets follow no process (plain helpdesk stages).",
    )
