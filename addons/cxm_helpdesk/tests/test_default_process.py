# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every ticket of a team that uses processes starts in its process's initial status,
whatever screen or API created it; routing does what the form says."""

from odoo.tests import Form

from .test_routing import RoutingCommon


class TestDefaultProcess(RoutingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_service.cxm_process_id = cls.process
        cls.cat_quote = cls.env["helpdesk.ticket.category"].create({"name": "Routing quote"})
        cls.rule_quote = cls.env["cxm.helpdesk.routing.rule"].create(
            {"sequence": 30, "name": "Quotes", "category_id": cls.cat_quote.id, "team_id": cls.team_sales.id}
        )
        cls.team_sales.cxm_process_id = cls.info_process

    def _assert_initial(self, ticket, process):
        self.assertEqual(ticket.cxm_process_id, process)
        self.assertEqual(ticket.cxm_status_id, process._cxm_initial_status())
        self.assertEqual(ticket.stage_id, process._cxm_initial_status().ticket_stage_id)
        self.assertTrue(ticket.cxm_sla_deadline or not process._cxm_initial_status().sla_hours)

    def test_every_entry_point_of_a_process_team(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        base = {"name": "x", "description": "<p>x</p>", "team_id": self.team_service.id}
        created = {
            "api create in a later stage": Ticket.create(dict(base, stage_id=self.stage_progress.id)),
            "kanban quick-create in a column": Ticket.with_context(
                default_stage_id=self.stage_done.id, default_team_id=self.team_service.id
            ).create({"name": "quick", "description": "<p>quick</p>"}),
            "category without a rule": Ticket.create(dict(base, category_id=self.cat_other.id)),
            "no team given (the agent's team)": Ticket.create({"name": "y", "description": "<p>y</p>"}),
        }
        for how, ticket in created.items():
            with self.subTest(how=how):
                self._assert_initial(ticket, self.process)
                self.assertFalse(ticket.cxm_history_ids, "creation is no move")

    def test_company_fallback_and_teams_without_processes(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Plain team"})
        vals = {"name": "z", "description": "<p>z</p>", "team_id": team.id, "stage_id": self.stage_progress.id}
        plain = self.env["helpdesk.ticket"].create(vals)
        self.assertFalse(plain.cxm_process_id, "no default anywhere: helpdesk_mgmt's behaviour")
        self.assertEqual(plain.stage_id, self.stage_progress)
        self.env.company.cxm_default_ticket_process_id = self.process
        self._assert_initial(self.env["helpdesk.ticket"].create(vals), self.process)

    def test_rule_with_a_team_routes_a_new_ticket_and_says_so(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.manager)
            .create({"name": "q", "description": "<p>q</p>", "category_id": self.cat_quote.id})
        )
        self.assertEqual(ticket.team_id, self.team_sales)
        self.assertEqual(ticket.cxm_routing_rule_id, self.rule_quote)
        self._assert_initial(ticket, self.info_process)

    def test_form_shows_the_routing_before_saving(self):
        form = Form(self.env["helpdesk.ticket"].with_user(self.manager))
        form.name = "Quote please"
        form.description = "<p>q</p>"
        form.team_id = self.team_service
        form.category_id = self.cat_quote
        self.assertEqual(form.team_id, self.team_sales, "the form proposes the rule's team")
        self.assertEqual(form.cxm_routing_rule_id, self.rule_quote)
        ticket = form.save()
        self.assertEqual((ticket.team_id, ticket.cxm_routing_rule_id), (self.team_sales, self.rule_quote))
        self._assert_initial(ticket, self.info_process)

    def test_explicit_team_wins_and_the_rule_is_not_claimed(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "q", "description": "<p>q</p>", "category_id": self.cat_quote.id, "team_id": self.team_service.id}
        )
        self.assertEqual(ticket.team_id, self.team_service)
        self.assertFalse(ticket.cxm_routing_rule_id, "the rule did not route it: the form does not say it did")
        self._assert_initial(ticket, self.process)
