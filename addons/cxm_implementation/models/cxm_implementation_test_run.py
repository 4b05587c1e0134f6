# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmImplementationTestRun(models.Model):
    """One run of a test scenario: who ran it, when, and whether it passed."""

    _name = "cxm.implementation.test.run"
    _description = "Test Run"
    _order = "date desc, id desc"

    scenario_id = fields.Many2one("cxm.implementation.test.scenario", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="scenario_id.project_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Run By", required=True, default=lambda self: self.env.user)
    result = fields.Selection([("pass", "Passed"), ("fail", "Failed")], required=True)
    note = fields.Text()
