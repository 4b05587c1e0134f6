# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import re

import phonenumbers
from phonenumbers import phonenumberutil
from phonenumbers.phonemetadata import PhoneMetadata

from odoo import api, fields, models

# digits with the usual separators, optionally led by "+": the common shapes that
# _fast_e164 reads without phonenumbers' general parser
_PLAIN_NUMBER = re.compile(r"\+?[0-9][0-9 ().\-/]{6,24}")
_SEPARATORS = re.compile(r"[ ().\-/]")
_NOT_POSSIBLE = (
    phonenumberutil.ValidationResult.TOO_SHORT,
    phonenumberutil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    phonenumberutil.ValidationResult.INVALID_LENGTH,
)
_TYPE_DESCS = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


@functools.cache
def _region_rules(region_code):
    """What _fast_e164 needs of a region's numbering plan, or None when the
    region shares its calling code (then the general parser decides which
    region a number belongs to). The validity test is phonenumbers' own
    (_number_type_helper: the general pattern, then any number type), with
    the patterns compiled once and grouped by number length."""
    metadata = PhoneMetadata.metadata_for_region(region_code) if region_code else None
    if metadata is None or len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, ())) != 1:
        return None
    general = metadata.general_desc
    general_lengths = set(general.possible_length or ())
    by_length = {}
    for name in _TYPE_DESCS:
        desc = getattr(metadata, name)
        if desc is None or not desc.national_number_pattern:
            continue
        for length in desc.possible_length or general_lengths:
            by_length.setdefault(length, []).append(desc.national_number_pattern)
    return {
        "metadata": metadata,
        "code": str(metadata.country_code),
        "general_lengths": general_lengths,
        "general": re.compile(general.national_number_pattern),
        "types": {length: re.compile("|".join(f"(?:{p})" for p in patterns)) for length, patterns in by_length.items()},
        "idd": re.compile(metadata.international_prefix) if metadata.international_prefix else None,
    }


def _fast_e164(number, region_code):
    """E.164 of a plainly written, valid number of a single-region calling
    code, read the way phonenumbers.parse reads it; None whenever the general
    parser must decide (other shapes, shared calling codes, a possible
    national prefix or leading zero, a number it finds invalid)."""
    if not _PLAIN_NUMBER.fullmatch(number):
        return None
    digits = _SEPARATORS.sub("", number)
    if digits.startswith("+"):
        digits = digits[1:]
        if digits.startswith("0"):  # no calling code starts with 0
            return None
        for size in (1, 2, 3):
            regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size]))
            if regions:
                break
        else:
            return None
        if len(regions) != 1 or regions[0] == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
            return None
        rules = _region_rules(regions[0])
        national = digits[size:]
    else:
        rules = _region_rules(region_code)
        if rules is None or digits.startswith(rules["code"]) or (rules["idd"] and rules["idd"].match(digits)):
            return None
        national = digits
    if rules is None or not national:
        return None
    # the national prefix (and carrier code) come off as parse() takes them off
    metadata = rules["metadata"]
    _carrier, stripped, _found = phonenumberutil._maybe_strip_national_prefix_carrier_code(national, metadata)
    if phonenumberutil._test_number_length(stripped, metadata) not in _NOT_POSSIBLE:
        national = stripped
    if national[:1] == "0" or not 2 <= len(national) <= 17 or len(national) not in rules["general_lengths"]:
        return None
    types = rules["types"].get(len(national))
    if not rules["general"].fullmatch(national) or types is None or not types.fullmatch(national):
        return None
    return f"+{rules['code']}{national}"


def normalize_phone(number, region_code):
    """``number`` in E.164 (``+905321234567``), or ``False`` when it cannot be
    read as a valid phone number, national numbers being read in the region
    ``region_code`` (ISO code or None). For loops that already know the
    region; a company's own region is applied by
    ``res.company._cxm_normalize_phone``."""
    if not number or not isinstance(number, str):
        return False
    return _fast_e164(number, region_code) or phonenumbers_e164(number, region_code)


def phonenumbers_e164(number, region_code):
    """The general reading: phonenumbers' parser and validator (E.164 or False)."""
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
