# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer upsert pipeline shared by the file import, the public model
method and the continuous upsert: validate and normalise, match on (source,
external key) then identity keys, then write set-based."""

import logging
import re

from odoo import api, models, tools

from odoo.addons.cxm_base.models.res_company import normalize_phone
from odoo.addons.cxm_partner_identity.normalize import (
    normalize_email,
    normalize_external_key,
    normalize_national_id,
    normalize_vat,
)

from .customer_records import (
    _CONTROL,
    CUSTOMER_FIELDS,
    FALSE_WORDS,
    TEXT_FIELDS,
    TRUE_WORDS,
    _clean_text,
)

_logger = logging.getLogger(__name__)


def _text(value):
    """``_clean_text``, without its conversions in the usual cases: nothing,
    or a text without control characters (stripping first changes nothing:
    the characters it drops are not control characters or are dropped too)."""
    if value.__class__ is str:
        value = value.strip()
        return _CONTROL.sub("", value).strip() if _CONTROL.search(value) else value
    if value is None or value is False:
        return ""
    return _clean_text(value)


class CxmCustomerPipeline(models.AbstractModel):
    _name = "cxm.customer.pipeline"
    _description = "Customer Upsert Pipeline"
    _inherit = [
        "cxm.customer.pipeline.upsert",
        "cxm.customer.pipeline.writers",
        "cxm.customer.pipeline.precompute",
        "cxm.customer.pipeline.transactions",
    ]

    # ------------------------------------------------------------ validation
    @api.model
    def _pipeline_caches(self, company):
        countries, country_codes = self._cxm_country_maps()
        return {
            "countries": countries,
            "country_codes": country_codes,
            "langs": {code for code, _name in self.env["res.lang"].get_installed()},
            "region_code": self._cxm_company_region_code(company.id),
            "phones": {},
            "tags": {},
        }

    @api.model
    @tools.ormcache("company_id")
    def _cxm_company_region_code(self, company_id):
        """ISO code of the region national phone numbers of ``company_id`` are
        read in, cached per worker (not one company read per request); a
        change of the company's region or country clears it (res.company)."""
        company = self.env["res.company"].sudo().browse(company_id)
        region = company.cxm_phone_region_id or company.country_id
        return self._cxm_country_maps()[1].get(region.id)

    @api.model
    def _cxm_known_now(self, now):
        """Give the cursor the transaction's timestamp ``now`` (``now() AT TIME
        ZONE 'UTC'``) that a statement of the pipeline returned with its rows,
        so that ``cr.now()`` (write dates of the ORM) needs no query of its own."""
        cr = self.env.cr
        if cr._now is None and now is not None:
            cr._now = now

    @api.model
    @tools.ormcache("self.env.lang")
    def _cxm_country_maps(self):
        """({ISO code or lower-case name: id}, {id: ISO code}), cached per language
        (countries are reference data; small batches must not reload them)."""
        countries, codes = {}, {}
        for country in self.env["res.country"].sudo().search_fetch([], ["code", "name"]):
            countries[country.code.upper()] = country.id
            countries[country.name.lower()] = country.id
            codes[country.id] = country.code.upper()
        return countries, codes

    @api.model
    def _prepare_customer(self, record, company, caches, source):
        """Validate and normalise one customer record. Returns ``(prepared,
        errors)``; ``prepared`` is None when the record has errors."""
        if not isinstance(record, dict):
            return None, [("record", self.env._("Each record must be an object (dict)."))]
        errors = []
        unknown = set(record) - CUSTOMER_FIELDS
        if unknown:
            errors.append(
                ("record", self.env._("Unknown field(s): %(names)s.", names=", ".join(sorted(map(str, unknown)))))
            )
        vals = {}
        key = normalize_external_key(_text(record.get("external_key")))
        if key and not source:
            errors.append(("external_key", self.env._("An external key needs a source integration instance.")))
        if key and len(key) > 128:
            errors.append(("external_key", self.env._("The external key is longer than 128 characters.")))
        for fname, size in TEXT_FIELDS.items():
            value = _text(record.get(fname))
            if value:
                if len(value) > size:
                    errors.append((fname, self.env._("Longer than %(size)s characters.", size=size)))
                vals[fname] = value
        if record.get("is_company") not in (None, ""):
            raw = record["is_company"]
            word = _text(raw).lower()
            if isinstance(raw, bool):
                vals["is_company"] = raw
            elif word in TRUE_WORDS:
                vals["is_company"] = True
            elif word in FALSE_WORDS:
                vals["is_company"] = False
            else:
                errors.append(("is_company", self.env._("Not a yes/no value: %(value)s.", value=word)))
        country_code = caches["region_code"]
        country = _text(record.get("country"))
        if country:
            country_id = caches["countries"].get(country.upper()) or caches["countries"].get(country.lower())
            if not country_id:
                errors.append(("country", self.env._("Unknown country: %(value)s.", value=country)))
            else:
                vals["country_id"] = country_id
                country_code = caches["country_codes"].get(country_id, country_code)
        email = _text(record.get("email"))
        if email:
            vals["email"] = normalize_email(email)
            if not vals["email"]:
                errors.append(("email", self.env._("Not a valid e-mail address: %(value)s.", value=email)))
        phone = _text(record.get("phone"))
        if phone:
            if phone not in caches["phones"]:
                caches["phones"][phone] = normalize_phone(phone, caches["region_code"])
            vals["phone"] = caches["phones"][phone]
            if not vals["phone"]:
                errors.append(("phone", self.env._("Not a valid phone number: %(value)s.", value=phone)))
        national_id = _text(record.get("national_id"))
        if national_id:
            vals["cxm_national_id"] = normalize_national_id(national_id, country_code)
            if not vals["cxm_national_id"]:
                errors.append(("national_id", self.env._("Not a valid national id: %(value)s.", value=national_id)))
        vat = _text(record.get("vat"))
        if vat:
            vals["vat"] = normalize_vat(vat, country_code)
            if not vals["vat"]:
                errors.append(("vat", self.env._("Not a valid tax id: %(value)s.", value=vat)))
        lang = _text(record.get("lang"))
        if lang:
            lang = lang.replace("-", "_")
            if lang not in caches["langs"]:
                errors.append(("lang", self.env._("Language %(value)s is not installed.", value=lang)))
            vals["lang"] = lang
        tags = record.get("tags")
        if isinstance(tags, str):
            tags = re.split(r"[;,|]", tags)
        if tags not in (None, False):
            if not isinstance(tags, (list, tuple)):
                errors.append(("tags", self.env._("Tags must be a list or a ';'-separated text.")))
                tags = None
            else:
                tags = list(dict.fromkeys(t for t in (_text(tag) for tag in tags) if t))
        attributes = record.get("attributes") or {}
        if not isinstance(attributes, dict):
            errors.append(("attributes", self.env._("Attributes must be an object of name: value.")))
            attributes = {}
        attributes = {_text(name)[:64]: _text(value) for name, value in attributes.items() if _text(name)}
        parent_key = normalize_external_key(_text(record.get("parent_key")))
        if parent_key and not source:
            errors.append(("parent_key", self.env._("A parent key needs a source integration instance.")))
        if parent_key and parent_key == key:
            errors.append(("parent_key", self.env._("A customer cannot be its own parent.")))
        if errors:
            return None, errors
        return {
            "key": key,
            "vals": vals,
            "tags": tags,
            "attributes": attributes,
            "parent_key": parent_key,
        }, []
