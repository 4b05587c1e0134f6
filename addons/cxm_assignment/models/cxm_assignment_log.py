# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KINDS = [
    ("new", "New ticket"),
    ("return", "Returned to an unassigned status"),
    ("team", "Team changed"),
    ("request", "On request"),
    ("reassign", "Re-assigned from an absent agent"),
]


class CxmAssignmentLog(models.Model):
    """One row per automatic assignment: who got which ticket, when and why (fairness windows read it)."""

    _name = "cxm.assignment.log"
    _description = "Automatic ticket assignment"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", required=True, ondelete="cascade", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", ondelete="set null", readonly=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    policy = fields.Char(readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)

    _user_date_idx = models.Index("(user_id, date)")
