# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmPartnerIdentity(models.Model):
    _inherit = "cxm.partner.identity"

    payload_hash = fields.Char(
        help="Digest of the last record accepted for this external key: the same record re-sent is a no-op."
    )
