# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.cxm_base.tools import RELOAD, notification
from odoo.addons.cxm_base.tools.text_fold import ensure_sql_fold

from .cxm_duplicate_pairs import MAX_GROUP_SIZE

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
        # Names are compared folded by the suite's one function, cxm_fold (cxm_base.tools.text_fold:
        # Turkish letters, accents with unaccent when it can be had, case, spaces); the similar-names
        # pass needs pg_trgm (a trusted extension since PostgreSQL 13) and is off without it.
        ensure_sql_fold(self.env.cr)
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", log_exceptions=False)
        except Exception as exc:
            _logger.info("pg_trgm extension not available (%s): similar names are not searched", exc)

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
        return notification(
            self.env._("%(count)s new groups of possible duplicates.", count=len(groups)), "info", then=RELOAD
        )

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
