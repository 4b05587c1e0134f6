# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import UTC, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.cxm_base.tools import CLOSE, notification


class CxmAssignmentAgent(models.Model):
    """What assignment knows about an agent: skills, whether they take tickets, and the row every
    assignment to them updates (two workers handing tickets to the same agent serialise on it)."""

    _name = "cxm.assignment.agent"
    _description = "Agent profile for ticket assignment"
    _order = "user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users", string="Agent", required=True, ondelete="cascade", domain=[("share", "=", False)]
    )
    active = fields.Boolean(default=True)
    accepts_tickets = fields.Boolean(
        default=True, help="Unticked: the agent gets no new tickets (a break, a training, other work)."
    )
    lang_ids = fields.Many2many(
        "res.lang",
        "cxm_assignment_agent_lang_rel",
        "agent_id",
        "lang_id",
        string="Languages",
        help="Languages the agent serves customers in (teams that match skills). Empty: the agent's own language.",
    )
    category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "cxm_assignment_agent_category_rel",
        "agent_id",
        "category_id",
        string="Categories",
        help="Ticket categories the agent handles (teams that match skills). Empty: every category.",
    )
    team_ids = fields.Many2many(related="user_id.helpdesk_team_ids", string="Teams")
    last_assign_date = fields.Datetime(string="Last assigned", readonly=True)
    assign_count = fields.Integer(string="Tickets assigned", readonly=True)
    available_now = fields.Boolean(compute="_compute_available_now", string="Available now")
    open_ticket_count = fields.Integer(compute="_compute_available_now", string="Open tickets")

    _user_unique = models.Constraint("UNIQUE(user_id)", "An agent has one assignment profile.")

    @api.depends_context("uid")
    def _compute_available_now(self):
        now = fields.Datetime.now()
        users = self.user_id
        present = self._cxm_present(users)
        working = self._cxm_working(users, now)
        loads = self.env["cxm.assignment.engine"]._cxm_loads(users.ids)
        for agent in self:
            uid = agent.user_id.id
            agent.available_now = agent.accepts_tickets and uid in present and uid in working
            agent.open_ticket_count = loads.get(uid, (0, 0))[0]

    # ------------------------------------------------------------------ actions
    def action_cxm_reassign_open_tickets(self):
        """Supervisor button: hand this agent's open tickets to the other agents of their teams."""
        if not self.env.user.has_group("cxm_base.group_cxm_supervisor"):
            raise AccessError(self.env._("Only CXM supervisors may re-assign an agent's tickets."))
        self.check_access("write")
        count = self.env["cxm.assignment.engine"]._cxm_reassign_from(self.user_id)
        return notification(
            self.env._("%(count)s open tickets were handed out again.", count=count), "info", then=CLOSE
        )

    # ------------------------------------------------------------------ availability
    @api.model
    def _cxm_present(self, users):
        """Ids of ``users`` present in Odoo now: an open session (mail.presence online) and not set to
        away, do-not-disturb or offline by hand."""
        if not users:
            return set()
        self.env["mail.presence"].flush_model(["user_id", "status"])
        users.flush_recordset(["manual_im_status"])
        self.env.cr.execute(
            SQL(
                """SELECT p.user_id FROM mail_presence p JOIN res_users u ON u.id = p.user_id
                    WHERE p.user_id = ANY(%s) AND p.status = 'online' AND u.manual_im_status IS NULL""",
                list(users.ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _cxm_working(self, users, now):
        """Ids of ``users`` inside their working hours at ``now`` (naive UTC) and not on leave: the calendar
        of their resource (their employee's, with hr) else their company's; leaves are the resource's
        (hr_holidays writes validated time off there) and the calendar's public holidays."""
        if not users:
            return set()
        resources = self.env["resource.resource"].sudo().search([("user_id", "in", users.ids)])
        resource_of = {res.user_id.id: res for res in resources}
        start = now.replace(tzinfo=UTC)
        end = start + timedelta(minutes=1)
        by_calendar = {}
        for user in users.sudo():
            resource = resource_of.get(user.id)
            if resource is not None and not resource.calendar_id:
                continue  # a resource without calendar works flexible hours: always inside them
            calendar = resource.calendar_id if resource else user.company_id.resource_calendar_id
            by_calendar.setdefault(calendar, []).append((user.id, resource))
        working = {uid for uid, res in resource_of.items() if not res.calendar_id}
        for calendar, members in by_calendar.items():
            if not calendar:
                working.update(uid for uid, _res in members)
                continue
            res_records = self.env["resource.resource"].sudo().browse([r.id for _u, r in members if r])
            intervals = calendar._work_intervals_batch(start, end, resources=res_records)
            for uid, resource in members:
                if any(s <= start < e for s, e, _rec in intervals[resource.id if resource else False]):
                    working.add(uid)
        return working

    @api.model
    def _cxm_available(self, team, users, now):
        """Ids of ``users`` who may receive a ticket of ``team`` now."""
        self.flush_model(["user_id", "active", "accepts_tickets"])
        self.env.cr.execute(
            SQL(
                "SELECT user_id FROM cxm_assignment_agent WHERE user_id = ANY(%s) AND NOT (active AND accepts_tickets)",
                list(users.ids),
            )
        )
        refused = {row[0] for row in self.env.cr.fetchall()}
        ids = {u.id for u in users if u.active and not u.share and u.id not in refused}
        if team.cxm_assign_need_presence:
            ids &= self._cxm_present(users)
        if team.cxm_assign_need_hours:
            ids &= self._cxm_working(users.filtered(lambda u: u.id in ids), now)
        return ids
