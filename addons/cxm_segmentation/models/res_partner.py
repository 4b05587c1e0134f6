# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_segment_member_ids = fields.One2many(
        "cxm.segment.member", "partner_id", string="Segment memberships", readonly=True
    )
    cxm_segment_ids = fields.Many2many(
        "cxm.segment",
        string="Segments",
        compute="_compute_cxm_segment_ids",
        search="_search_cxm_segment_ids",
        help="Usable in any filter on customers: routing rules, mailing lists, reports.",
    )

    def _compute_cxm_segment_ids(self):
        for partner in self:
            partner.cxm_segment_ids = partner.cxm_segment_member_ids.segment_id

    def _search_cxm_segment_ids(self, operator, value):
        return Domain("cxm_segment_member_ids.segment_id", operator, value)
