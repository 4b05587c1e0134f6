# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmSegmentHistory(models.Model):
    """Who entered, left or moved between the segments of a segmentation, and when."""

    _name = "cxm.segment.history"
    _description = "Segment history"
    _order = "date desc, id desc"

    segmentation_id = fields.Many2one("cxm.segmentation", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade", index=True)
    from_segment_id = fields.Many2one("cxm.segment", string="From", ondelete="set null")
    to_segment_id = fields.Many2one("cxm.segment", string="To", ondelete="set null")
    date = fields.Datetime(required=True, index=True)
    move = fields.Selection([("entry", "Entry"), ("exit", "Exit"), ("move", "Move")], required=True)
    company_id = fields.Many2one("res.company", index=True, help="The segmentation's company.")
