# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
import logging
from collections import defaultdict

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL, mute_logger

from odoo.addons.cxm_partner_identity.normalize import (
    normalize_external_key,
)

from .customer_records import (
    ADDRESS_FIELDS,
    COMPARED_COLUMNS,
    IDENTITY_COLUMNS,
    MATCH_ORDER,
    _clean_text,
    parent_levels,
)

_logger = logging.getLogger(__name__)

#: what json.dumps(record, sort_keys=True, default=str, ensure_ascii=False) does, without a new encoder per record
_PAYLOAD_ENCODER = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False)


class CxmCustomerPipelineUpsert(models.AbstractModel):
    """The upsert itself: unchanged records skipped by hash, matching on keys, parents before their contacts."""

    _name = "cxm.customer.pipeline.upsert"
    _description = "Customer upsert: matching and waves"

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
                payload = _PAYLOAD_ENCODER.encode(record)
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
                """SELECT value, partner_id, payload_hash, (now() AT TIME ZONE 'UTC') FROM cxm_partner_identity
                    WHERE key_type = 'external' AND source_id = %s AND value = ANY(%s)""",
                source.id,
                list({key for key, _digest in digests.values()}),
            )
        )
        rows = self.env.cr.fetchall()
        if rows:  # the write date of the partners updated next, without a query of its own
            self._cxm_known_now(rows[0][3])
        stored = {value: (partner_id, digest) for value, partner_id, digest, _now in rows}
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
