# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.text_fold import ensure_sql_fold, sql_fold

_logger = logging.getLogger(__name__)

TURKISH_COLLATION = "tr-TR-x-icu"  # PostgreSQL's ICU collation (Debian's builds have ICU)
TURKISH_SORTED = ("complete_name", "name")
FOLDED_SEARCH = ("complete_name",)  # the search bar and name_search; trigram-indexed


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_is_customer = fields.Boolean(
        string="Is a customer",
        compute="_compute_cxm_is_customer",
        search="_search_cxm_is_customer",
        help="Not the staff (partners of internal users), not this database's companies, not OdooBot nor the "
        "public user.",
    )

    def init(self):
        res = super().init()
        # cxm_fold(text): the suite's one folding of names and free text (tools/text_fold.py),
        # with a trigram index on the folded display name when pg_trgm can be had
        ensure_sql_fold(self.env.cr)
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", log_exceptions=False)
                self.env.cr.execute(
                    SQL(
                        "CREATE INDEX IF NOT EXISTS res_partner_cxm_fold_complete_name_idx"
                        " ON res_partner USING gin (%s gin_trgm_ops)",
                        sql_fold(SQL.identifier("complete_name")),
                    ),
                    log_exceptions=False,
                )
        except Exception as exc:
            _logger.info("pg_trgm not available (%s): folded partner names are searched without an index", exc)
        return res

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Names are also found Turkish-folded (tools/text_fold.py): YILMAZ and yilmaz find the
        Turkish spelling with a dotless i, with or without PostgreSQL's unaccent, whatever the
        database collation; in name_search and the search bar (complete_name)."""
        return super()._search(Domain(domain).map_conditions(self._cxm_fold_condition), *args, **kwargs)

    @api.model
    def _search_display_name(self, operator, value):
        # name_search and display_name conditions: base's domain on complete_name, folded the same way
        domain = super()._search_display_name(operator, value)
        if isinstance(domain, (list, tuple, Domain)):
            domain = Domain(domain).map_conditions(self._cxm_fold_condition)
        return domain

    @api.model
    def _cxm_fold_condition(self, condition):
        value = condition.value
        if not (
            condition.field_expr in FOLDED_SEARCH
            and condition.operator == "ilike"
            and isinstance(value, str)
            and value.strip()
            and not any(char in value for char in "%_\\")  # explicit wildcards: Odoo's ILIKE as asked
        ):
            return condition
        # the ids whose folded name holds the folded value: a subquery on the trigram index of
        # cxm_fold(complete_name), evaluated once even when the search bar ORs it with the e-mail,
        # reference and tax id conditions (the folded condition finds all that Odoo's unaccent
        # ILIKE finds, and Turkish spellings and extra spaces too)
        return Domain(
            "id",
            "in",
            SQL(
                "SELECT id FROM res_partner WHERE %s LIKE '%%' || %s || '%%'",
                sql_fold(SQL.identifier(condition.field_expr)),
                sql_fold(SQL("%s", value)),
            ),
        )

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """For Turkish readers, names sort in Turkish alphabetical order (C, Ç, ... I, İ, ... S, Ş),
        through PostgreSQL's ICU collation; Odoo's databases use the C collation otherwise."""
        sql = super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        if field_name in TURKISH_SORTED and (self.env.lang or "").startswith("tr") and self._cxm_has_tr_collation():
            sql_field = self._field_to_sql(alias, field_name, query)
            return SQL("%s COLLATE %s %s %s", sql_field, SQL.identifier(TURKISH_COLLATION), direction, nulls)
        return sql

    def _cxm_has_tr_collation(self):
        registry = self.env.registry
        if not hasattr(registry, "_cxm_tr_collation"):
            self.env.cr.execute(SQL("SELECT 1 FROM pg_collation WHERE collname = %s", TURKISH_COLLATION))
            registry._cxm_tr_collation = bool(self.env.cr.fetchone())
        return registry._cxm_tr_collation

    def _cxm_not_customer_ids(self):
        # every company of this database, whatever the reader's companies (archived ones too)
        self.env["res.company"].flush_model(["partner_id"])
        self.env.cr.execute(SQL("SELECT partner_id FROM res_company"))
        company_partners = {row[0] for row in self.env.cr.fetchall()}
        xmlids = ("base.partner_root", "base.public_partner")
        technical = (self.env.ref(xmlid, raise_if_not_found=False) for xmlid in xmlids)
        return company_partners | {partner.id for partner in technical if partner}

    def _compute_cxm_is_customer(self):
        not_customers = self._cxm_not_customer_ids()
        for partner in self:
            partner.cxm_is_customer = partner.partner_share and partner.id not in not_customers

    def _search_cxm_is_customer(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        customers = Domain("partner_share", "=", True) & Domain("id", "not in", list(self._cxm_not_customer_ids()))
        return customers if (operator == "=") == value else ~customers
