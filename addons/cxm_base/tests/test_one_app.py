# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One app for tickets, customers that are customers, one coherent demo (issue 21)."""

from odoo.tools.safe_eval import safe_eval

from .common import CxmCommon


class TestOneApp(CxmCommon):
    def test_helpdesk_app_hidden_beside_customer_experience(self):
        menus = self.env["ir.ui.menu"].with_user(self.agent)._visible_menu_ids()
        self.assertIn(self.env.ref("cxm_base.menu_cxm_root").id, menus)
        self.assertNotIn(self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").id, menus)

    def test_customers_are_customers(self):
        action = self.env.ref("cxm_base.action_cxm_customers")
        domain = safe_eval(action.domain or "[]")
        found = self.env["res.partner"].with_user(self.agent).search(domain)
        self.assertIn(self.customer, found)
        self.assertNotIn(self.agent.partner_id, found, "staff")
        self.assertNotIn(self.env.company.partner_id, found, "this database's company")
        self.assertNotIn(self.env.ref("base.partner_root"), found, "OdooBot")
        self.assertTrue(self.customer.cxm_is_customer)
        self.assertFalse(self.agent.partner_id.cxm_is_customer)

    def test_demo_shows_the_retailer_only(self):
        if not self.env.ref("cxm_base.team_customer_service_demo", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        for xmlid in ("helpdesk_team_1", "helpdesk_category_1", "helpdesk_ticket_1"):
            record = self.env.ref(f"helpdesk_mgmt.{xmlid}", raise_if_not_found=False)
            self.assertFalse(record and record.active, f"helpdesk_mgmt's demo {xmlid} is archived")
        numbers = self.env["helpdesk.ticket"].search([]).mapped("number")
        self.assertEqual({n[:2] for n in numbers}, {"HT"}, "one numbering in the demo")
