# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_agent_finds_team_tickets(self):
        agent = new_test_user(self.env, "cxm_tour_agent", groups="cxm_base.group_cxm_agent", name="Tour Agent")
        other = new_test_user(self.env, "cxm_tour_other", groups="cxm_base.group_cxm_agent")
        team = self.env["helpdesk.ticket.team"].create({"name": "Tour Team", "user_ids": [(6, 0, agent.ids)]})
        team_b2b = self.env["helpdesk.ticket.team"].create({"name": "Tour B2B", "user_ids": [(6, 0, other.ids)]})
        customer = self.env["res.partner"].create({"name": "Tour Customer"})
        self.env["helpdesk.ticket"].create(
            [
                {
                    "name": "CXM tour: printer jammed",
                    "description": "<p>jam</p>",
                    "team_id": team.id,
                    "partner_id": customer.id,
                },
                {"name": "CXM tour: secret B2B deal", "description": "<p>deal</p>", "team_id": team_b2b.id},
            ]
        )
        self.start_tour("/odoo", "cxm_base_agent_tour", login="cxm_tour_agent")
