# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# minimum name similarity (pg_trgm) for a shared key to mean "same customer"
MIN_SIMILARITY = {"national_id": 0.0, "email": 0.3, "phone": 0.45}
BASE_SCORE = {"national_id": 1.0, "email": 0.8, "phone": 0.6}


class CxmDuplicateGroup(models.Model):
    """Customers that look like the same person or company: found by equal
    normalised keys (national id, e-mail, phone) confirmed by name similarity
    (PostgreSQL pg_trgm); reviewed and merged set-based."""

    _name = "cxm.duplicate.group"
    _description = "Duplicate Customers"
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

    @api.depends("partner_ids")
    def _compute_name(self):
        for group in self:
            group.name = " / ".join(group.partner_ids[:3].mapped("display_name"))

    # ------------------------------------------------------------ detection
    @api.model
    def _cxm_detect(self, company_ids=None):
        """Find duplicate groups among active customers of ``company_ids``
        (default: the caller's companies); returns the new groups."""
        cr = self.env.cr
        company_ids = company_ids or self.env.companies.ids
        self.env.flush_all()
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        folded = bool(cr.fetchone())
        name_a = SQL("unaccent(a.name)") if folded else SQL("a.name")
        name_c = SQL("unaccent(c.name)") if folded else SQL("c.name")
        cr.execute(
            SQL(
                """WITH blocks AS (
                       SELECT i.key_type, i.value, array_agg(DISTINCT i.partner_id) AS ids
                         FROM cxm_partner_identity i
                         JOIN res_partner p ON p.id = i.partner_id AND p.active
                        WHERE i.key_type IN ('national_id', 'email', 'phone')
                          AND (i.company_id IS NULL OR i.company_id = ANY(%(companies)s))
                     GROUP BY i.key_type, i.value
                       HAVING count(DISTINCT i.partner_id) BETWEEN 2 AND 20
                   )
                   SELECT b.key_type, b.value, a.id, c.id, similarity(%(name_a)s, %(name_c)s)
                     FROM blocks b
                     JOIN res_partner a ON a.id = ANY(b.ids)
                     JOIN res_partner c ON c.id = ANY(b.ids) AND c.id > a.id
                    -- a contact and its own company share keys on purpose
                    WHERE a.id IS DISTINCT FROM c.parent_id AND c.id IS DISTINCT FROM a.parent_id
                      AND COALESCE(a.is_company, FALSE) = COALESCE(c.is_company, FALSE)""",
                companies=company_ids,
                name_a=name_a,
                name_c=name_c,
            )
        )
        pairs = {}
        for key_type, value, left, right, similarity in cr.fetchall():
            if similarity < MIN_SIMILARITY[key_type]:
                continue
            score = min(1.0, BASE_SCORE[key_type] + (1 - BASE_SCORE[key_type]) * similarity)
            reason = self.env._("same %(key)s %(value)s", key=key_type.replace("_", " "), value=value)
            best = pairs.get((left, right))
            if not best or best[0] < score:
                pairs[(left, right)] = (score, reason, key_type)
        # connected components of the pairs
        parent = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for left, right in pairs:
            parent[find(left)] = find(right)
        components = {}
        for left, right in pairs:
            components.setdefault(find(left), set()).update((left, right))
        cr.execute(SQL("SELECT partner_key FROM cxm_duplicate_group WHERE partner_key IS NOT NULL"))
        known = {row[0] for row in cr.fetchall()}
        Partner = self.env["res.partner"]
        vals_list = []
        for members_ids in components.values():
            ids = sorted(members_ids)
            key = ",".join(map(str, ids))
            if key in known:
                continue
            members = [pairs[p] for p in pairs if p[0] in ids]
            partners = Partner.browse(ids)
            vals_list.append(
                {
                    "auto_merge": all(pairs[p][2] == "national_id" for p in pairs if p[0] in ids),
                    "partner_ids": [(6, 0, ids)],
                    "master_id": min(partners, key=lambda p: (p.create_date, p.id)).id,
                    "score": max(m[0] for m in members),
                    "reason": "; ".join(sorted({m[1] for m in members}))[:250],
                    "partner_key": key,
                    "company_id": partners[0].company_id.id,
                }
            )
        auto = [vals.pop("auto_merge") for vals in vals_list]
        groups = self.create(vals_list)
        if self.env["ir.config_parameter"].sudo().get_param("cxm_customer_data.auto_merge_national_id"):
            # configured rule: the same national id is the same person
            to_merge = groups.filtered(lambda g: auto[groups.ids.index(g.id)])
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
