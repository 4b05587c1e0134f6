# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmSegmentation(models.Model):
    _inherit = "cxm.segmentation"

    def _cxm_recompute_one(self, partner_ids):
        """The mailing lists of the segments follow their membership as soon as customers move."""
        moves = super()._cxm_recompute_one(partner_ids)
        if moves:
            lists = self.env["mailing.list"].sudo().search([("cxm_segment_id", "in", self.segment_ids.ids)])
            lists.action_sync()
        return moves
