# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKnowledgeAgent(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["cxm.knowledge.article"]
        common = {"is_published": True, "lang": "en_US"}
        cls.public = Article.create({**common, "name": "Return period", "body": "<p>30 days to return.</p>"})
        cls.internal = Article.create(
            {**common, "name": "Refund override", "visibility": "internal", "body": "<p>Call the supervisor.</p>"}
        )
        cls.agent = new_test_user(cls.env, "kb_reply_agent", groups="cxm_base.group_cxm_agent")
        cls.customer = cls.env["res.partner"].create({"name": "KB Customer", "email": "kb.customer@example.com"})
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "How long to return?", "description": "<p>?</p>", "partner_id": cls.customer.id}
        )
        cls.ticket.user_id = cls.agent  # the agent's own ticket

    def _reply(self, article):
        env = self.env(user=self.agent)
        form = Form(env["cxm.knowledge.reply"].with_context(default_ticket_id=self.ticket.id))
        form.article_id = article
        wizard = form.save()
        wizard.action_post()
        return self.ticket.message_ids[0]

    def test_public_article_sent_as_link_internal_as_note(self):
        message = self._reply(self.public)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"), "sent to the customer")
        self.assertIn(f"/help/article/{self.public.id}", message.body)
        self.assertIn("30 days to return", message.body, "with the summary")
        note = self._reply(self.internal)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"), "an internal article stays a note")
        self.assertIn("Call the supervisor", note.body)

    def test_customers_never_read_internal_articles(self):
        portal = new_test_user(self.env, "kb_reply_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.internal.with_user(portal).read(["body"])

    def test_top_searches_with_no_result(self):
        Search = self.env["cxm.knowledge.search"]
        for text, results in [("Kargo İADE", 0), ("kargo iade", 0), ("return", 3), ("warranty card", 0)]:
            Search._cxm_log(text, results)
        self.assertEqual(Search.cxm_top_unanswered(), [("kargo iade", 2), ("warranty card", 1)])
        public_env = self.env(user=self.env.ref("base.public_user"))
        public_env["cxm.knowledge.search"]._cxm_log("anything", 0)  # any visitor's search is counted
        with self.assertRaises(AccessError):
            public_env["cxm.knowledge.search"].search([])
