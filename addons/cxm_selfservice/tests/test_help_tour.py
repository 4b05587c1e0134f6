# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import HelpCentreFixture


@tagged("post_install", "-at_install")
class TestHelpTour(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()

    def test_anonymous_submission_with_conditional_field(self):
        self.start_tour("/help", "cxm_selfservice_anonymous_tour")
        ticket = self.env["helpdesk.ticket"].search([("category_id", "=", self.category.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        answers = {a.key: a.value for a in ticket.cxm_answer_ids}
        self.assertEqual(answers.get("other_reason"), "The colour is not the one shown")
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["receipt.pdf"])
        self.assertEqual(ticket.partner_id.email, "tour.customer@example.com")
        deflection = self.env["cxm.knowledge.deflection"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(deflection.outcome, "submitted", "suggested, then submitted anyway")
        self.assertIn(self.article, deflection.article_ids)
