# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .common import ProcessCommon


class TestDesign(ProcessCommon):
    def test_consistent_process(self):
        self.assertEqual(self.process.validation_error_count, 0)
        self.assertIn("consistent", self.process.validation_html)

    def test_errors_listed_and_block_activation(self):
        process = self.process.copy({"name": "Broken"})
        Status = self.env["cxm.process.status"]
        new = Status.create({"process_id": process.id, "ticket_stage_id": self.stage_new.id, "sequence": 1})
        work = Status.create({"process_id": process.id, "ticket_stage_id": self.stage_progress.id, "sequence": 2})
        Status.create({"process_id": process.id, "ticket_stage_id": self.stage_awaiting.id, "sequence": 3})
        nobody = self.env["res.groups"].create({"name": "Nobody"})
        for name in ("Go", "Go again"):
            self.env["cxm.process.transition"].create(
                {
                    "process_id": process.id,
                    "name": name,
                    "from_status_ids": [Command.set(new.ids)],
                    "to_status_id": work.id,
                    "group_ids": [Command.set(nobody.ids)],
                }
            )
        html = process.validation_html
        self.assertIn("Awaiting cannot be reached", html)
        self.assertIn("In Progress is a dead end", html)
        self.assertIn("Duplicate transitions from New to In Progress", html)
        self.assertIn("Nobody may fire transition Go", html)
        with self.assertRaisesRegex(ValidationError, "not consistent"):
            process.action_activate()
        self.assertEqual(process.state, "draft")

    def test_active_process_cannot_become_inconsistent(self):
        with self.assertRaisesRegex(ValidationError, "Done cannot be reached"):
            self.tr_solve.unlink()
        with self.assertRaisesRegex(ValidationError, "cannot be reached"):
            self.env["cxm.process.status"].create(
                {"process_id": self.process.id, "ticket_stage_id": self.stage_cancelled.id, "is_closing": True}
            )

    def test_templates_and_copy(self):
        complaint = self.env.ref("cxm_process.template_complaint")
        self.assertEqual(len(complaint.status_ids), 9)
        self.assertGreaterEqual(len(complaint.transition_ids), 12)
        self.assertEqual(complaint.validation_error_count, 0)
        with self.assertRaisesRegex(UserError, "template cannot be activated"):
            complaint.action_activate()
        wizard = (
            self.env["cxm.process.template.wizard"]
            .with_user(self.manager)
            .create({"template_id": complaint.id, "name": "Complaints - stores"})
        )
        action = wizard.action_create()
        process = self.env["cxm.process"].browse(action["res_id"])
        self.assertEqual(len(process.status_ids), 9)
        self.assertEqual(len(process.transition_ids), len(complaint.transition_ids))
        self.assertFalse(process.transition_ids.from_status_ids & complaint.status_ids, "transitions are remapped")
        process.with_user(self.manager).action_activate()
        self.assertEqual(process.state, "active")
        info = self.env.ref("cxm_process.template_information")
        self.assertEqual(info.validation_error_count, 0)

    def test_diagram(self):
        svg = str(self.process.diagram_svg)
        self.assertTrue(svg.startswith("<svg"))
        for name in ("New", "In Progress", "Awaiting", "Done"):
            self.assertIn(name, svg)
        self.assertEqual(svg.count('class="o_cxm_node"'), 4)
        self.assertEqual(svg.count('class="o_cxm_edge"'), 5)
