# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class AssignCommon(TransactionCase):
    """A team of four agents (availability checks off unless a test switches them on) and a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        cls.agents = cls.env["res.users"]
        for i in range(4):
            cls.agents |= new_test_user(
                cls.env, f"cxm_assign_agent{i}", groups="cxm_base.group_cxm_agent", name=f"Assign Agent {i}"
            )
        cls.supervisor = new_test_user(cls.env, "cxm_assign_supervisor", groups="cxm_base.group_cxm_supervisor")
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Assignment Team",
                "user_ids": [(6, 0, cls.agents.ids)],
                "cxm_assign_policy": "balanced",
                "cxm_assign_need_presence": False,
                "cxm_assign_need_hours": False,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Assign Customer", "lang": "en_US"})
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @classmethod
    def make_tickets(cls, count, team=None, **vals):
        base = {
            "description": "<p>Help</p>",
            "team_id": (team or cls.team).id,
            "partner_id": cls.customer.id,
        }
        return cls.env["helpdesk.ticket"].create([dict(base, name=f"Ticket {i}", **vals) for i in range(count)])

    def open_loads(self, users=None):
        """{user: open tickets} for ``users`` (default: the team's agents), zeros included."""
        users = users or self.agents
        tickets = self.env["helpdesk.ticket"].search([("user_id", "in", users.ids), ("stage_id.closed", "=", False)])
        counts = Counter(ticket.user_id for ticket in tickets)
        return {user: counts.get(user, 0) for user in users}
