# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmHelpdeskRoutingRule(models.Model):
    _inherit = "cxm.helpdesk.routing.rule"

    cxm_segment_ids = fields.Many2many(
        "cxm.segment",
        string="Customer segments",
        help="Only tickets of customers in one of these segments (or whose company is) follow this rule; "
        "empty: every customer.",
    )

    def _cxm_for_partner(self, partner_id):
        rules = super()._cxm_for_partner(partner_id)
        if not any(rules.mapped("cxm_segment_ids")):
            return rules
        partner = self.env["res.partner"].sudo().browse(partner_id) if partner_id else self.env["res.partner"]
        # read as the system: routing is the system's doing (see helpdesk_ticket._cxm_reroute)
        segments = (partner | partner.commercial_partner_id).sudo().cxm_segment_member_ids.segment_id
        return rules.filtered(lambda rule: not rule.cxm_segment_ids or rule.cxm_segment_ids & segments)
