# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKnowledge(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["cxm.knowledge.article"]
        common = {"is_published": True, "lang": "en_US"}
        cls.public = Article.create(
            {**common, "name": "İade süresi ve koşulları", "body": "<p>Ürünü 30 gün içinde IADE edebilirsiniz.</p>"}
        )
        cls.signed = Article.create(
            {**common, "name": "Loyalty points balance", "visibility": "signed_in", "body": "<p>Points and iade</p>"}
        )
        cls.internal = Article.create(
            {**common, "name": "Agents: iade override", "visibility": "internal", "body": "<p>Supervisors only</p>"}
        )
        cls.draft = Article.create({"name": "Draft iade article", "lang": "en_US", "body": "<p>not yet</p>"})
        cls.portal_user = new_test_user(cls.env, "kb_portal", groups="base.group_portal")
        cls.agent = new_test_user(cls.env, "kb_agent", groups="cxm_base.group_cxm_agent")
        cls.editor = new_test_user(cls.env, "kb_editor", groups="cxm_base.group_cxm_supervisor")

    def _found(self, user, text):
        env = self.env(user=user, context={"lang": "en_US"})
        found = env["cxm.knowledge.article"]._cxm_search(text, limit=50)
        return found & (self.public | self.signed | self.internal | self.draft)

    def test_turkish_accent_and_case_insensitive(self):
        public_user = self.env.ref("base.public_user")
        for text in ("iade", "İADE", "IADE süresi", "iade suresi", "SÜRE", "kosul"):
            with self.subTest(text=text):
                self.assertIn(self.public, self._found(public_user, text))
        self.assertFalse(self._found(public_user, "refund"), "no false hit")
        self.assertFalse(self._found(public_user, "<script>"), "punctuation only: no query, no error")

    def test_ranked_title_first(self):
        found = self._found(self.editor, "iade")
        self.assertEqual(found[:1], self.public, "a title hit outranks a body hit")

    def test_visibility_by_audience(self):
        cases = {
            self.env.ref("base.public_user"): self.public,
            self.portal_user: self.public | self.signed,
            self.agent: self.public | self.signed | self.internal,
            self.editor: self.public | self.signed | self.internal,  # search shows published only
        }
        for user, expected in cases.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._found(user, "iade") | self._found(user, "points"), expected)
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal_user).read(["body"])
        with self.assertRaises(AccessError):
            self.draft.with_user(self.agent).read(["name"])
        self.assertTrue(self.draft.with_user(self.editor).read(["name"]), "editors see drafts")

    def test_counters_and_deflection(self):
        article = self.public.with_user(self.env.ref("base.public_user"))
        article._cxm_bump("view_count")
        article._cxm_vote(True)
        article._cxm_vote(False)
        self.assertEqual((self.public.view_count, self.public.helpful_count, self.public.unhelpful_count), (1, 1, 1))
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal_user)._cxm_vote(True)
        Deflection = self.env["cxm.knowledge.deflection"].with_user(self.env.ref("base.public_user"))
        Deflection._cxm_record("solved", [self.public.id, self.internal.id], query="iade")
        Deflection._cxm_record("submitted", [self.public.id], query="iade")
        solved = self.env["cxm.knowledge.deflection"].search([("outcome", "=", "solved")], limit=1)
        self.assertEqual(solved.article_ids, self.public, "articles the visitor cannot read are not recorded")
        rate = self.env["cxm.knowledge.deflection"].cxm_deflection_rate()
        self.assertGreater(rate["rate"], 0)
