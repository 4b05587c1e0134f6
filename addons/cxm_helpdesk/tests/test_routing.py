# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.cxm_process.tests.common import ProcessCommon


class RoutingCommon(ProcessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["helpdesk.ticket.category"]
        cls.cat_complaint = Category.create({"name": "Routing complaint"})
        cls.cat_info = Category.create({"name": "Routing info"})
        cls.cat_other = Category.create({"name": "Routing other"})
        cls.info_process = cls.env.ref("cxm_process.template_information")._cxm_copy_from_template("Info")
        cls.info_process.action_activate()
        Rule = cls.env["cxm.helpdesk.routing.rule"]
        cls.rule_complaint = Rule.create(
            {
                "sequence": 10,
                "name": "Complaints",
                "category_id": cls.cat_complaint.id,
                "team_id": cls.team_service.id,
                "process_id": cls.process.id,
            }
        )
        cls.rule_info = Rule.create(
            {
                "sequence": 20,
                "name": "Info",
                "category_id": cls.cat_info.id,
                "team_id": cls.team_sales.id,
                "process_id": cls.info_process.id,
            }
        )

    def _new(self, **vals):
        return self.env["helpdesk.ticket"].create({"name": "Routed", "description": "<p>x</p>", **vals})


class TestRouting(RoutingCommon):
    def test_routed_on_creation(self):
        ticket = self._new(category_id=self.cat_complaint.id)
        self.assertEqual(ticket.team_id, self.team_service)
        self.assertEqual(ticket.cxm_process_id, self.process)
        self.assertEqual(ticket.cxm_status_id, self.st_new)
        self.assertEqual(ticket.cxm_routing_rule_id, self.rule_complaint)
        self.assertFalse(self._new(category_id=self.cat_other.id).cxm_process_id, "no rule, no process")

    def test_first_rule_wins_and_catch_all(self):
        catch_all = self.env["cxm.helpdesk.routing.rule"].create(
            {"sequence": 1, "name": "Everything else", "team_id": self.team_sales.id}
        )
        self.assertEqual(self._new(category_id=self.cat_complaint.id).cxm_routing_rule_id, self.rule_complaint)
        self.assertEqual(self._new(category_id=self.cat_other.id).cxm_routing_rule_id, catch_all)
        self.rule_complaint.sequence = 30
        second = self.env["cxm.helpdesk.routing.rule"].create(
            {
                "sequence": 25,
                "name": "Complaints B",
                "category_id": self.cat_complaint.id,
                "team_id": self.team_sales.id,
            }
        )
        self.assertEqual(self._new(category_id=self.cat_complaint.id).cxm_routing_rule_id, second)

    def test_category_change_reroutes_and_keeps_history(self):
        ticket = self._new(category_id=self.cat_complaint.id)
        ticket.cxm_fire_transition(self.tr_take.id, "looking")
        ticket.category_id = self.cat_info
        self.assertEqual(ticket.team_id, self.team_sales)
        self.assertEqual(ticket.cxm_process_id, self.info_process)
        self.assertEqual(ticket.stage_id, self.stage_progress, "In Progress exists in the new process: kept")
        kinds = ticket.cxm_history_ids.mapped("kind")
        self.assertEqual(kinds, ["reroute", "transition"], "the earlier history is kept, the re-routing is logged")
        self.assertIn("Re-routed by rule Info", ticket.cxm_history_ids[0].comment)

    def test_caller_context_does_not_skip_routing(self):
        ticket = self._new(category_id=self.cat_complaint.id, user_id=self.agent.id)
        ticket.with_user(self.agent).with_context(cxm_no_routing=True, cxm_process_bypass=True).write(
            {"category_id": self.cat_info.id}
        )
        self.assertEqual(ticket.team_id, self.team_sales, "a category change is routed whatever the context says")
        self.assertEqual(ticket.cxm_process_id, self.info_process)
        self.assertEqual(ticket.cxm_history_ids[0].kind, "reroute", "and logged")

    def test_rule_must_target_something(self):
        with self.assertRaisesRegex(ValidationError, "must set a team, a process or both"):
            self.env["cxm.helpdesk.routing.rule"].create({"name": "Empty", "category_id": self.cat_other.id})

    def test_only_managers_edit_rules(self):
        with self.assertRaises(AccessError):
            self.rule_info.with_user(self.supervisor).write({"team_id": self.team_service.id})
        self.rule_info.with_user(self.manager).write({"sequence": 5})

    def test_reference_and_channel(self):
        sequence = self.env.ref("helpdesk_mgmt.helpdesk_ticket_sequence")
        whatsapp = self.env.ref("cxm_helpdesk.helpdesk_ticket_channel_whatsapp")
        before = self._new(channel_id=whatsapp.id, cxm_source_ref="wamid.1")
        number_before = before.number
        prefix = sequence.prefix or ""
        self.assertEqual(number_before[: len(prefix)], prefix, "helpdesk_mgmt's own numbering by default")
        self.assertIn(number_before, before.display_name)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.supervisor)._cxm_set_reference_format()
        settings = self.env["res.config.settings"].with_user(self.env.ref("base.user_admin")).create({})
        self.assertTrue(settings.cxm_ticket_reference_next)
        settings.action_cxm_use_reference_format()
        numbers = [self._new().number for _ in range(2)]
        self.assertRegex(numbers[0], r"^CX-\d{4}-\d{6}$")
        seqs = [int(re.search(r"(\d{6})$", n).group(1)) for n in numbers]
        self.assertEqual(seqs[1], seqs[0] + 1)
        self.assertEqual(seqs[0], int(re.search(r"(\d+)$", number_before).group(1)) + 1, "the counter goes on")
        before.invalidate_recordset()
        self.assertEqual(before.number, number_before, "existing tickets keep their numbers")
        self.assertEqual(before.channel_id, whatsapp)
        self.assertNotIn("cxm_channel", self.env["helpdesk.ticket"]._fields, "one channel field: channel_id")

    def test_agent_routes_through_category(self):
        ticket = self._new(category_id=self.cat_complaint.id, user_id=self.agent.id)
        ticket.with_user(self.agent).write({"category_id": self.cat_info.id})
        self.assertEqual(ticket.cxm_process_id, self.info_process)
        self.assertEqual(ticket.cxm_routing_rule_id, self.rule_info)
        self.assertEqual(ticket.team_id, self.team_sales)
