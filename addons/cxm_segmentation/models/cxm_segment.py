# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# RFM presets: (recency score, frequency score) bounds on the built-in quintile scores (1-5)
RFM_PRESETS = {
    "champions": {"rfm_r": (4, 5), "rfm_f": (4, 5)},
    "loyal": {"rfm_r": (3, 5), "rfm_f": (3, 5)},
    "new": {"rfm_r": (4, 5), "rfm_f": (1, 1)},
    "at_risk": {"rfm_r": (1, 2), "rfm_f": (3, 5)},
    "hibernating": {"rfm_r": (1, 2), "rfm_f": (1, 2)},
}
RFM_KPIS = {"rfm_r": "cxm_kpi.kpi_rfm_recency", "rfm_f": "cxm_kpi.kpi_rfm_frequency"}


class CxmSegment(models.Model):
    """One segment of a segmentation: a rule on customer fields and KPI values, or an RFM preset."""

    _name = "cxm.segment"
    _description = "Customer segment"
    _order = "segmentation_id, sequence, id"

    segmentation_id = fields.Many2one("cxm.segmentation", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Segments are tried in this order: the first match wins.")
    color = fields.Integer()
    rule_type = fields.Selection([("domain", "Rule"), ("rfm", "RFM preset")], required=True, default="domain")
    rfm_preset = fields.Selection(
        [
            ("champions", "Champions"),
            ("loyal", "Loyal"),
            ("new", "New"),
            ("at_risk", "At risk"),
            ("hibernating", "Hibernating"),
        ],
        string="RFM preset",
    )
    domain = fields.Char(
        string="Rule",
        default="[]",
        help="Customers matching this filter (customer fields and KPI values) belong to the segment.",
    )
    member_ids = fields.One2many("cxm.segment.member", "segment_id", string="Members")
    member_count = fields.Integer(string="Customers", compute="_compute_member_count")
    company_id = fields.Many2one(related="segmentation_id.company_id", store=True)

    def _compute_member_count(self):
        counts = dict(
            self.env["cxm.segment.member"]._read_group([("segment_id", "in", self.ids)], ["segment_id"], ["__count"])
        )
        for segment in self:
            segment.member_count = counts.get(segment, 0)

    @api.constrains("rule_type", "rfm_preset", "domain")
    def _check_rule(self):
        for segment in self:
            if segment.rule_type == "rfm" and not segment.rfm_preset:
                raise ValidationError(self.env._("Segment %(name)s needs an RFM preset.", name=segment.name))
            if segment.rule_type == "domain":
                try:
                    self.env["res.partner"]._search(segment._cxm_domain())
                except (ValueError, SyntaxError, KeyError) as error:
                    raise ValidationError(
                        self.env._(
                            "The rule of segment %(name)s is not valid: %(error)s", name=segment.name, error=error
                        )
                    ) from error

    def _cxm_domain(self):
        """The customers of this segment, as a domain on res.partner."""
        self.ensure_one()
        if self.rule_type == "rfm":
            domain = Domain.TRUE
            for code, (low, high) in RFM_PRESETS[self.rfm_preset].items():
                kpi = self.env.ref(RFM_KPIS[code])
                domain &= Domain(
                    "cxm_kpi_value_ids",
                    "any",
                    [("kpi_id", "=", kpi.id), ("value", ">=", low), ("value", "<=", high)],
                )
            return domain
        return Domain(ast.literal_eval(self.domain or "[]"))

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_segmentation.cxm_segment_member_action")
        action["domain"] = [("segment_id", "=", self.id)]
        return action
