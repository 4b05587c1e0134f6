# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmSegmentMember(models.Model):
    """A customer in a segment: one row per customer and segmentation, written by the recomputation."""

    _name = "cxm.segment.member"
    _description = "Segment member"
    _order = "segmentation_id, segment_id, partner_id"
    _rec_name = "segment_id"

    segmentation_id = fields.Many2one("cxm.segmentation", required=True, ondelete="cascade", index=True)
    segment_id = fields.Many2one("cxm.segment", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade", index=True)
    date_entered = fields.Datetime(string="In the segment since", readonly=True)
    company_id = fields.Many2one("res.company", index=True, help="The segmentation's company.")
    color = fields.Integer(related="segment_id.color")

    _segmentation_partner_unique = models.Constraint(
        "UNIQUE (segmentation_id, partner_id)", "A customer is in at most one segment of a segmentation."
    )
