# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer record of the upsert pipeline may hold, and how its values are read:
fields, text limits, yes/no words, parent levels of a batch. Plain Python, no model."""

import datetime
import logging
import re

from odoo.addons.base.models.res_partner import ResPartner as BaseResPartner
from odoo.addons.cxm_partner_identity.normalize import (
    normalize_external_key,
)

_logger = logging.getLogger(__name__)

CUSTOMER_FIELDS = {
    "external_key",
    "name",
    "is_company",
    "parent_key",
    "email",
    "phone",
    "national_id",
    "vat",
    "street",
    "street2",
    "zip",
    "city",
    "country",
    "lang",
    "tags",
    "attributes",
}
TRANSACTION_FIELDS = {
    "customer_key",
    "transaction_key",
    "kind",
    "date",
    "amount",
    "currency",
    "quantity",
    "description",
}
TEXT_FIELDS = {"name": 256, "street": 256, "street2": 256, "zip": 32, "city": 128}
ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")
COMPARED_COLUMNS = (
    "name",
    "is_company",
    "parent_id",
    "email",
    "phone",
    "cxm_national_id",
    "vat",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "lang",
)
IDENTITY_COLUMNS = {"email", "phone", "cxm_national_id", "vat", "country_id"}
MATCH_ORDER = ("national_id", "email", "phone")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRUE_WORDS = {"1", "true", "yes", "y", "x", "t", "evet", "on"}
FALSE_WORDS = {"0", "false", "no", "n", "", "f", "hayir", "hayır", "off"}


def _clean_text(value):
    """Strip, drop control characters (NUL is refused by PostgreSQL)."""
    if value is None or value is False:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CONTROL.sub("", str(value)).strip()


def parent_levels(records):
    """For customer records (dicts as sent), their level among ``records``:
    0 when their parent is not among them (or they have none), the parent's
    level + 1 otherwise; None for records whose parent keys loop."""

    def key_of(record, name):
        return normalize_external_key(_clean_text(record.get(name))) if isinstance(record, dict) else False

    position = {}
    for index, record in enumerate(records):
        key = key_of(record, "external_key")
        if key:
            position.setdefault(key, index)
    parents = [position.get(key) if (key := key_of(record, "parent_key")) else None for record in records]
    levels = [None] * len(records)
    looping = set()
    for start in range(len(records)):
        path, on_path, current = [], set(), start
        while levels[current] is None and current not in looping and current not in on_path:
            if parents[current] is None:
                levels[current] = 0
            else:
                path.append(current)
                on_path.add(current)
                current = parents[current]
        if levels[current] is None:  # a loop, or a chain that leads into one
            looping.update(path)
            continue
        level = levels[current]
        for member in reversed(path):
            level += 1
            levels[member] = level
    return levels


def _stock_company_registry(partners):
    """True when ``company_registry`` is still computed by base's method, which
    only keeps the stored value (a localisation may override it: then the ORM
    computes it after the insert)."""
    return type(partners)._compute_company_registry is BaseResPartner._compute_company_registry


def fields_date(value):
    """A date from an ISO string, a date or a datetime; None when empty."""
    if value in (None, False, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(_clean_text(value)[:10])
