# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    cxm_segment_ids = fields.Many2many(
        "cxm.segment",
        string="Segments",
        help="Customers in any of these segments when the campaign is sent (on top of the mailing's filter). "
        "Campaign results are reported by segment.",
    )

    @api.constrains("cxm_segment_ids", "mailing_model_id")
    def _check_cxm_segment_ids(self):
        for mailing in self:
            if mailing.cxm_segment_ids and mailing.mailing_model_real != "res.partner":
                raise ValidationError(self.env._("Segments target customers: choose the Contact recipients."))

    def _get_recipients_domain(self):
        domain = super()._get_recipients_domain()
        if self.cxm_segment_ids and self.mailing_model_real == "res.partner":
            domain &= Domain("cxm_segment_member_ids.segment_id", "in", self.cxm_segment_ids.ids)
        return domain
