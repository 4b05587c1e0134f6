# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer upsert pipeline shared by the file import, the public model
method and the continuous upsert: validate and normalise, match on (source,
external key) then identity keys, then write set-based."""

import datetime
import hashlib
import json
import logging
import re
from collections import defaultdict

import psycopg2.errors

from odoo import api, models, tools
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL, mute_logger

from odoo.addons.base.models.res_partner import ResPartner as BaseResPartner
from odoo.addons.cxm_base.models.res_company import normalize_phone
from odoo.addons.cxm_partner_identity.normalize import (
    normalize_email,
    normalize_external_key,
    normalize_national_id,
    normalize_vat,
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


class CxmCustomerPipeline(models.AbstractModel):
    _name = "cxm.customer.pipeline"
    _description = "Customer Upsert Pipeline"

    # ------------------------------------------------------------ validation
    @api.model
    def _pipeline_caches(self, company):
        countries, country_codes = self._cxm_country_maps()
        company.fetch(["cxm_phone_region_id", "country_id"])  # two columns, not the whole company
        region = company.cxm_phone_region_id or company.country_id
        return {
            "countries": countries,
            "country_codes": country_codes,
            "langs": {code for code, _name in self.env["res.lang"].get_installed()},
            "region_code": country_codes.get(region.id),
            "phones": {},
            "tags": {},
        }

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
        key = normalize_external_key(_clean_text(record.get("external_key")))
        if key and not source:
            errors.append(("external_key", self.env._("An external key needs a source integration instance.")))
        if key and len(key) > 128:
            errors.append(("external_key", self.env._("The external key is longer than 128 characters.")))
        for fname, size in TEXT_FIELDS.items():
            value = _clean_text(record.get(fname))
            if value:
                if len(value) > size:
                    errors.append((fname, self.env._("Longer than %(size)s characters.", size=size)))
                vals[fname] = value
        if record.get("is_company") not in (None, ""):
            raw = record["is_company"]
            word = _clean_text(raw).lower()
            if isinstance(raw, bool):
                vals["is_company"] = raw
            elif word in TRUE_WORDS:
                vals["is_company"] = True
            elif word in FALSE_WORDS:
                vals["is_company"] = False
            else:
                errors.append(("is_company", self.env._("Not a yes/no value: %(value)s.", value=word)))
        country_code = caches["region_code"]
        country = _clean_text(record.get("country"))
        if country:
            country_id = caches["countries"].get(country.upper()) or caches["countries"].get(country.lower())
            if not country_id:
                errors.append(("country", self.env._("Unknown country: %(value)s.", value=country)))
            else:
                vals["country_id"] = country_id
                country_code = caches["country_codes"].get(country_id, country_code)
        email = _clean_text(record.get("email"))
        if email:
            vals["email"] = normalize_email(email)
            if not vals["email"]:
                errors.append(("email", self.env._("Not a valid e-mail address: %(value)s.", value=email)))
        phone = _clean_text(record.get("phone"))
        if phone:
            if phone not in caches["phones"]:
                caches["phones"][phone] = normalize_phone(phone, caches["region_code"])
            vals["phone"] = caches["phones"][phone]
            if not vals["phone"]:
                errors.append(("phone", self.env._("Not a valid phone number: %(value)s.", value=phone)))
        national_id = _clean_text(record.get("national_id"))
        if national_id:
            vals["cxm_national_id"] = normalize_national_id(national_id, country_code)
            if not vals["cxm_national_id"]:
                errors.append(("national_id", self.env._("Not a valid national id: %(value)s.", value=national_id)))
        vat = _clean_text(record.get("vat"))
        if vat:
            vals["vat"] = normalize_vat(vat, country_code)
            if not vals["vat"]:
                errors.append(("vat", self.env._("Not a valid tax id: %(value)s.", value=vat)))
        lang = _clean_text(record.get("lang"))
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
                tags = list(dict.fromkeys(t for t in (_clean_text(tag) for tag in tags) if t))
        attributes = record.get("attributes") or {}
        if not isinstance(attributes, dict):
            errors.append(("attributes", self.env._("Attributes must be an object of name: value.")))
            attributes = {}
        attributes = {
            _clean_text(name)[:64]: _clean_text(value) for name, value in attributes.items() if _clean_text(name)
        }
        parent_key = normalize_external_key(_clean_text(record.get("parent_key")))
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

    # ------------------------------------------------------------ pipeline
    @api.model
    def _upsert_customers(self, records, source):
        """Upsert ``records`` (list of dicts) for the integration instance
        ``source`` (may be empty: then only identity keys match). Returns one
        ``{"status", "partner_id", "errors"}`` per record, in order; statuses
        are created, updated, unchanged, error. Good records are written even
        when others fail."""
        source = source or self.env["cxm.integration.instance"]
        company = source.company_id or self.env.company
        results = [{"status": "error", "partner_id": False, "errors": []} for _record in records]
        caches = {}
        skip = self._unchanged_by_hash(records, source, results, caches)
        if len(skip) < len(records):  # an all-unchanged request reads nothing else
            caches.update(self._pipeline_caches(company))
        prepared = {}
        seen_keys = {}
        for index, record in enumerate(records):
            if index in skip:
                continue
            item, errors = self._prepare_customer(record, company, caches, source)
            if errors:
                results[index]["errors"] = [{"field": f, "message": m} for f, m in errors]
                continue
            if item["key"]:
                if item["key"] in seen_keys:
                    results[index]["errors"] = [
                        {
                            "field": "external_key",
                            "message": self.env._(
                                "External key %(key)s appears twice in this batch (first at record %(first)s).",
                                key=item["key"],
                                first=seen_keys[item["key"]] + 1,
                            ),
                        }
                    ]
                    continue
                seen_keys[item["key"]] = index
            prepared[index] = item
        # companies and other top-level rows first, then contacts level by level
        for wave in self._waves(records, prepared, results):
            self._upsert_wave({i: prepared[i] for i in wave}, results, source, company, caches)
        # remember the content of records whose key row existed already
        stale = [
            (key, digest)
            for index, (key, digest, stored) in caches["hashes"].items()
            if stored is not None and stored != digest and results[index]["status"] in ("updated", "unchanged")
        ]
        if stale:
            self.env.cr.execute(
                SQL(
                    """UPDATE cxm_partner_identity i SET payload_hash = q.digest
                         FROM unnest(%s::varchar[], %s::varchar[]) AS q(value, digest)
                        WHERE i.key_type = 'external' AND i.source_id = %s AND i.value = q.value""",
                    [k for k, _d in stale],
                    [d for _k, d in stale],
                    source.id,
                )
            )
        return results

    @api.model
    def _waves(self, records, prepared, results):
        """The indexes of ``prepared`` level by level (``parent_levels``), so
        that a contact of a contact in the same batch finds its parent.
        Records whose parent keys loop are refused."""
        indexes = list(prepared)
        waves = defaultdict(list)
        for index, level in zip(indexes, parent_levels([records[i] for i in indexes]), strict=True):
            if level is None:
                results[index]["errors"] = [
                    {
                        "field": "parent_key",
                        "message": self.env._(
                            "The parent keys of this batch form a loop (%(key)s).", key=prepared[index]["parent_key"]
                        ),
                    }
                ]
            else:
                waves[level].append(index)
        return [waves[level] for level in sorted(waves)]

    @api.model
    def _unchanged_by_hash(self, records, source, results, caches):
        """Records identical to the last ones accepted for their (source,
        external key) are unchanged: answered without normalising or reading
        anything else. Returns their indexes; fills ``caches["hashes"]`` with
        ``{index: (key, digest, stored digest or None)}`` for the others."""
        caches["hashes"] = hashes = {}
        caches["external"] = {}
        if not source:
            return set()
        digests = {}
        for index, record in enumerate(records):
            if isinstance(record, dict) and record.get("external_key") not in (None, False, ""):
                key = normalize_external_key(_clean_text(record["external_key"]))
                if not key:  # e.g. only control characters: validation answers it
                    continue
                payload = json.dumps(record, sort_keys=True, default=str, ensure_ascii=False)
                digests[index] = (key, hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest())
        if not digests:
            return set()
        counts = defaultdict(int)
        for key, _digest in digests.values():
            counts[key] += 1
        self.env["cxm.partner.identity"].flush_model()
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        self.env.cr.execute(
            SQL(
                """SELECT value, partner_id, payload_hash FROM cxm_partner_identity
                    WHERE key_type = 'external' AND source_id = %s AND value = ANY(%s)""",
                source.id,
                list({key for key, _digest in digests.values()}),
            )
        )
        stored = {value: (partner_id, digest) for value, partner_id, digest in self.env.cr.fetchall()}
        # the (source, external key) matches of the whole batch, for _match
        caches["external"] = {value: partner_id for value, (partner_id, _digest) in stored.items()}
        skip = set()
        for index, (key, digest) in digests.items():
            partner_id, stored_digest = stored.get(key, (None, None))
            if counts[key] == 1 and stored_digest == digest:
                results[index] = {"status": "unchanged", "partner_id": partner_id, "errors": []}
                skip.add(index)
            else:
                hashes[index] = (key, digest, stored_digest if key in stored else None)
        return skip

    @api.model
    def _match(self, items, source, company, caches):
        """``({index: partner_id}, {indexes matched by external key})`` for the
        items that match an existing customer: (source, external key) first
        (read once per batch by ``_unchanged_by_hash``), then one unambiguous
        identity key of a customer that has no key of this source yet."""
        cr = self.env.cr
        known = caches.get("external", {})
        matches = {index: known[item["key"]] for index, item in items.items() if item["key"] and item["key"] in known}
        by_key = set(matches)
        rest = [index for index in items if index not in matches]
        idxs, types, values = [], [], []
        field_of = {"national_id": "cxm_national_id", "email": "email", "phone": "phone"}
        for index in rest:
            for key_type in MATCH_ORDER:
                value = items[index]["vals"].get(field_of[key_type])
                if value:
                    idxs.append(index)
                    types.append(key_type)
                    values.append(value)
        if not idxs:
            return matches, by_key
        # one index probe per key (the OFFSET 0 fence keeps PostgreSQL from
        # hashing the whole identity table while its statistics lag a bulk load)
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        cr.execute(
            SQL(
                """SELECT q.idx, q.key_type, i.partner_id
                     FROM unnest(%s::int[], %s::varchar[], %s::varchar[]) AS q(idx, key_type, value)
                     CROSS JOIN LATERAL (
                           SELECT i.partner_id FROM cxm_partner_identity i
                            WHERE i.key_type = q.key_type AND i.value = q.value
                              AND (i.company_id IS NULL OR i.company_id = %s)
                           OFFSET 0) AS i""",
                idxs,
                types,
                values,
                company.id,
            )
        )
        found = cr.fetchall()
        if not found:
            return matches, by_key
        # a customer that already has a key of this source is another record of it
        keyed = set()
        if source:
            self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
            cr.execute(
                SQL(
                    """SELECT DISTINCT partner_id FROM cxm_partner_identity
                        WHERE partner_id = ANY(%s) AND key_type = 'external' AND source_id = %s""",
                    list({row[2] for row in found}),
                    source.id,
                )
            )
            keyed = {row[0] for row in cr.fetchall()}
        candidates = defaultdict(lambda: defaultdict(set))
        for index, key_type, partner_id in found:
            if partner_id not in keyed:
                candidates[index][key_type].add(partner_id)
        taken = set(matches.values())
        for index in rest:
            for key_type in MATCH_ORDER:
                partner_ids = candidates[index].get(key_type) if index in candidates else None
                if partner_ids and len(partner_ids) == 1:
                    partner_id = next(iter(partner_ids))
                    if partner_id not in taken:
                        matches[index] = partner_id
                        taken.add(partner_id)
                        break
        return matches, by_key

    @api.model
    def _upsert_wave(self, items, results, source, company, caches):
        cr = self.env.cr
        Partner = self.env["res.partner"]
        self.env.flush_all()  # the SQL below reads what the ORM may still hold in memory
        matches, by_key = self._match(items, source, company, caches)
        # only customers the caller may change
        if matches:
            writable = set(Partner.browse(set(matches.values()))._filtered_access("write").ids)
            for index, partner_id in list(matches.items()):
                if partner_id not in writable:
                    del matches[index]
                    del items[index]
                    results[index]["errors"] = [
                        {
                            "field": "record",
                            "message": self.env._("You are not allowed to change the matching customer."),
                        }
                    ]
        # parents by external key
        parent_keys = {item["parent_key"] for item in items.values() if item["parent_key"]}
        parents = {}
        if parent_keys:
            self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
            cr.execute(
                SQL(
                    """SELECT i.value, p.id, p.vat, p.street, p.street2, p.zip, p.city, p.state_id, p.country_id,
                              p.name, p.commercial_partner_id, p.user_id, p.lang, cp.name, cp.is_company
                         FROM cxm_partner_identity i
                         JOIN res_partner p ON p.id = i.partner_id
                    LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
                        WHERE i.key_type = 'external' AND i.source_id = %s AND i.value = ANY(%s)""",
                    source.id,
                    list(parent_keys),
                )
            )
            parents = {row[0]: row[1:] for row in cr.fetchall()}
        parent_info = {}
        for index, item in list(items.items()):
            if not item["parent_key"]:
                continue
            parent = parents.get(item["parent_key"])
            if not parent:
                del items[index]
                matches.pop(index, None)
                results[index]["errors"] = [
                    {
                        "field": "parent_key",
                        "message": self.env._("Unknown parent key: %(key)s.", key=item["parent_key"]),
                    }
                ]
                continue
            vals = item["vals"]
            vals["parent_id"] = parent[0]
            # commercial field and address come from the parent, as in Odoo
            vals["vat"] = parent[1] or False
            if index not in matches and not any(vals.get(f) for f in ADDRESS_FIELDS):
                vals.update(dict(zip(ADDRESS_FIELDS, parent[2:8], strict=True)))
            parent_info[parent[0]] = {
                "name": parent[8],
                "commercial_partner_id": parent[9],
                "user_id": parent[10],
                "lang": parent[11],
                "commercial_name": parent[12] if parent[13] else None,
            }
        # new customers need a name
        for index, item in list(items.items()):
            if index not in matches and not item["vals"].get("name"):
                del items[index]
                results[index]["errors"] = [
                    {"field": "name", "message": self.env._("A name is required to create a customer.")}
                ]
        tag_ids = self._tag_ids({tag for item in items.values() for tag in (item["tags"] or ())}, caches)

        # ---- updates: compare with what is stored
        current = {}
        if matches:
            columns = SQL(", ").join(SQL.identifier(c) for c in COMPARED_COLUMNS)
            Partner.flush_model(COMPARED_COLUMNS)
            cr.execute(SQL("SELECT id, %s FROM res_partner WHERE id = ANY(%s)", columns, list(set(matches.values()))))
            current = {row[0]: dict(zip(COMPARED_COLUMNS, row[1:], strict=True)) for row in cr.fetchall()}
            self._refuse_parent_loops(items, matches, current, results)
        current_tags = self._current_tags(list(current))
        current_attrs = self._current_attributes(list(current))
        update_records, update_vals, identity_ids = [], [], []
        tag_add, tag_del = [], []
        attr_rows = []
        new_indexes = []
        for index, item in items.items():
            partner_id = matches.get(index)
            wanted_tags = {tag_ids[t] for t in item["tags"]} if item["tags"] is not None else None
            if partner_id is None:
                new_indexes.append(index)
                continue
            stored = current[partner_id]
            changes = {f: v for f, v in item["vals"].items() if (stored.get(f) or False) != (v or False)}
            tags_changed = False
            if wanted_tags is not None:
                have = current_tags.get(partner_id, set())
                tag_add.extend((partner_id, t) for t in wanted_tags - have)
                tag_del.extend((partner_id, t) for t in have - wanted_tags)
                tags_changed = wanted_tags != have
            attrs = {k: v for k, v in item["attributes"].items() if current_attrs.get(partner_id, {}).get(k) != v}
            attr_rows.extend((partner_id, k, v) for k, v in attrs.items())
            key_missing = bool(item["key"]) and index not in by_key
            results[index]["partner_id"] = partner_id
            if changes or tags_changed or attrs or key_missing:
                results[index]["status"] = "updated"
                update_records.append(partner_id)
                update_vals.append(changes)
                if IDENTITY_COLUMNS.intersection(changes):
                    identity_ids.append(partner_id)
            else:
                results[index]["status"] = "unchanged"

        # ---- inserts
        new_ids = self._insert_partners([items[i]["vals"] for i in new_indexes], company, parent_info)
        for index, partner_id in zip(new_indexes, new_ids, strict=True):
            results[index].update(status="created", partner_id=partner_id)
            item = items[index]
            if item["tags"]:
                tag_add.extend((partner_id, tag_ids[t]) for t in item["tags"])
            attr_rows.extend((partner_id, k, v) for k, v in item["attributes"].items())
        if update_records:
            try:
                # concurrent writers of the same customers: PostgreSQL refuses the later
                # one (repeatable read); the request is retried, not logged as an error
                with mute_logger("odoo.sql_db"):
                    self._update_partners(update_records, update_vals)
            except psycopg2.errors.SerializationFailure as error:
                raise ConcurrencyError(self.env._("These customers were changed at the same time; retry.")) from error
        self._write_tags(tag_add, tag_del)
        self._write_attributes(attr_rows, company)
        # ---- identity keys: derived keys, then external keys
        # new partners: their keys are the values just normalised; changed ones are re-synced
        Identity = self.env["cxm.partner.identity"]
        new_keys = set()
        for index, partner_id in zip(new_indexes, new_ids, strict=True):
            vals = items[index]["vals"]
            for key_type, fname in (
                ("phone", "phone"),
                ("email", "email"),
                ("national_id", "cxm_national_id"),
                ("vat", "vat"),
            ):
                if vals.get(fname):
                    new_keys.add((partner_id, key_type, vals[fname], company.id))
        Identity._cxm_sync_partners(identity_ids)
        hashes = caches.get("hashes", {})
        external = [
            (results[index]["partner_id"], item["key"], hashes.get(index, (None, None, None))[1])
            for index, item in items.items()
            if item["key"] and index not in by_key and results[index]["status"] in ("created", "updated")
        ]
        self._write_keys(new_keys, external, source, company)

    @api.model
    def _refuse_parent_loops(self, items, matches, current, results):
        """A customer cannot become a contact of itself or of one of its own
        contacts: such records get an error and are dropped from ``items``."""
        moves = {
            index: (matches[index], item["vals"]["parent_id"])
            for index, item in items.items()
            if index in matches
            and item["vals"].get("parent_id")
            and item["vals"]["parent_id"] != current[matches[index]]["parent_id"]
        }
        if not moves:
            return
        self.env.cr.execute(
            SQL(
                """WITH RECURSIVE up(partner_id, ancestor_id) AS (
                       SELECT * FROM unnest(%s::int[], %s::int[])
                       UNION
                       SELECT up.partner_id, p.parent_id FROM up JOIN res_partner p ON p.id = up.ancestor_id
                        WHERE p.parent_id IS NOT NULL)
                   SELECT DISTINCT partner_id FROM up WHERE ancestor_id = partner_id""",
                [move[0] for move in moves.values()],
                [move[1] for move in moves.values()],
            )
        )
        looping = {row[0] for row in self.env.cr.fetchall()}
        for index, (partner_id, _parent_id) in moves.items():
            if partner_id in looping:
                del items[index]
                del matches[index]
                results[index]["errors"] = [
                    {
                        "field": "parent_key",
                        "message": self.env._(
                            "The parent would make this customer a contact of itself or of one of its contacts."
                        ),
                    }
                ]

    # ------------------------------------------------------------ writers
    @api.model
    def _tag_ids(self, names, caches):
        """Partner tag ids by name, creating the missing tags in one batch."""
        missing = [name for name in names if name not in caches["tags"]]
        if missing:
            Tag = self.env["res.partner.category"]
            for tag in Tag.search_fetch([("name", "in", missing)], ["name"]):
                caches["tags"].setdefault(tag.name, tag.id)
            to_create = [name for name in missing if name not in caches["tags"]]
            if to_create:
                for tag in Tag.create([{"name": name} for name in to_create]):
                    caches["tags"][tag.name] = tag.id
        return caches["tags"]

    @api.model
    def _current_tags(self, partner_ids):
        result = defaultdict(set)
        if partner_ids:
            self.env["res.partner"].flush_model(["category_id"])
            self.env.cr.execute(
                SQL(
                    """SELECT partner_id, category_id FROM res_partner_res_partner_category_rel
                        WHERE partner_id = ANY(%s)""",
                    partner_ids,
                )
            )
            for partner_id, category_id in self.env.cr.fetchall():
                result[partner_id].add(category_id)
        return result

    @api.model
    def _current_attributes(self, partner_ids):
        result = defaultdict(dict)
        if partner_ids:
            self.env.cr.execute(
                SQL(
                    "SELECT partner_id, name, value FROM cxm_customer_attribute WHERE partner_id = ANY(%s)", partner_ids
                )
            )
            for partner_id, name, value in self.env.cr.fetchall():
                result[partner_id][name] = value
        return result

    @api.model
    def _insert_partners(self, vals_list, company, parent_info=None):
        """Insert new partners set-based, each row written once: ids are taken
        from the sequence first, so that the stored computed fields that follow
        from the row and its parent (commercial partner, commercial company
        name, display name, salesperson, language, e-mail/phone normalised
        forms) are computed here the way res.partner computes them, and one
        INSERT ... SELECT FROM unnest() writes everything. Stored computed
        fields of other modules are left to the ORM (add_to_compute)."""
        if not vals_list:
            return []
        parent_info = parent_info or {}
        cr = self.env.cr
        Partner = self.env["res.partner"]
        Partner.check_access("create")
        fields_ = Partner._fields
        handled = {
            "commercial_partner_id",
            "commercial_company_name",
            "complete_name",
            "user_id",
            "lang",
            "partner_share",
            "email_normalized",
            "phone_sanitized",
            "image_1024",
            "image_512",
            "image_256",
            "image_128",
            "properties",
        }
        if _stock_company_registry(Partner):
            handled.add("company_registry")  # Odoo's compute keeps the value (none for a new customer)
        plain = [
            name
            for name, field in fields_.items()
            if field.store and field.column_type and not field.compute and name not in models.MAGIC_COLUMNS
        ]
        defaults = {
            name: value
            for name, value in Partner.default_get(plain).items()
            if value not in (None, False)
            and name in fields_
            and fields_[name].column_type
            and not fields_[name].compute
        }
        default_lang = Partner.default_get(["lang"]).get("lang") or self.env.lang or "en_US"
        defaults.pop("lang", None)
        row_base = {**defaults, "company_id": company.id, "type": "contact", "active": True, "partner_share": True}
        cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"{Partner._table}_id_seq", len(vals_list)))
        ids = [row[0] for row in cr.fetchall()]
        rows = []
        for partner_id, vals in zip(ids, vals_list, strict=True):
            row = {**row_base, **vals, "id": partner_id}
            name = (row.get("name") or "").strip()
            is_company = bool(row.get("is_company"))
            parent = parent_info.get(row.get("parent_id")) if row.get("parent_id") else None
            if is_company or not parent:
                row["commercial_partner_id"] = partner_id
                row["commercial_company_name"] = name if is_company else None
            else:
                row["commercial_partner_id"] = parent["commercial_partner_id"]
                row["commercial_company_name"] = parent["commercial_name"]
            if parent and not is_company:
                row["complete_name"] = f"{row['commercial_company_name'] or parent['name']}, {name}".strip()
                row.setdefault("user_id", parent["user_id"])
            else:
                row["complete_name"] = name
            row["lang"] = vals.get("lang") or (parent and parent["lang"]) or default_lang
            if "email_normalized" in fields_:
                row["email_normalized"] = vals.get("email")
            if "phone_sanitized" in fields_:
                row["phone_sanitized"] = vals.get("phone")
            rows.append(row)
        columns = sorted({name for row in rows for name in row})
        booleans = {name for name in columns if fields_[name].type == "boolean"}
        # the rows travel as one JSON document (psycopg2 would adapt every value of
        # every column in Python, holding the GIL the other workers need)
        payload = json.dumps(
            [
                {name: None if value is False and name not in booleans else value for name, value in row.items()}
                for row in rows
            ],
            default=str,
            ensure_ascii=False,
        )
        column_list = SQL(", ").join(SQL.identifier(name) for name in columns)
        cr.execute(
            SQL(
                """INSERT INTO res_partner (%(columns)s, create_uid, create_date, write_uid, write_date)
                   SELECT %(columns)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM json_populate_recordset(NULL::res_partner, %(payload)s::json)""",
                columns=column_list,
                payload=payload,
                uid=self.env.uid,
                now=cr.now(),
            )
        )
        records = Partner.browse(ids)
        for name, field in fields_.items():
            if field.store and field.compute and name not in handled:
                self.env.add_to_compute(field, records)
        Partner.invalidate_model(["child_ids"])
        return ids

    @api.model
    def _update_partners(self, partner_ids, vals_list):
        """Write each partner's own changed columns (grouped UPDATEs), then let
        the ORM recompute what depends on them."""
        Partner = self.env["res.partner"]
        records = Partner.browse(partner_ids)
        records._write_multi(vals_list)
        fnames = {fname for vals in vals_list for fname in vals} | {"write_date", "write_uid"}
        records.invalidate_recordset(list(fnames))
        changed = [fname for fname in fnames if fname in COMPARED_COLUMNS]
        if changed:
            records.modified(changed)
        # commercial fields of companies go down to their contacts, as in Odoo
        companies = [pid for pid, vals in zip(partner_ids, vals_list, strict=True) if "vat" in vals]
        if companies:
            self.env.cr.execute(
                SQL(
                    """UPDATE res_partner c SET vat = p.vat FROM res_partner p
                        WHERE c.commercial_partner_id = p.id AND c.id != p.id AND p.id = ANY(%s)
                          AND c.vat IS DISTINCT FROM p.vat
                    RETURNING c.id""",
                    companies,
                )
            )
            children = [row[0] for row in self.env.cr.fetchall()]
            if children:
                Partner.browse(children).invalidate_recordset(["vat"])
                self.env["cxm.partner.identity"]._cxm_sync_partners(children)

    @api.model
    def _write_tags(self, add, remove):
        cr = self.env.cr
        if remove:
            cr.execute(
                SQL(
                    """DELETE FROM res_partner_res_partner_category_rel r
                        USING unnest(%s::int[], %s::int[]) AS q(partner_id, category_id)
                        WHERE r.partner_id = q.partner_id AND r.category_id = q.category_id""",
                    [r[0] for r in remove],
                    [r[1] for r in remove],
                )
            )
        if add:
            cr.execute(
                SQL(
                    """INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id)
                       SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING""",
                    [r[0] for r in add],
                    [r[1] for r in add],
                )
            )
        if add or remove:
            self.env["res.partner"].invalidate_model(["category_id"])
            self.env["res.partner.category"].invalidate_model(["partner_ids"])

    @api.model
    def _write_attributes(self, rows, company):
        if not rows:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxm_customer_attribute (partner_id, name, value, company_id)
                   SELECT q.partner_id, q.name, q.value, p.company_id
                     FROM unnest(%s::int[], %s::varchar[], %s::varchar[]) AS q(partner_id, name, value)
                     JOIN res_partner p ON p.id = q.partner_id
                   ON CONFLICT (partner_id, name) DO UPDATE SET value = EXCLUDED.value
                    WHERE cxm_customer_attribute.value IS DISTINCT FROM EXCLUDED.value""",
                [r[0] for r in rows],
                [r[1] for r in rows],
                [r[2] for r in rows],
            )
        )
        self.env["cxm.customer.attribute"].invalidate_model()

    @api.model
    def _write_keys(self, derived, external, source, company):
        """Insert the derived keys of new customers (``(partner, key type,
        value, company)``) and the ``(partner, external key, digest)`` of
        ``source`` in one INSERT (not through cxm_partner_identity's
        ``_cxm_insert_keys``: one statement per chunk instead of two, and the
        payload digest is a column of this module). An external key taken meanwhile by a
        concurrent transaction makes PostgreSQL raise a serialization failure
        (repeatable read) or leaves a row out; either way the request is
        retried and then matches the key."""
        rows = [{"p": p, "t": t, "v": v, "c": c or None} for p, t, v, c in derived]
        rows += [{"p": p, "t": "external", "v": v, "s": source.id, "c": company.id, "d": d} for p, v, d in external]
        if not rows:
            return
        cr = self.env.cr
        try:
            cr.execute(
                SQL(
                    """INSERT INTO cxm_partner_identity
                              (partner_id, key_type, value, source_id, company_id, payload_hash)
                       SELECT q.p, q.t, q.v, q.s, q.c, q.d
                         FROM json_to_recordset(%s::json) AS q(p int, t varchar, v varchar, s int, c int, d varchar)
                       ON CONFLICT DO NOTHING""",
                    json.dumps(rows, ensure_ascii=False),
                ),
                log_exceptions=False,
            )
        except psycopg2.errors.SerializationFailure as error:
            # a concurrent transaction committed the same key after our snapshot
            raise ConcurrencyError(
                self.env._("Another transaction created some of these customers at the same time; retry.")
            ) from error
        if cr.rowcount != len(rows):
            raise ConcurrencyError(
                self.env._("Another transaction created some of these customers at the same time; retry.")
            )
        self.env["cxm.partner.identity"].invalidate_model()

    # ------------------------------------------------------------ transactions
    @api.model
    def _upsert_transactions(self, records, source):
        """Upsert purchase/order/payment summaries by (source, transaction key)
        in one INSERT ... ON CONFLICT; an unchanged row is not written."""
        Transaction = self.env["cxm.customer.transaction"]
        company = source.company_id or self.env.company
        kinds = dict(Transaction._fields["kind"].selection)
        currencies = {c.name: c.id for c in self.env["res.currency"].with_context(active_test=False).search([])}
        results = [{"status": "error", "partner_id": False, "errors": []} for _record in records]
        rows, seen = {}, {}
        for index, record in enumerate(records):
            errors = []
            if not isinstance(record, dict):
                results[index]["errors"] = [
                    {"field": "record", "message": self.env._("Each record must be an object.")}
                ]
                continue
            unknown = set(record) - TRANSACTION_FIELDS
            if unknown:
                errors.append(("record", self.env._("Unknown field(s): %(names)s.", names=", ".join(sorted(unknown)))))
            customer_key = normalize_external_key(_clean_text(record.get("customer_key")))
            key = normalize_external_key(_clean_text(record.get("transaction_key")))
            if not customer_key:
                errors.append(("customer_key", self.env._("The customer key is required.")))
            if not key:
                errors.append(("transaction_key", self.env._("The transaction key is required.")))
            elif key in seen:
                errors.append(("transaction_key", self.env._("Transaction key %(key)s appears twice.", key=key)))
            kind = _clean_text(record.get("kind")).lower() or "purchase"
            if kind not in kinds:
                errors.append(("kind", self.env._("Unknown kind %(kind)s.", kind=kind)))
            try:
                date = fields_date(record.get("date"))
            except ValueError:
                date = None
            if not date:
                errors.append(("date", self.env._("A date (YYYY-MM-DD) is required.")))
            amounts = {}
            for fname in ("amount", "quantity"):
                raw = _clean_text(record.get(fname)).replace(",", ".")
                try:
                    amounts[fname] = float(raw) if raw else 0.0
                except ValueError:
                    errors.append((fname, self.env._("Not a number: %(value)s.", value=raw)))
            currency = _clean_text(record.get("currency")).upper()
            currency_id = currencies.get(currency) if currency else company.currency_id.id
            if not currency_id:
                errors.append(("currency", self.env._("Unknown currency: %(value)s.", value=currency)))
            if not source:
                errors.append(("record", self.env._("Transactions need a source integration instance.")))
            if errors:
                results[index]["errors"] = [{"field": f, "message": m} for f, m in errors]
                continue
            seen[key] = index
            rows[index] = (
                customer_key,
                key,
                kind,
                date,
                amounts["amount"],
                amounts["quantity"],
                currency_id,
                _clean_text(record.get("description"))[:256] or None,
            )
        if not rows:
            return results
        cr = self.env.cr
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        cr.execute(
            SQL(
                """SELECT value, partner_id FROM cxm_partner_identity
                    WHERE key_type = 'external' AND source_id = %s AND value = ANY(%s)""",
                source.id,
                list({row[0] for row in rows.values()}),
            )
        )
        partners = dict(cr.fetchall())
        readable = set(self.env["res.partner"]._search([("id", "in", list(partners.values()))]))
        for index, row in list(rows.items()):
            if partners.get(row[0]) not in readable:
                results[index]["errors"] = [
                    {"field": "customer_key", "message": self.env._("Unknown customer key: %(key)s.", key=row[0])}
                ]
                del rows[index]
        if not rows:
            return results
        Transaction.check_access("create")
        order = list(rows)
        cr.execute(
            SQL(
                """INSERT INTO cxm_customer_transaction AS t
                       (partner_id, source_id, company_id, external_key, kind, date, amount, quantity, currency_id,
                        description, create_uid, create_date, write_uid, write_date)
                   SELECT q.partner_id, %(source)s, %(company)s, q.key, q.kind, q.date, q.amount, q.quantity,
                          q.currency_id, q.description, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(partners)s::int[], %(keys)s::varchar[], %(kinds)s::varchar[], %(dates)s::date[],
                                 %(amounts)s::numeric[], %(quantities)s::numeric[], %(currencies)s::int[],
                                 %(descriptions)s::varchar[])
                          AS q(partner_id, key, kind, date, amount, quantity, currency_id, description)
                   ON CONFLICT (source_id, external_key) DO UPDATE
                      SET partner_id = EXCLUDED.partner_id, kind = EXCLUDED.kind, date = EXCLUDED.date,
                          amount = EXCLUDED.amount, quantity = EXCLUDED.quantity,
                          currency_id = EXCLUDED.currency_id, description = EXCLUDED.description,
                          write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                    WHERE (t.partner_id, t.kind, t.date, t.amount, t.quantity, t.currency_id, t.description)
                          IS DISTINCT FROM (EXCLUDED.partner_id, EXCLUDED.kind, EXCLUDED.date, EXCLUDED.amount,
                                            EXCLUDED.quantity, EXCLUDED.currency_id, EXCLUDED.description)
                RETURNING t.external_key, (xmax = 0)""",
                source=source.id,
                company=company.id,
                uid=self.env.uid,
                now=cr.now(),
                partners=[partners[rows[i][0]] for i in order],
                keys=[rows[i][1] for i in order],
                kinds=[rows[i][2] for i in order],
                dates=[rows[i][3] for i in order],
                amounts=[rows[i][4] for i in order],
                quantities=[rows[i][5] for i in order],
                currencies=[rows[i][6] for i in order],
                descriptions=[rows[i][7] for i in order],
            )
        )
        written = dict(cr.fetchall())
        for index in order:
            key = rows[index][1]
            status = "unchanged" if key not in written else ("created" if written[key] else "updated")
            results[index].update(status=status, partner_id=partners[rows[index][0]])
        Transaction.invalidate_model()
        return results


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
