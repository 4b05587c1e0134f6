# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cxm_sms_instance_id = fields.Many2one(related="company_id.cxm_sms_instance_id", readonly=False)
