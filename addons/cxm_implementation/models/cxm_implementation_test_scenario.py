# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CxmImplementationTestScenario(models.Model):
    """A test scenario of the testing and piloting step, covering transitions
    of a process."""

    _name = "cxm.implementation.test.scenario"
    _description = "Test Scenario"
    _order = "project_id, sequence, id"

    sequence = fields.Integer(default=10)
    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    process_id = fields.Many2one("cxm.process", required=True, ondelete="restrict")
    transition_ids = fields.Many2many(
        "cxm.process.transition", string="Transitions Covered", domain="[('process_id', '=', process_id)]"
    )
    steps = fields.Text()
    expected_result = fields.Text()
    is_pilot = fields.Boolean(string="Pilot")
    run_ids = fields.One2many("cxm.implementation.test.run", "scenario_id", string="Runs")
    last_result = fields.Selection([("pass", "Passed"), ("fail", "Failed")], compute="_compute_last_result", store=True)
    process_coverage = fields.Char(
        compute="_compute_process_coverage",
        help="Transitions of the process covered by this project's scenarios.",
    )

    @api.depends("run_ids.result", "run_ids.date")
    def _compute_last_result(self):
        for scenario in self:
            last = scenario.run_ids.sorted(lambda r: (r.date, r.id))[-1:]
            scenario.last_result = last.result or False

    @api.depends("transition_ids", "process_id", "project_id.cxm_scenario_ids.transition_ids")
    def _compute_process_coverage(self):
        for scenario in self:
            covered, total = scenario.project_id._cxm_coverage(scenario.process_id)
            scenario.process_coverage = self.env._(
                "%(covered)s / %(total)s transitions", covered=len(covered), total=len(total)
            )

    @api.constrains("process_id", "transition_ids")
    def _check_transitions(self):
        for scenario in self:
            if scenario.transition_ids.process_id - scenario.process_id:
                raise ValidationError(
                    self.env._(
                        "Scenario %(scenario)s covers transitions of another process than %(process)s.",
                        scenario=scenario.name,
                        process=scenario.process_id.name,
                    )
                )
