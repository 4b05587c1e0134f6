# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class CxmHelpdeskRoutingRule(models.Model):
    _name = "cxm.helpdesk.routing.rule"
    _description = "Ticket routing rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10, help="The first matching rule wins.")
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    category_id = fields.Many2one("helpdesk.ticket.category", help="Empty: matches every category (a catch-all rule).")
    team_id = fields.Many2one("helpdesk.ticket.team")
    process_id = fields.Many2one(
        "cxm.process",
        domain="[('model', '=', 'helpdesk.ticket'), ('is_template', '=', False)]",
    )

    @api.constrains("name", "category_id", "team_id", "process_id")
    def _check_target(self):
        for rule in self:
            if not rule.team_id and not rule.process_id:
                raise ValidationError(self.env._("Rule %(name)s must set a team, a process or both.", name=rule.name))
            if rule.process_id.is_template:
                raise ValidationError(self.env._("Rule %(name)s cannot route to a template.", name=rule.name))

    @api.model
    def _cxm_match(self, category_id, company_id=None, partner_id=None):
        """First active rule for this category (or a catch-all) whose customer condition the ticket's
        customer meets, in sequence order."""
        company_id = company_id or self.env.company.id
        domain = Domain("category_id", "in", [category_id, False]) & Domain("company_id", "in", [company_id, False])
        rules = self.sudo().search(domain, order="sequence, id")._cxm_for_partner(partner_id)
        return rules.filtered(lambda r: r.category_id.id == category_id)[:1] or rules[:1]

    def _cxm_for_partner(self, partner_id):
        """The rules among these that apply to tickets of customer ``partner_id`` (an id or False).
        Every rule does here; modules adding customer conditions (segments) narrow it."""
        return self
