# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import phonenumbers

from odoo import api, fields, models


def normalize_phone(number, region_code):
    """``number`` in E.164 (``+905321234567``), or ``False`` when it cannot be
    read as a valid phone number, national numbers being read in the region
    ``region_code`` (ISO code or None). For loops that already know the
    region; a company's own region is applied by
    ``res.company._cxm_normalize_phone``."""
    if not number or not isinstance(number, str):
        return False
    try:
        parsed = phonenumbers.parse(number, region_code)
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(parsed):
        return False
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class ResCompany(models.Model):
    _inherit = "res.company"

    cxm_phone_region_id = fields.Many2one(
        comodel_name="res.country",
        string="Default Phone Region",
        compute="_compute_cxm_phone_region_id",
        store=True,
        readonly=False,
        help="Country whose numbering plan is assumed for phone numbers written "
        "without an international prefix (e.g. 0532 123 45 67). "
        "Defaults to the company's country.",
    )

    @api.depends("country_id")
    def _compute_cxm_phone_region_id(self):
        for company in self:
            if not company.cxm_phone_region_id:
                company.cxm_phone_region_id = company.country_id

    def _cxm_phone_region_code(self):
        """ISO code of the region used to read national phone numbers, or None."""
        self.ensure_one()
        return (self.cxm_phone_region_id or self.country_id).code or None

    def _cxm_normalize_phone(self, number):
        """Return ``number`` in E.164 (``+905321234567``), or ``False`` when it
        cannot be read as a valid phone number in the company's region."""
        self.ensure_one()
        return normalize_phone(number, self._cxm_phone_region_code())
