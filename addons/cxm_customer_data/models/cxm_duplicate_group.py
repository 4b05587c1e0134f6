# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .cxm_duplicate_pairs import FOLD_FROM, FOLD_FUNCTION, FOLD_TO, MAX_GROUP_SIZE

_logger = logging.getLogger(__name__)


class CxmDuplicateGroup(models.Model):
    """Customers that look like the same person or company: found by equal
    normalised keys (national id, e-mail, phone) confirmed by name similarity
    (PostgreSQL pg_trgm); reviewed and merged set-based."""

    _name = "cxm.duplicate.group"
    _description = "Duplicate Customers"
    _inherit = ["cxm.duplicate.pairs"]
    _order = "score desc, id"

    name = fields.Char(compute="_compute_name")
    partner_ids = fields.Many2many("res.partner", string="Customers", context={"active_test": False})
    master_id = fields.Many2one(
        "res.partner", string="Keep", help="Customer kept by the merge (the oldest by default)."
    )
    score = fields.Float(digits=(3, 2))
    reason = fields.Char()
    partner_key = fields.Char(index=True, help="Sorted ids of the customers, to remember decisions.")
    state = fields.Selection(
        [("review", "To review"), ("later", "Later"), ("distinct", "Not duplicates"), ("merged", "Merged")],
        default="review",
        required=True,
    )
    company_id = fields.Many2one("res.company", index=True)
    match_kind = fields.Selection(
        [("key", "Shared key"), ("name", "Similar names")],
        default="key",
        help="Shared key: the customers share a national id, e-mail or phone. Similar names: they share no key, "
        "their names are very similar and nothing contradicts it (same city, company or address, no other id).",
    )
    merge_log_id = fields.Many2one("cxm.merge.log", readonly=True)

    def init(self):
        # Names are compared letter-folded (Boğaziçi = Bogazici) when PostgreSQL's
        # unaccent extension can be had; it is a trusted extension since
        # PostgreSQL 13, so the database owner may create it.
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent", log_exceptions=False)
        except Exception as exc:
            _logger.info("unaccent extension not available (%s): names are compared as written", exc)
        self._cxm_init_fold_function()

    def _cxm_init_fold_function(self):
        """``cxm_fold_name(text)``: the name as the similar-names pass compares
        it (letters folded by unaccent and a Turkish table, lower case, single
        spaces). Declared IMMUTABLE (unaccent() itself is only STABLE) so that
        it may serve in indexes. Without pg_trgm the pass is off."""
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", log_exceptions=False)
        except Exception as exc:
            _logger.info("pg_trgm extension not available (%s): similar names are not searched", exc)
            return
        cr.execute(
            SQL(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'unaccent'"
            )
        )
        row = cr.fetchone()
        # translate() first: unaccent does not fold the dotted capital I before lower()
        folded = f"translate($1, '{FOLD_FROM}', '{FOLD_TO}')"
        if row:
            schema = row[0].replace('"', '""')
            # the two-argument form with a schema-qualified dictionary does not
            # depend on search_path, so the wrapper may be declared IMMUTABLE
            folded = f'"{schema}".unaccent(\'"{schema}".unaccent\'::regdictionary, {folded})'
        body = f" SELECT btrim(regexp_replace(lower({folded}), '\\s+', ' ', 'g')) "
        cr.execute(
            SQL(
                "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE p.proname = %s AND n.nspname = current_schema()",
                FOLD_FUNCTION,
            )
        )
        row = cr.fetchone()
        if not row or row[0] != body:
            cr.execute(
                SQL(
                    "CREATE OR REPLACE FUNCTION %s(text) RETURNS text"
                    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %s",
                    SQL.identifier(FOLD_FUNCTION),
                    body,
                )
            )

    @api.depends("partner_ids")
    def _compute_name(self):
        for group in self:
            group.name = " / ".join(group.partner_ids[:3].mapped("display_name"))

    # ------------------------------------------------------------ detection
    @api.model
    def _cxm_detect(self, company_ids=None):
        """Find duplicate groups among active customers of ``company_ids``
        (default: the caller's companies); returns the new groups.

        Two passes: customers sharing a normalised key (national id, e-mail,
        phone) whose names are similar enough for that key, then customers
        sharing no key whose letter-folded names are trigram neighbours
        (``cxm_customer_data.name_similarity``) and that nothing contradicts
        (see :meth:`_cxm_name_pairs`). Groups are connected components of the
        pairs; similar names never grow a group beyond ``MAX_GROUP_SIZE``."""
        company_ids = company_ids or self.env.companies.ids
        self.env.flush_all()
        threshold = self._cxm_name_threshold()
        pairs = self._cxm_key_pairs(company_ids)
        name_pairs = self._cxm_name_pairs(company_ids, threshold) if threshold else {}
        # connected components: key pairs first, then similar names while the group stays small
        parent, size = {}, {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(left, right):
            left, right = find(left), find(right)
            if left != right:
                parent[left] = right
                size[right] = size.get(right, 1) + size.get(left, 1)

        for left, right in pairs:
            union(left, right)
        # keys per group: similar names never join two groups holding different
        # national ids, nor different e-mails or phones unless the address or company vouches
        group_keys = {}
        if name_pairs:
            self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
            self.env.cr.execute(
                SQL(
                    """SELECT partner_id, key_type, array_agg(value) FROM cxm_partner_identity
                        WHERE key_type IN ('national_id', 'vat', 'email', 'phone') AND partner_id = ANY(%s)
                     GROUP BY partner_id, key_type""",
                    list({pid for pair in (*pairs, *name_pairs) for pid in pair}),
                )
            )
            for partner_id, key_type, values in self.env.cr.fetchall():
                group_keys.setdefault(find(partner_id), {}).setdefault(key_type, set()).update(values)
        for (left, right), pair in sorted(name_pairs.items(), key=lambda item: (-item[1][0], item[0])):
            if (left, right) in pairs:
                continue
            root_left, root_right = find(left), find(right)
            if root_left == root_right:
                pairs[(left, right)] = pair
                continue
            if size.get(root_left, 1) + size.get(root_right, 1) > MAX_GROUP_SIZE:
                continue
            keys_left, keys_right = group_keys.get(root_left, {}), group_keys.get(root_right, {})
            conflicts = {
                key_type
                for key_type in set(keys_left) & set(keys_right)
                if not keys_left[key_type] & keys_right[key_type]
            }
            if conflicts & {"national_id", "vat"} or (conflicts and not pair[3]):
                continue
            pairs[(left, right)] = pair
            union(left, right)
            merged = {
                key_type: keys_left.get(key_type, set()) | keys_right.get(key_type, set())
                for key_type in {*keys_left, *keys_right}
            }
            group_keys[find(left)] = merged
        components = {}
        for (left, right), pair in pairs.items():
            members, edges = components.setdefault(find(left), (set(), []))
            members.update((left, right))
            edges.append(pair)
        cr = self.env.cr
        cr.execute(SQL("SELECT partner_key FROM cxm_duplicate_group WHERE partner_key IS NOT NULL"))
        known = {row[0] for row in cr.fetchall()}
        Partner = self.env["res.partner"]
        vals_list, auto = [], []
        for members_ids, edges in components.values():
            ids = sorted(members_ids)
            key = ",".join(map(str, ids))
            if key in known:
                continue
            partners = Partner.browse(ids)
            auto.append(all(edge[2] == "national_id" for edge in edges))
            vals_list.append(
                {
                    "partner_ids": [(6, 0, ids)],
                    "master_id": min(partners, key=lambda p: (p.create_date, p.id)).id,
                    "score": max(edge[0] for edge in edges),
                    "reason": "; ".join(sorted({edge[1] for edge in edges}))[:250],
                    "partner_key": key,
                    "company_id": partners[0].company_id.id,
                    "match_kind": "name" if all(edge[2] == "name" for edge in edges) else "key",
                }
            )
        groups = self.create(vals_list)
        if self.env["ir.config_parameter"].sudo().get_param("cxm_customer_data.auto_merge_national_id"):
            # configured rule: the same national id is the same person
            to_merge = self.browse(group.id for group, is_auto in zip(groups, auto, strict=True) if is_auto)
            if to_merge:
                to_merge._cxm_merge_groups()
        return groups

    @api.model
    def _cron_detect(self):
        """Scheduled action: detect (and auto-merge by rule) in every company."""
        for company in self.env["res.company"].search([("active", "=", True)]):
            self.with_company(company)._cxm_detect(company.ids)
            self.env["ir.cron"]._commit_progress(1)

    def action_detect(self):
        """Button/menu: detect duplicates of the caller's companies (the
        selected groups, if any, do not matter)."""
        self._cxm_check_manager()
        groups = self.browse()._cxm_detect()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("%(count)s new groups of possible duplicates.", count=len(groups)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _cxm_check_manager(self):
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only Customer Experience managers can review duplicates."))

    # ------------------------------------------------------------ review
    def action_merge(self):
        self._cxm_check_manager()
        self._cxm_merge_groups()
        return True

    def _cxm_merge_groups(self):
        groups = self.filtered(lambda g: g.state in ("review", "later"))
        pairs = []
        for group in groups:
            master = group.master_id or group.partner_ids[:1]
            pairs.append((master, group.partner_ids.exists() - master))
        logs = self.env["cxm.merge.log"]._cxm_merge_groups(pairs) if pairs else []
        for group, log in zip(groups, logs, strict=True):
            group.write({"state": "merged", "merge_log_id": log.id})

    def action_distinct(self):
        self._cxm_check_manager()
        self.write({"state": "distinct"})

    def action_later(self):
        self._cxm_check_manager()
        self.write({"state": "later"})
