# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PARAM = "cxm_consent_mass_mailing.campaigns_without_consent"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cxm_campaigns_without_consent = fields.Boolean(
        string="New campaigns reach addresses never asked",
        config_parameter=PARAM,
        help="Opt-out rules: new mailings start with 'Consent required' unticked, so they reach every address "
        "that has not withdrawn (refusals and blocklists still apply). Leave it off where commercial "
        "messages need a recorded approval (Turkey's İYS, the EU's e-privacy rules).",
    )
