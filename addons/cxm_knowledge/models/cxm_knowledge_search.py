# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.cxm_base.tools.text_fold import fold

QUERY_MAX = 100


class CxmKnowledgeSearch(models.Model):
    """What customers searched in the help centre, one row per day, company and (folded) query with how
    many times it was searched and how many articles the last search found: "top searches with no
    result" tell editors which articles are missing."""

    _name = "cxm.knowledge.search"
    _description = "Knowledge Search"
    _order = "day desc, search_count desc, id"

    day = fields.Date(required=True, index=True, readonly=True)
    query = fields.Char(required=True, readonly=True, help="The words searched, folded (lower case, no accents).")
    search_count = fields.Integer(string="Searches", readonly=True, aggregator="sum")
    result_count = fields.Integer(string="Results", readonly=True, aggregator="min", help="Articles found last time.")
    no_result = fields.Boolean(readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)

    _day_query_unique = models.Constraint("UNIQUE(day, company_id, query)", "One row per day, company and query.")

    @api.model
    def _cxm_log(self, text, result_count):
        """Count one search (one upsert: the table grows by distinct queries per day, not by searches)."""
        query = " ".join(fold(text or "").split())[:QUERY_MAX]
        if not query:
            return
        # the row is the system's statistics: written as one SQL upsert for any visitor
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxm_knowledge_search
                       (day, company_id, query, search_count, result_count, no_result, create_uid, create_date,
                        write_uid, write_date)
                   VALUES (CURRENT_DATE, %(company)s, %(query)s, 1, %(results)s, %(none)s, %(uid)s,
                           NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT (day, company_id, query) DO UPDATE
                      SET search_count = cxm_knowledge_search.search_count + 1,
                          result_count = EXCLUDED.result_count, no_result = EXCLUDED.no_result,
                          write_date = EXCLUDED.write_date""",
                company=self.env.company.id,
                query=query,
                results=int(result_count),
                none=not result_count,
                uid=self.env.uid,
            )
        )

    @api.model
    def cxm_top_unanswered(self, limit=10, date_from=None):
        """The searches that found nothing, most searched first: ``[(query, searches)]``."""
        domain = [("no_result", "=", True)] + ([("day", ">=", date_from)] if date_from else [])
        groups = self._read_group(domain, ["query"], ["search_count:sum"], order="search_count:sum desc", limit=limit)
        return [(query, count) for query, count in groups]
