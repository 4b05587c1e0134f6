# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCtiAgent(models.Model):
    """AgentID of a call centre mapped to an Odoo user. The mapping only
    decides whom a pushed call is shown to; it never lets anyone act as
    that user."""

    _name = "cxm.cti.agent"
    _description = "Call Centre Agent Mapping"
    _order = "instance_id, agent_code"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True)
    agent_code = fields.Char(string="AgentID", required=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", domain=[("share", "=", False)])

    _instance_agent_unique = models.Constraint(
        "UNIQUE(instance_id, agent_code)", "An AgentID is mapped to one user per call centre."
    )
