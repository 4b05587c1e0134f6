# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.cxm_base.tools import notification

POLICIES = [
    ("manual", "Manual"),
    ("round_robin", "Round robin"),
    ("balanced", "Balanced by open load"),
    ("capacity", "Capacity"),
]


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    cxm_assign_policy = fields.Selection(
        POLICIES,
        string="Assignment",
        default="manual",
        required=True,
        help="How new tickets (and tickets back in an unassigned status) get an agent:\n"
        "Manual: nobody assigns them.\n"
        "Round robin: each available agent in turn.\n"
        "Balanced: the available agent with the fewest open tickets.\n"
        "Capacity: like balanced, but never beyond the agent's limits; tickets wait unassigned when "
        "every agent is full.",
    )
    cxm_assign_max_open = fields.Integer(
        string="Max open tickets per agent", help="Open tickets an agent may hold (all teams). 0: no limit."
    )
    cxm_assign_max_conversations = fields.Integer(
        string="Max live conversations per agent",
        help="Open tickets from a conversation channel (chat, WhatsApp, SMS, social media) an agent may hold. "
        "0: no limit.",
    )
    cxm_assign_need_presence = fields.Boolean(
        string="Only agents present in Odoo",
        default=True,
        help="Hand tickets only to agents online in Odoo now (not away, not do-not-disturb).",
    )
    cxm_assign_need_hours = fields.Boolean(
        string="Only agents inside working hours",
        default=True,
        help="Hand tickets only to agents inside their working hours and not on leave (their employee's "
        "calendar, else the company's).",
    )
    cxm_assign_skills = fields.Boolean(
        string="Match skills",
        help="An agent gets a ticket only if they speak the customer's language and handle its category "
        "(agent profiles).",
    )
    cxm_assign_window_hours = fields.Integer(
        string="Fairness window (hours)", help="With a maximum: the window over which assignments are counted."
    )
    cxm_assign_window_max = fields.Integer(
        string="Max assignments per window", help="Tickets one agent may be given within the window. 0: no limit."
    )
    cxm_assign_last_user_id = fields.Many2one(
        "res.users", string="Last assigned agent", readonly=True, copy=False, help="Where round robin goes on."
    )

    @api.constrains("cxm_assign_policy", "cxm_assign_max_open", "user_ids")
    def _check_cxm_assign_policy(self):
        for team in self:
            if team.cxm_assign_policy == "manual":
                continue
            if not team.user_ids:
                raise ValidationError(
                    self.env._("Team %(team)s needs members to assign tickets automatically.", team=team.name)
                )
            if team.cxm_assign_policy == "capacity" and team.cxm_assign_max_open <= 0:
                raise ValidationError(
                    self.env._(
                        "Team %(team)s assigns by capacity: set the maximum of open tickets per agent.",
                        team=team.name,
                    )
                )

    @api.constrains(
        "cxm_assign_max_open", "cxm_assign_max_conversations", "cxm_assign_window_hours", "cxm_assign_window_max"
    )
    def _check_cxm_assign_limits(self):
        for team in self:
            limits = (
                team.cxm_assign_max_open,
                team.cxm_assign_max_conversations,
                team.cxm_assign_window_hours,
                team.cxm_assign_window_max,
            )
            if any(value < 0 for value in limits):
                raise ValidationError(self.env._("Assignment limits cannot be negative."))
            if team.cxm_assign_window_max and not team.cxm_assign_window_hours:
                raise ValidationError(
                    self.env._("A maximum of assignments per window needs the window's length in hours.")
                )

    def action_cxm_reassign_absent(self):
        """Supervisor button: open tickets of members who are not available now go to those who are."""
        if not self.env.user.has_group("cxm_base.group_cxm_supervisor"):
            raise AccessError(self.env._("Only CXM supervisors may re-assign tickets."))
        self.check_access("read")  # teams of the supervisor's companies only; the engine then works as superuser
        count = self.env["cxm.assignment.engine"]._cxm_reassign_absent(self)
        return notification(self.env._("%(count)s open tickets were handed out again.", count=count), "info")
