# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import CxmCommon


class TestAccess(CxmCommon):
    def _visible_menus(self, user):
        """XML ids of the Customer Experience menus ``user`` sees in the UI."""
        root = self.env.ref("cxm_base.menu_cxm_root")
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id)])
        return set(menus.filtered(lambda m: m.id in visible_ids).get_external_id().values())

    def test_roles_form_a_chain(self):
        self.assertTrue(self.manager.has_group("cxm_base.group_cxm_supervisor"))
        self.assertTrue(self.supervisor.has_group("cxm_base.group_cxm_agent"))
        self.assertFalse(self.agent.has_group("cxm_base.group_cxm_supervisor"))
        self.assertFalse(self.supervisor.has_group("cxm_base.group_cxm_manager"))
        self.assertFalse(self.integration.has_group("cxm_base.group_cxm_manager"))

    def test_agent_sees_and_works_own_team_tickets_only(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        visible = Ticket.search([("id", "in", (self.ticket_service | self.ticket_sales).ids)])
        self.assertEqual(visible, self.ticket_service)
        # works their own team's ticket
        self.ticket_service.with_user(self.agent).write({"user_id": self.agent.id})
        self.assertEqual(self.ticket_service.user_id, self.agent)
        new = Ticket.create({"name": "Phone call", "description": "<p>x</p>", "team_id": self.team_service.id})
        self.assertEqual(new.team_id, self.team_service)
        # another team's ticket is out of reach
        with self.assertRaises(AccessError):
            self.ticket_sales.with_user(self.agent).write({"name": "hijacked"})
        with self.assertRaises(AccessError):
            self.ticket_service.with_user(self.agent).unlink()

    def test_agent_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.stage"].with_user(self.agent).create({"name": "Agent stage"})
        with self.assertRaises(AccessError):
            self.team_service.with_user(self.agent).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.category"].with_user(self.agent).create({"name": "Agent category"})

    def test_supervisor_sees_every_ticket_but_cannot_configure(self):
        visible = (
            self.env["helpdesk.ticket"]
            .with_user(self.supervisor)
            .search([("id", "in", (self.ticket_service | self.ticket_sales).ids)])
        )
        self.assertEqual(visible, self.ticket_service | self.ticket_sales)
        self.ticket_sales.with_user(self.supervisor).write({"user_id": self.agent_other.id})
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.stage"].with_user(self.supervisor).create({"name": "Sup stage"})
        with self.assertRaises(AccessError):
            self.ticket_sales.with_user(self.supervisor).unlink()

    def test_manager_configures_and_deletes(self):
        stage = self.env["helpdesk.ticket.stage"].with_user(self.manager).create({"name": "Escalated"})
        self.assertTrue(stage.exists())
        self.team_service.with_user(self.manager).write({"name": "Renamed team"})
        self.assertEqual(self.team_service.name, "Renamed team")
        self.ticket_sales.with_user(self.manager).unlink()
        self.assertFalse(self.ticket_sales.exists())

    def test_integration_user_creates_customers_and_tickets(self):
        partner = self.env["res.partner"].with_user(self.integration).create({"name": "From ERP"})
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.integration)
            .create({"name": "From ERP", "description": "<p>x</p>", "partner_id": partner.id})
        )
        self.assertEqual(ticket.partner_id, partner)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.stage"].with_user(self.integration).create({"name": "API stage"})

    def test_menus_follow_roles(self):
        agent_menus = self._visible_menus(self.agent)
        self.assertIn("cxm_base.menu_cxm_tickets", agent_menus)
        self.assertIn("cxm_base.menu_cxm_customers", agent_menus)
        self.assertNotIn("cxm_base.menu_cxm_reporting", agent_menus)
        self.assertNotIn("cxm_base.menu_cxm_config", agent_menus)
        sup_menus = self._visible_menus(self.supervisor)
        self.assertIn("cxm_base.menu_cxm_reporting_tickets", sup_menus)
        self.assertNotIn("cxm_base.menu_cxm_teams", sup_menus)
        self.assertIn("cxm_base.menu_cxm_teams", self._visible_menus(self.manager))
