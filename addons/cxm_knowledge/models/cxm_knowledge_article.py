# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF003
import re

from odoo import api, fields, models
from odoo.tools import SQL, html2plaintext

from odoo.addons.cxm_base.tools.text_fold import fold

VISIBILITY = [("public", "Public"), ("signed_in", "Signed-in customers"), ("internal", "Internal (agents only)")]
# One expression for the GIN index and for the queries that must use it: title weighs more than body;
# both folded by the suite's one rule (Turkish i/ı/İ, accents, case) and split without stemming.
TSV = SQL(
    "(setweight(to_tsvector('simple', cxm_fold(coalesce(cxm_knowledge_article.name, ''))), 'A')"
    " || setweight(to_tsvector('simple', cxm_fold(coalesce(cxm_knowledge_article.body_text, ''))), 'B'))"
)
TOKEN_RE = re.compile(r"[0-9a-z]+")
MAX_TOKENS = 8


def _lang_get(self):
    return self.env["res.lang"].get_installed()


class CxmKnowledgeArticle(models.Model):
    _name = "cxm.knowledge.article"
    _description = "Knowledge Article"
    _order = "sequence, id desc"

    name = fields.Char(string="Title", required=True)
    sequence = fields.Integer(default=10)
    body = fields.Html(sanitize=True)
    body_text = fields.Text(compute="_compute_body_text", store=True, help="Plain text of the body, for search.")
    category_id = fields.Many2one("helpdesk.ticket.category", index=True, ondelete="set null")
    tag_ids = fields.Many2many("cxm.knowledge.tag", string="Tags")
    visibility = fields.Selection(VISIBILITY, required=True, default="public", index=True)
    is_published = fields.Boolean(string="Published", index=True)
    lang = fields.Selection(_lang_get, string="Language", default=lambda self: self.env.lang)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    view_count = fields.Integer(readonly=True, copy=False)
    helpful_count = fields.Integer(string="Helpful", readonly=True, copy=False)
    unhelpful_count = fields.Integer(string="Not Helpful", readonly=True, copy=False)
    website_url = fields.Char(compute="_compute_website_url", string="Help Centre Address")

    @api.depends("body")
    def _compute_body_text(self):
        for article in self:
            article.body_text = html2plaintext(article.body or "") if article.body else False

    def _compute_website_url(self):
        for article in self:
            article.website_url = f"/help/article/{article.id}" if article.id else False

    def init(self):
        self.env.cr.execute(
            SQL("CREATE INDEX IF NOT EXISTS cxm_knowledge_article_fts_idx ON cxm_knowledge_article USING gin (%s)", TSV)
        )

    # ------------------------------------------------------------ search
    @api.model
    def _cxm_tsquery(self, text, match_all=True):
        """Prefix query of the folded words of ``text`` (``"İade süresi"`` -> ``iade:* & suresi:*``);
        ``match_all=False`` joins them with OR (suggestions while the customer types)."""
        tokens = TOKEN_RE.findall(fold(text or ""))[:MAX_TOKENS]
        return (" & " if match_all else " | ").join(f"{token}:*" for token in tokens)

    @api.model
    def _cxm_search(self, text, limit=10, category_id=None, lang=None, match_all=True):
        """Articles the caller may read matching ``text``, best first (record rules apply)."""
        tsquery = self._cxm_tsquery(text, match_all)
        if not tsquery:
            return self.browse()
        domain = [("is_published", "=", True), ("lang", "in", [lang or self.env.lang, False])]
        if category_id:
            domain.append(("category_id", "=", category_id))
        query = self._search(domain)
        match = SQL("to_tsquery('simple', %s)", tsquery)
        query.add_where(SQL("%s @@ %s", TSV, match))
        query.order = SQL(
            "ts_rank(%s, %s) DESC, cxm_knowledge_article.view_count DESC, cxm_knowledge_article.id", TSV, match
        )
        query.limit = limit
        return self.browse(query.get_result_ids())

    @api.model
    def cxm_search(self, text, limit=10):
        """Public search API: ``[{"id", "name", "url", "summary"}]`` of readable published articles."""
        limit = max(1, min(int(limit or 10), 50))
        return [
            {"id": a.id, "name": a.name, "url": a.website_url, "summary": a._cxm_summary()}
            for a in self._cxm_search(text, limit=limit)
        ]

    def _cxm_summary(self, size=180):
        self.ensure_one()
        text = " ".join((self.body_text or "").split())
        return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + "…"

    def _cxm_related(self, limit=5):
        """Other readable articles of the same category."""
        self.ensure_one()
        if not self.category_id:
            return self.browse()
        return self.search(
            [
                ("category_id", "=", self.category_id.id),
                ("id", "!=", self.id),
                ("is_published", "=", True),
                ("lang", "in", [self.lang, False]),
            ],
            limit=limit,
            order="view_count desc, id",
        )

    # ------------------------------------------------------------ counters
    def _cxm_bump(self, column):
        """Add one to a counter of articles the caller can read (one UPDATE, no write access needed)."""
        assert column in ("view_count", "helpful_count", "unhelpful_count")
        self.check_access("read")
        self.env.cr.execute(
            SQL(
                "UPDATE cxm_knowledge_article SET %s = COALESCE(%s, 0) + 1 WHERE id = ANY(%s)",
                SQL.identifier(column),
                SQL.identifier(column),
                self.ids,
            )
        )
        self.invalidate_recordset([column])

    def _cxm_vote(self, helpful):
        self._cxm_bump("helpful_count" if helpful else "unhelpful_count")
