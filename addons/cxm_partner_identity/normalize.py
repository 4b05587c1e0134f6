# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure normalisation functions for identity keys (no ORM), shared by the
sync, the look-up and the customer data hub."""

import importlib
import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.util import get_cc_module

from odoo.tools import email_split

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
_SIMPLE_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")

# Personal (national) identification numbers per country: python-stdnum modules.
NATIONAL_ID_MODULES = {
    "TR": ("stdnum.tr.tckimlik", "stdnum.tr.vkn"),
    "BE": ("stdnum.be.nn",),
    "BR": ("stdnum.br.cpf",),
    "DK": ("stdnum.dk.cpr",),
    "ES": ("stdnum.es.dni", "stdnum.es.nie"),
    "FI": ("stdnum.fi.hetu",),
    "IT": ("stdnum.it.codicefiscale",),
    "NL": ("stdnum.nl.bsn",),
    "NO": ("stdnum.no.fodselsnummer",),
    "PL": ("stdnum.pl.pesel",),
    "SE": ("stdnum.se.personnummer",),
    "US": ("stdnum.us.ssn",),
}


def normalize_email(value):
    """``'  John.Doe@BÜCHER.example '`` -> ``'john.doe@xn--bcher-kva.example'``;
    False when no address can be read. Only the first address is used."""
    if not value or not isinstance(value, str):
        return False
    value = value.strip()
    if _SIMPLE_EMAIL.match(value):  # fast path: a bare ASCII address
        return value.lower()
    found = email_split(value)
    if not found:
        return False
    local, _at, domain = found[0].strip().rpartition("@")
    if not local or not domain:
        return False
    try:
        domain = domain.strip().rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return f"{local.lower()}@{domain.lower()}"


def normalize_emails(value):
    """All addresses of an e-mail field, normalised, without duplicates."""
    if not value or not isinstance(value, str):
        return []
    if _SIMPLE_EMAIL.match(value.strip()):
        return [value.strip().lower()]
    result = []
    for address in email_split(value):
        normalized = normalize_email(address)
        if normalized and normalized not in result:
            result.append(normalized)
    return result


def compact_id(value):
    """Upper-case letters and digits only (the look-up form of ids)."""
    if not value or not isinstance(value, str):
        return False
    return _NON_ALNUM.sub("", value).upper() or False


def normalize_national_id(value, country_code=None):
    """Compact national id, validated with python-stdnum when a validator is
    known for ``country_code``; False when it is invalid there."""
    compact = compact_id(value)
    if not compact or len(compact) < 4:
        return False
    module_names = NATIONAL_ID_MODULES.get((country_code or "").upper())
    if not module_names:
        return compact
    for module_name in module_names:
        module = importlib.import_module(module_name)
        try:
            return compact_id(module.validate(compact))
        except StdnumError:
            continue
    return False


def _vat_module(country_code):
    try:
        return get_cc_module(country_code.lower(), "vat")
    except (ImportError, AttributeError, ValueError):
        return None


def normalize_vat(value, country_code=None):
    """Compact VAT with its country prefix (``'TR0010000005'``), validated with
    python-stdnum when the country has a validator; False when invalid."""
    compact = compact_id(value)
    if not compact or len(compact) < 4:
        return False
    country = (country_code or "").upper() or None
    number = compact
    if compact[:2].isalpha() and _vat_module(compact[:2]):
        country, number = compact[:2], compact[2:]
    elif compact[:2] == "EL":  # Greece
        country, number = "GR", compact[2:]
    module = _vat_module(country) if country else None
    if module:
        try:
            number = compact_id(module.validate(number))
        except StdnumError:
            return False
        if number[:2] == country or (country == "GR" and number[:2] == "EL"):
            number = number[2:]
    return f"{country or ''}{number}"


def normalize_external_key(value):
    """External keys are opaque: stripped, case kept."""
    if value is None or value is False:
        return False
    value = str(value).strip()
    return value or False
