# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProcessUi(HttpCase):
    def test_agent_fires_transition_and_drag_is_refused(self):
        self._agent_walk("cxm_proc_agent", "en_US", "cxm_process_agent_tour", "Which serial number?")

    def test_agent_walk_in_turkish(self):
        self.env["res.lang"]._activate_lang("tr_TR")
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["base", "web", "mail", "helpdesk_mgmt", "cxm_base", "cxm_process"])]
        )
        modules._update_translations("tr_TR")
        self._agent_walk("cxm_proc_agent_tr", "tr_TR", "cxm_process_agent_tour_tr", "Seri numarası nedir?")

    def _agent_walk(self, login, lang, tour, reason):
        agent = new_test_user(self.env, login, groups="cxm_base.group_cxm_agent", name="Process Agent", lang=lang)
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Process Tour Team", "user_ids": [Command.set(agent.ids)]}
        )
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Tour complaints")
        process.action_activate()
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "CXM tour: broken kettle",
                "description": "<p>It leaks</p>",
                "team_id": team.id,
                "user_id": agent.id,
                "category_id": self.env["helpdesk.ticket.category"].create({"name": "Tour category"}).id,
                "partner_id": self.env["res.partner"].create({"name": "Tour Customer", "email": "t@example.com"}).id,
                "cxm_process_id": process.id,
            }
        )
        ticket.cxm_fire_transition(process.transition_ids.filtered(lambda t: t.name == "Classify").id)
        ticket.cxm_fire_transition(process.transition_ids.filtered(lambda t: t.name == "Start work").id)
        self.start_tour(f"/odoo/cxm-tickets/{ticket.id}", tour, login=login)
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"))
        self.assertEqual(ticket.cxm_history_ids[0].comment, reason)
        self.assertEqual(ticket.cxm_history_ids[0].user_id, agent)
        self.assertEqual(len(ticket.cxm_history_ids), 3, "the refused drag wrote nothing")

    def test_manager_creates_process_from_template(self):
        new_test_user(self.env, "cxm_proc_manager", groups="cxm_base.group_cxm_manager", name="Process Manager")
        self.start_tour("/odoo", "cxm_process_manager_tour", login="cxm_proc_manager")
        process = self.env["cxm.process"].search([("name", "=", "Tour information process")])
        self.assertEqual(len(process.status_ids), 5)
        self.assertEqual(process.state, "active")

    def test_status_bar_moves_only_along_transitions(self):
        agent = new_test_user(self.env, "cxm_bar_agent", groups="cxm_base.group_cxm_agent", name="Bar Agent")
        team = self.env["helpdesk.ticket.team"].create({"name": "Bar Tour Team", "user_ids": [Command.set(agent.ids)]})
        self.env["helpdesk.ticket.stage"].create({"name": "Tour stage outside", "sequence": 2})
        # like the demo: Classified belongs to other teams only; the process's bar lists it all the same
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Bar other team"})
        self.env.ref("cxm_process.stage_classified").team_ids = other_team
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Bar complaints")
        process.action_activate()
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "CXM tour: status bar",
                "description": "<p>It leaks</p>",
                "team_id": team.id,
                "user_id": False,
                "category_id": self.env["helpdesk.ticket.category"].create({"name": "Bar category"}).id,
                "cxm_process_id": process.id,
            }
        )
        for name in ("Classify", "Start work"):
            ticket.cxm_fire_transition(process.transition_ids.filtered(lambda t, n=name: t.name == n).id)
        deadline = ticket.cxm_sla_deadline
        self.start_tour(f"/odoo/cxm-tickets/{ticket.id}", "cxm_process_statusbar_tour", login="cxm_bar_agent")
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"))
        self.assertEqual(ticket.cxm_history_ids.mapped("comment")[0], "Which model is it?")
        self.assertEqual(len(ticket.cxm_history_ids), 3, "the refused click wrote nothing")
        self.assertNotEqual(ticket.cxm_sla_deadline, deadline)

    def test_status_bar_data(self):
        """The bar's data: the process's stages, and per reachable stage the transition the user may fire."""
        process = self.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Bar data")
        process.action_activate()
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Bar data", "description": "<p>x</p>", "cxm_process_id": process.id}
        )
        bar = ticket.cxm_statusbar
        self.assertEqual(sorted(bar["stage_ids"]), sorted(process.status_ids.mapped("stage_res_id")))
        stages = self.env["helpdesk.ticket.stage"].browse(bar["stage_ids"])
        self.assertEqual([s["name"] for s in bar["stages"]], stages.sorted().mapped("name"), "in the stages' order")
        classify = process.transition_ids.filtered(lambda t: t.name == "Classify")
        self.assertEqual(bar["reachable"].get(str(classify.to_status_id.stage_res_id)), classify.id)
        escalated = self.env.ref("cxm_process.stage_escalated")
        self.assertNotIn(str(escalated.id), bar["reachable"], "no transition leads from New to Escalated")
        ticket.cxm_process_id = False
        self.assertFalse(ticket.cxm_statusbar, "a ticket without a process keeps Odoo's own bar")
