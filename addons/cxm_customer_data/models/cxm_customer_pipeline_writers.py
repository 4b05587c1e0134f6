# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from collections import defaultdict

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL

from .customer_records import (
    COMPARED_COLUMNS,
    _stock_company_registry,
)

_logger = logging.getLogger(__name__)


class CxmCustomerPipelineWriters(models.AbstractModel):
    """Set-based writers of the pipeline: partners, tags, attributes and identity keys in few statements."""

    _name = "cxm.customer.pipeline.writers"
    _description = "Customer upsert: set-based writers"

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
        """Insert new partners set-based, each row written once: the stored
        computed fields that follow from the row and its parent (commercial
        partner, commercial company name, display name, salesperson, language,
        e-mail/phone normalised forms) are computed here the way res.partner
        computes them, and one INSERT ... SELECT FROM json_to_recordset()
        writes everything, taking the ids from the sequence and returning them. Stored computed
        fields of other modules are computed before the insert on new records
        (``_precompute_others``), or left to the ORM (add_to_compute)."""
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
        # column by column: a value of each row for the columns that vary, one for the constant ones
        given = list(dict.fromkeys(name for vals in vals_list for name in vals))
        columns = {name: [vals.get(name) for vals in vals_list] for name in given}
        constants = {name: value for name, value in row_base.items() if name not in columns}
        for name, value in row_base.items():
            if name in columns:  # a default some rows override
                columns[name] = [vals.get(name, value) for vals in vals_list]
        commercial, commercial_names, complete_names, users, langs = [], [], [], [], []
        base = {name: row_base.get(name) for name in ("name", "is_company", "parent_id")}
        user_given = "user_id" in columns or "user_id" in row_base
        for vals in vals_list:
            name = (vals.get("name", base["name"]) or "").strip()
            is_company = bool(vals.get("is_company", base["is_company"]))
            parent_id = vals.get("parent_id", base["parent_id"])
            parent = parent_info.get(parent_id) if parent_id else None
            if is_company or not parent:
                commercial.append(None)  # its own id, given by the INSERT
                commercial_names.append(name if is_company else None)
            else:
                commercial.append(parent["commercial_partner_id"])
                commercial_names.append(parent["commercial_name"])
            user_id = vals.get("user_id", row_base.get("user_id")) if user_given else None
            if parent and not is_company:
                complete_names.append(f"{commercial_names[-1] or parent['name']}, {name}".strip())
                if "user_id" not in vals and "user_id" not in row_base:
                    user_id = parent["user_id"]
            else:
                complete_names.append(name)
            users.append(user_id)
            langs.append(vals.get("lang") or (parent and parent["lang"]) or default_lang)
        columns.update(
            commercial_partner_id=commercial,
            commercial_company_name=commercial_names,
            complete_name=complete_names,
            lang=langs,
        )
        if any(users):
            columns["user_id"] = users
        if "email_normalized" in fields_:
            columns["email_normalized"] = columns.get("email") or [None] * len(vals_list)
        if "phone_sanitized" in fields_:
            columns["phone_sanitized"] = columns.get("phone") or [None] * len(vals_list)
        later = self._precompute_others(columns, vals_list, row_base, handled)
        for name in [name for name in constants if name in columns]:  # computed above for each row
            del constants[name]
        names = sorted(columns)
        for name in names:
            if fields_[name].type != "boolean":  # False is the ORM's empty value: NULL in the table
                columns[name] = [None if value is False else value for value in columns[name]]
        # the rows travel as one JSON document, only the columns that vary, under short keys (psycopg2
        # would adapt every value of every column in Python, holding the GIL the other workers need)
        keys = [f"c{position}" for position in range(len(names))]
        payload = json.dumps(
            [dict(zip(keys, values, strict=True)) for values in zip(*(columns[name] for name in names), strict=True)],
            default=str,
            ensure_ascii=False,
        )
        types = {name: fields_[name].column_type[1] for name in (*names, *constants)}
        const_names = sorted(constants)
        # a JSON value (company-dependent default, ...) goes in as the JSON document it is
        const_values = [
            json.dumps(constants[name], default=str) if types[name] == "jsonb" else constants[name]
            for name in const_names
        ]
        # the id comes from the sequence in the INSERT itself (one round trip), once per row in a
        # subquery so that a partner that is its own commercial partner gets the same value twice
        values = [
            SQL("COALESCE(%s, s.id)", SQL.identifier("s", key))
            if name == "commercial_partner_id"
            else SQL.identifier("s", key)
            for key, name in zip(keys, names, strict=True)
        ]
        cr.execute(
            SQL(
                """INSERT INTO res_partner (id, %(columns)s, %(const_columns)s
                                            create_uid, create_date, write_uid, write_date)
                   SELECT s.id, %(values)s, %(const_values)s %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM (SELECT nextval(%(sequence)s) AS id, q.*
                             FROM json_to_recordset(%(payload)s::json) AS q(%(definitions)s)) AS s
                RETURNING id, create_date""",
                columns=SQL(", ").join(SQL.identifier(name) for name in names),
                const_columns=SQL("").join(SQL("%s, ", SQL.identifier(name)) for name in const_names),
                values=SQL(", ").join(values),
                definitions=SQL(", ").join(
                    SQL("%s %s", SQL.identifier(key), SQL(types[name])) for key, name in zip(keys, names, strict=True)
                ),
                const_values=SQL("").join(
                    SQL("%s::%s, ", value, SQL(types[name]))
                    for name, value in zip(const_names, const_values, strict=True)
                ),
                sequence=f"{Partner._table}_id_seq",
                payload=payload,
                uid=self.env.uid,
                now=SQL("(now() AT TIME ZONE 'UTC')"),  # cr.now() would be one more round trip
            )
        )
        rows = cr.fetchall()
        self._cxm_known_now(rows[0][1])
        # the rows are read and numbered in the order of the document: ascending ids, in that order
        ids = sorted(row[0] for row in rows)
        records = Partner.browse(ids)
        for field in later:
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
