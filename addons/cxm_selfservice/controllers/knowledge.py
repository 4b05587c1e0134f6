# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .main import HelpCentre

SUGGEST_LIMIT = 5


class HelpKnowledge(HelpCentre):
    """Knowledge pages of the help centre. Authentication: none or the visitor's session; articles are
    searched and read as the visitor, so the visibility rules (public / signed-in / internal) apply."""

    def _help_article(self, article_id):
        article = request.env["cxm.knowledge.article"].search(
            [("id", "=", article_id), ("is_published", "=", True)], limit=1
        )
        if not article:
            raise NotFound()
        return article

    @http.route("/help/search", type="http", auth="public", website=True)
    def help_search(self, q="", instance=None, **_kw):
        instance = self._help_instance(instance)
        q = (q or "")[:200]
        articles = request.env["cxm.knowledge.article"]._cxm_search(q, limit=20)
        # counted for "top searches with no result" (one upsert per day and query)
        request.env["cxm.knowledge.search"]._cxm_log(q, len(articles))
        values = self._help_values(instance, query=q, articles=articles, breadcrumb=request.env._("Search"))
        return self._help_render("cxm_selfservice.help_search", values)

    @http.route("/help/article/<int:article_id>", type="http", auth="public", website=True, methods=["GET"])
    def help_article(self, article_id, instance=None, voted=None, **_kw):
        instance = self._help_instance(instance)
        article = self._help_article(article_id)
        article._cxm_bump("view_count")
        values = self._help_values(
            instance,
            article=article,
            related=article._cxm_related(),
            voted=article.id in request.session.get("cxm_voted", []),
            breadcrumb=article.name,
        )
        return self._help_render("cxm_selfservice.help_article", values)

    @http.route("/help/article/<int:article_id>/vote", type="http", auth="public", website=True, methods=["POST"])
    def help_article_vote(self, article_id, helpful="1", instance=None, **_kw):
        instance = self._help_instance(instance)
        article = self._help_article(article_id)
        voted = request.session.get("cxm_voted", [])
        if article.id not in voted:  # one vote per visitor session
            article._cxm_vote(helpful == "1")
            request.session["cxm_voted"] = [*voted[-99:], article.id]
        query = f"?instance={instance.code}" if instance else ""
        return request.redirect(f"/help/article/{article.id}{query}")

    @http.route("/help/suggest", type="jsonrpc", auth="public", readonly=True)
    def help_suggest(self, q="", category_id=None):
        """Articles matching what the customer is typing in a form (deflection suggestions)."""
        articles = request.env["cxm.knowledge.article"]._cxm_search(
            str(q or "")[:200], limit=SUGGEST_LIMIT, match_all=False
        )
        return [{"id": a.id, "name": a.name, "url": a.website_url, "summary": a._cxm_summary()} for a in articles]

    @http.route("/help/deflected", type="jsonrpc", auth="public")
    def help_deflected(self, article_ids=None, q="", category_id=None):
        """The customer says a suggested article answered the question: record it (rate-limited)."""
        allowed, _retry = request.env["cxm.selfservice.intake"]._cxm_rate_check(request.httprequest.remote_addr)
        if not allowed or not isinstance(article_ids, list):
            return {"recorded": False}
        category = None
        if isinstance(category_id, int):
            category = request.env["cxm.selfservice.intake"]._cxm_visible_categories(category_id=category_id)
        ids = [i for i in article_ids if isinstance(i, int)]
        record = request.env["cxm.knowledge.deflection"]._cxm_record("solved", ids, str(q or ""), category or None)
        return {"recorded": bool(record)}
