# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_certificate_ids = fields.One2many("cxm.certificate", "partner_id", string="Certificates")
    cxm_certificate_count = fields.Integer(string="Valid Certificates", compute="_compute_cxm_certificate_count")

    @api.depends("cxm_certificate_ids.expiry_date")
    def _compute_cxm_certificate_count(self):
        for partner in self:
            partner.cxm_certificate_count = len(partner.cxm_certificate_ids.filtered("is_valid"))

    def _cxm_valid_certificates(self, kind="design_training"):
        """Valid certificates of these contacts for trainings of ``kind``."""
        return self.env["cxm.certificate"].search(
            [("partner_id", "in", self.ids), ("service_kind", "=", kind), ("is_valid", "=", True)]
        )
