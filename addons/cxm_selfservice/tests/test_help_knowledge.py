# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import HelpCentreFixture


@tagged("post_install", "-at_install")
class TestHelpKnowledge(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        Article = cls.env["cxm.knowledge.article"]
        common = {"is_published": True, "lang": "en_US"}
        cls.kb_public = Article.create(
            {**common, "name": "Kargo takibi nasıl yapılır", "body": "<p>Takip numarası</p>"}
        )
        cls.kb_signed = Article.create({**common, "name": "Kargo adres değişikliği", "visibility": "signed_in"})
        cls.kb_internal = Article.create({**common, "name": "Kargo iç talimat", "visibility": "internal"})
        cls.kb_draft = Article.create({"name": "Kargo taslak", "lang": "en_US"})

    def _visible(self):
        seen = set()
        for article in self.kb_public | self.kb_signed | self.kb_internal | self.kb_draft:
            page = self.url_open(f"/help/article/{article.id}", allow_redirects=False)
            if page.status_code == 200 and article.name in page.text:
                seen.add(article.id)
        search = self.url_open("/help/search?q=KARGO").text
        found = {a.id for a in self.kb_public | self.kb_signed | self.kb_internal | self.kb_draft if a.name in search}
        return seen, found

    def test_visibility_by_audience(self):
        seen, found = self._visible()
        self.assertEqual(seen, {self.kb_public.id}, "visitors read public articles only")
        self.assertEqual(found, {self.kb_public.id}, "and find only those")
        self.authenticate("help_portal_a", "help_portal_a")
        seen, found = self._visible()
        self.assertEqual(seen, {self.kb_public.id, self.kb_signed.id}, "signed-in customers read signed-in articles")
        self.assertEqual(found, seen)

    def test_search_no_result_and_turkish_folding(self):
        self.assertIn("Kargo takibi", self.url_open("/help/search?q=kargo+TAKIBI").text)
        empty = self.url_open("/help/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        self.assertEqual(empty.status_code, 200)
        self.assertIn("o_cxm_no_result", empty.text)
        self.assertNotIn("<script>alert(1)</script>", empty.text, "the query is escaped")

    def test_views_and_one_vote_per_session(self):
        page = self.url_open(f"/help/article/{self.kb_public.id}")
        self.kb_public.invalidate_recordset()
        self.assertEqual(self.kb_public.view_count, 1)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        url = f"/help/article/{self.kb_public.id}/vote"
        for _i in range(2):
            self.url_open(url, data={"helpful": "1", "csrf_token": token})
        self.kb_public.invalidate_recordset()
        self.assertEqual(self.kb_public.helpful_count, 1, "a second vote of the same visitor is not counted")
        self.assertIn("Thank you for your feedback", self.url_open(f"/help/article/{self.kb_public.id}").text)

    def test_suggest_and_deflected(self):
        result = self.make_jsonrpc_request("/help/suggest", {"q": "kargo adres", "category_id": self.category.id})
        self.assertEqual([r["id"] for r in result], [self.kb_public.id], "visitors get public suggestions only")
        self.make_jsonrpc_request(
            "/help/deflected", {"article_ids": [self.kb_public.id, self.kb_internal.id], "q": "kargo"}
        )
        deflection = self.env["cxm.knowledge.deflection"].search([("outcome", "=", "solved")])
        self.assertEqual(deflection.article_ids, self.kb_public)

    def test_searches_without_result_are_counted(self):
        for query in ("Fatura İTİRAZI", "fatura itirazi", "kargo"):
            self.assertEqual(self.url_open(f"/help/search?q={query}").status_code, 200)
        top = self.env["cxm.knowledge.search"].cxm_top_unanswered()
        self.assertEqual(top, [("fatura itirazi", 2)], "folded, counted, only the searches that found nothing")
