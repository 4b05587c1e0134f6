# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from odoo.addons.cxm_base.tools import CLOSE, notification

from ..normalize import (
    compact_id,
    normalize_email,
    normalize_external_key,
    normalize_vat,
)

_logger = logging.getLogger(__name__)

KEY_TYPES = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("national_id", "National ID"),
    ("vat", "Tax ID"),
    ("external", "External Key"),
]
DERIVED_TYPES = ("phone", "email", "national_id", "vat")
LOOKUP_KEYS = {"phone", "email", "national_id", "vat", "external_key", "source"}
LOOKUP_MAX = 10000


class CxmPartnerIdentity(models.Model):
    """One normalised identity key of a partner. Phone, e-mail, national id
    and VAT keys are derived from the partner's fields and kept in step by the
    partner's create/write (set-based SQL, once per transaction or before the
    next read of the keys, whichever comes first); external keys (one per source
    instance and external id) are written explicitly by integrations."""

    _name = "cxm.partner.identity"
    _inherit = ["cxm.partner.identity.sync"]
    _description = "Partner Identity Key"
    _log_access = False
    _order = "partner_id, key_type, value"
    _rec_name = "value"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    key_type = fields.Selection(KEY_TYPES, required=True)
    value = fields.Char(required=True, help="Normalised key: E.164 phone, lower-case e-mail, compact id.")
    source_id = fields.Many2one(
        "cxm.integration.instance",
        ondelete="restrict",
        help="Integration instance the external key belongs to.",
    )
    company_id = fields.Many2one(
        "res.company", help="Company of the partner (empty: partner shared between companies)."
    )

    _key_type_value_idx = models.Index("(key_type, value)")
    _external_key_unique = models.UniqueIndex(
        "(source_id, value) WHERE key_type = 'external'",
        "An external key can belong to one customer only per source system.",
    )
    _external_needs_source = models.Constraint(
        "CHECK (key_type != 'external' OR source_id IS NOT NULL)",
        "An external key needs its source integration instance.",
    )

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        """Only external keys are created directly: the other keys are
        derived from the partner's own fields."""
        partners = self.env["res.partner"].browse(
            [vals.get("partner_id") for vals in vals_list if vals.get("partner_id")]
        )
        partners.check_access("write")
        for vals in vals_list:
            if vals.get("key_type", "external") != "external":
                raise ValidationError(
                    self.env._(
                        "Phone, e-mail, national id and tax id keys come from the customer's own fields: "
                        "edit the customer."
                    )
                )
            vals["key_type"] = "external"
            value = normalize_external_key(vals.get("value"))
            if not value:
                raise ValidationError(self.env._("An external key cannot be empty."))
            vals["value"] = value
            vals["company_id"] = self.env["res.partner"].browse(vals.get("partner_id")).company_id.id or False
        self._cxm_check_external_free(
            [(vals.get("source_id"), vals["value"], vals.get("partner_id")) for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"value", "source_id"} or self.filtered(lambda key: key.key_type != "external"):
            raise ValidationError(self.env._("Only the value and source of an external key can be changed."))
        if "value" in vals:
            vals["value"] = normalize_external_key(vals["value"])
            if not vals["value"]:
                raise ValidationError(self.env._("An external key cannot be empty."))
        self.partner_id.check_access("write")
        self._cxm_check_external_free(
            [(vals.get("source_id", key.source_id.id), vals.get("value", key.value), key.partner_id.id) for key in self]
        )
        return super().write(vals)

    @api.model
    def _cxm_check_external_free(self, triples):
        """Raise a clear error when an external key (source, value) already
        belongs to another partner (the unique index is the final guard under
        concurrency)."""
        triples = [(source, value, partner) for source, value, partner in triples if source and value]
        if not triples:
            return
        self.flush_model()
        seen = {}
        for source, value, partner in triples:
            if seen.setdefault((source, value), partner) != partner:
                raise ValidationError(
                    self.env._("External key %(key)s is given to two customers in the same batch.", key=value)
                )
        self.env.cr.execute(
            SQL(
                """SELECT i.value, i.partner_id, s.code
                     FROM cxm_partner_identity i
                     JOIN unnest(%s::int[], %s::varchar[], %s::int[]) AS q(source_id, value, partner_id)
                       ON i.key_type = 'external' AND i.source_id = q.source_id AND i.value = q.value
                     JOIN cxm_integration_instance s ON s.id = i.source_id
                    WHERE i.partner_id != q.partner_id
                    LIMIT 1""",
                [t[0] for t in triples],
                [t[1] for t in triples],
                [t[2] for t in triples],
            )
        )
        row = self.env.cr.fetchone()
        if row:
            raise ValidationError(
                self.env._(
                    "External key %(key)s of source %(instance)s already belongs to another customer (id %(partner)s).",
                    key=row[0],
                    instance=row[2],
                    partner=row[1],
                )
            )

    # ------------------------------------------------------------ actions
    @api.model
    def action_rebuild_all(self):
        """Repair: recompute every derived key from the partners' fields."""
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only Customer Experience managers can rebuild identity keys."))
        count = self.sudo()._cxm_rebuild_all()
        return notification(self.env._("%(count)s identity keys rebuilt.", count=count), "success", then=CLOSE)

    # ------------------------------------------------------------ look-up API
    @api.model
    def cxm_lookup(self, values):
        """Find partners by identity keys, in batch.

        :param values: list of dicts with any of ``phone``, ``email``,
            ``national_id``, ``vat``, ``external_key`` (with ``source``: an
            integration instance id or code; without it any source matches).
        :return: a list in the same order, each a list of
            ``{"partner_id": int, "key_type": str, "key": str}`` (the
            normalised key that matched), restricted to the caller's allowed
            companies and to the partners the caller can read.
        """
        if not isinstance(values, (list, tuple)):
            raise ValidationError(self.env._("The look-up expects a list of dicts."))
        if len(values) > LOOKUP_MAX:
            raise ValidationError(self.env._("At most %(max)s look-ups per call.", max=LOOKUP_MAX))
        self.check_access("read")
        company = self.env.company
        country_code = (company.cxm_phone_region_id or company.country_id).code
        sources = {}
        idxs, types, keys, source_ids = [], [], [], []
        for idx, entry in enumerate(values):
            if not isinstance(entry, dict):
                raise ValidationError(self.env._("Look-up %(index)s is not a dict.", index=idx))
            unknown = set(entry) - LOOKUP_KEYS
            if unknown:
                raise ValidationError(
                    self.env._("Unknown look-up key(s): %(keys)s.", keys=", ".join(sorted(map(str, unknown))))
                )
            for name, raw in entry.items():
                if raw in (None, False, "") or name == "source":
                    continue
                if not isinstance(raw, (str, int)) or isinstance(raw, bool):
                    raise ValidationError(self.env._("Look-up value %(name)s must be a string.", name=name))
                value = str(raw)
                key_type, source_id = name, None
                if name == "phone":
                    key = company._cxm_normalize_phone(value)
                elif name == "email":
                    key = normalize_email(value)
                elif name == "national_id":
                    key = compact_id(value)
                elif name == "vat":
                    key = normalize_vat(value, country_code) or compact_id(value)
                else:
                    key_type, key = "external", normalize_external_key(value)
                    source = entry.get("source")
                    if source not in (None, False, ""):
                        if source not in sources:
                            sources[source] = self._cxm_resolve_source(source)
                        source_id = sources[source]
                if key:
                    idxs.append(idx)
                    types.append(key_type)
                    keys.append(key)
                    source_ids.append(source_id)
        result = [[] for _entry in values]
        if not idxs:
            return result
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT q.idx, i.partner_id, i.key_type, i.value
                     FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::int[])
                          AS q(idx, key_type, value, source_id)
                     JOIN cxm_partner_identity i
                       ON i.key_type = q.key_type AND i.value = q.value
                      AND (q.source_id IS NULL OR i.source_id = q.source_id)
                    WHERE i.company_id IS NULL OR i.company_id = ANY(%s)
                    ORDER BY q.idx, i.partner_id, i.key_type""",
                idxs,
                types,
                keys,
                source_ids,
                self.env.companies.ids,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return result
        # record rules and archived partners: only what the caller can read
        readable = set(self.env["res.partner"]._search([("id", "in", list({row[1] for row in rows}))]))
        done = set()
        for idx, partner_id, key_type, key in rows:
            if partner_id in readable and (idx, partner_id, key_type, key) not in done:
                done.add((idx, partner_id, key_type, key))
                result[idx].append({"partner_id": partner_id, "key_type": key_type, "key": key})
        return result

    @api.model
    def _cxm_resolve_source(self, source):
        """Integration instance id for an id or a code, as the caller. Archived instances are unknown,
        whatever the caller's context says (``active_test`` is not the caller's to turn off)."""
        Instance = self.env["cxm.integration.instance"].with_context(active_test=True)
        # one query that also loads what callers read next (state, company)
        fnames = ["company_id", "state"]
        if isinstance(source, int) and not isinstance(source, bool):
            instance = Instance.search_fetch([("id", "=", source)], fnames, limit=1)
        else:
            instance = Instance.search_fetch(
                [("code", "=", str(source)), ("company_id", "in", self.env.companies.ids)], fnames, limit=1
            )
        if not instance:
            raise ValidationError(self.env._("Unknown integration instance: %(instance)s.", instance=source))
        return instance.id
