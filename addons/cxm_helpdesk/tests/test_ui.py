# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestHelpdeskUi(HttpCase):
    def test_quick_create_in_any_column_starts_in_the_initial_status(self):
        agent = new_test_user(self.env, "cxm_quick_agent", groups="cxm_base.group_cxm_agent", name="Quick Agent")
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Quick complaints")
        process.action_activate()
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Quick team", "user_ids": [(6, 0, agent.ids)], "cxm_process_id": process.id}
        )
        self.start_tour("/odoo/cxm-tickets", "cxm_helpdesk_quick_create_tour", login="cxm_quick_agent")
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "CXM quick escalated")])
        self.assertEqual(ticket.team_id, team)
        self.assertEqual(ticket.cxm_process_id, process)
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"))
        self.assertEqual(ticket.cxm_status_id, process._cxm_initial_status())

    def test_kanban_card_shows_the_sla_state(self):
        arch = self.env["helpdesk.ticket"].get_views([(False, "kanban")])["views"]["kanban"]["arch"]
        card = etree.fromstring(arch).xpath("//t[@t-name='card']")[0]
        badge = card.xpath(".//field[@name='cxm_sla_state']")
        self.assertTrue(badge, "the SLA badge is drawn on the card, not only loaded")
        self.assertIn("cxm_sla_state == 'breached'", badge[0].get("decoration-danger"))
