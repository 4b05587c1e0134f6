# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.sms_api import SmsApiCxm
from ..tools.twilio import CxmSmsApiTwilio


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        selection_add=[("cxm", "Send via a CXM SMS instance")], ondelete={"cxm": "set default"}
    )
    cxm_sms_instance_id = fields.Many2one(
        "cxm.integration.instance",
        string="Default SMS Instance",
        domain="[('kind', '=', 'sms'), ('company_id', '=', id)]",
        help="Instance that sends the company's SMS when they do not belong to a conversation of another instance.",
    )

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.sms_provider == "twilio":
            return CxmSmsApiTwilio  # sms_twilio's API over the company's Twilio instance, when there is one
        if self.sms_provider == "cxm":
            return SmsApiCxm
        return super()._get_sms_api_class()
