# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import gsm

ENCODING_LABELS = {gsm.GSM7: "GSM-7", gsm.UCS2: "UCS-2"}


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    cxm_sms_instance_id = fields.Many2one("cxm.integration.instance", compute="_compute_cxm_sms_instance_id")
    cxm_sms_info = fields.Char(string="Length", compute="_compute_cxm_sms_info")

    @api.depends("res_model", "res_id")
    def _compute_cxm_sms_instance_id(self):
        for composer in self:
            company = self.env.company
            composer.cxm_sms_instance_id = company.cxm_sms_instance_id if company.sms_provider == "cxm" else False

    @api.depends("body", "cxm_sms_instance_id")
    def _compute_cxm_sms_info(self):
        for composer in self:
            instance = composer.cxm_sms_instance_id
            shift = bool(instance and instance.sms_turkish_shift and instance._cxm_sms_adapter().turkish_shift)
            info = gsm.sms_info(composer.body or "", turkish_shift=shift)
            encoding = (
                self.env._("GSM-7 with Turkish characters")
                if info["encoding"] == gsm.GSM7_TR
                else ENCODING_LABELS[info["encoding"]]
            )
            composer.cxm_sms_info = self.env._(
                "%(units)s characters, %(parts)s SMS (%(encoding)s, %(per_part)s a part, %(remaining)s left)",
                units=info["units"],
                parts=info["parts"],
                encoding=encoding,
                per_part=info["per_part"],
                remaining=info["remaining"],
            )
