# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest import mock

from odoo.tests import tagged

from .common import SocialCase


@tagged("post_install", "-at_install")
class TestSocialUi(SocialCase):
    def test_agent_sees_a_public_complaint(self):
        self.site.add("UI-1", "Ürün bozuk geldi", member="ui-1")
        with mock.patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")):
            self.env["cxm.social.connector"]._cxm_poll(self.sikayetvar)
        self.run_jobs()
        ticket = self.tickets(self.sikayetvar)
        ticket.user_id = self.agent
        self.start_tour(f"/odoo/helpdesk.ticket/{ticket.id}", "cxm_social_complaint_tour", login="social_agent")
        self.run_jobs()
        self.assertEqual(self.site.answers, [("UI-1", {"message": "Ürününüzü değiştiriyoruz"})])
        self.assertEqual(ticket.cxm_social_public_state, "answered")
