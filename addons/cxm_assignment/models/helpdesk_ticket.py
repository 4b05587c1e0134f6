# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.cxm_base.tools import internal_value, notification


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_assignment_log_ids = fields.One2many(
        "cxm.assignment.log", "ticket_id", string="Assignments", readonly=True, groups="cxm_base.group_cxm_agent"
    )

    @api.model_create_multi
    def create(self, vals_list):
        implicit = [i for i, vals in enumerate(vals_list) if "user_id" not in vals]
        automatic = self._cxm_automatic_team_ids({vals.get("team_id") for vals in vals_list})
        for vals in vals_list:
            if "user_id" not in vals and vals.get("team_id") in automatic:
                # the team's policy hands the ticket out, not helpdesk_mgmt's "assign to the creator" default
                vals["user_id"] = False
        tickets = super().create(vals_list)
        # handing out work is the system's doing, whoever created the ticket (a portal customer, a channel's
        # technical user): the engine reads team members and loads and writes the assignee as superuser
        automatic = self._cxm_automatic_team_ids(set(tickets.team_id.ids))
        todo = tickets.sudo().filtered(lambda t: t.team_id.id in automatic)
        # a team given by a routing rule (inside super) met helpdesk_mgmt's default: the policy decides instead
        implicit_ids = {tickets.ids[i] for i in implicit}
        defaulted = todo.filtered(lambda t: t.user_id and t.id in implicit_ids)
        if defaulted:
            defaulted.write({"user_id": False})
        self.env["cxm.assignment.engine"].sudo()._cxm_assign(todo.filtered(lambda t: not t.user_id), "new")
        return tickets

    @api.model
    def _cxm_automatic_team_ids(self, team_ids):
        team_ids = [tid for tid in team_ids if tid]
        if not team_ids:
            return set()
        teams = self.env["helpdesk.ticket.team"].sudo().browse(team_ids)
        return set(teams.filtered(lambda t: t.cxm_assign_policy != "manual").ids)

    def write(self, vals):
        if internal_value(self.env.context, "cxm_process_bypass") or not {"stage_id", "team_id"} & vals.keys():
            return super().write(vals)
        before = {ticket.id: ticket.cxm_status_id.id for ticket in self.sudo()} if "stage_id" in vals else {}
        res = super().write(vals)
        engine = self.env["cxm.assignment.engine"].sudo()  # the system's doing, after the user's checked write
        returned = self.sudo().filtered(
            lambda t: t.id in before and t.cxm_status_id.id != before[t.id] and t.cxm_status_id.cxm_assign_on_entry
        )
        if returned:
            returned.filtered("user_id").write({"user_id": False})
            engine._cxm_assign(returned, "return")
        if "team_id" in vals:
            engine._cxm_assign((self - returned).sudo().filtered(lambda t: not t.user_id), "team")
        return res

    def action_cxm_assign(self):
        """Supervisors: hand out the selected unassigned open tickets by their team's policy now."""
        if not self.env.user.has_group("cxm_base.group_cxm_supervisor"):
            raise AccessError(self.env._("Only CXM supervisors may run the assignment."))
        self.check_access("write")
        count = self.env["cxm.assignment.engine"].sudo()._cxm_assign(self.filtered(lambda t: not t.user_id), "request")
        waiting = len(self.filtered(lambda t: not t.user_id))
        return notification(
            self.env._(
                "%(count)s tickets assigned, %(waiting)s still waiting for an available agent.",
                count=count,
                waiting=waiting,
            ),
            "success",
        )
