# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command

from odoo.addons.cxm_base.tests.common import CxmCommon


def working_calendar(env, name, days=7, hour_from=0, hour_to=24):
    """A UTC resource calendar open ``hour_from``-``hour_to`` on the first ``days`` days of the week."""
    attendances = [
        Command.create(
            {"name": f"d{d}", "dayofweek": str(d), "hour_from": hour_from, "hour_to": hour_to, "day_period": "full_day"}
        )
        for d in range(days)
    ]
    return env["resource.calendar"].create(
        {"name": name, "tz": "UTC", "attendance_ids": [Command.clear(), *attendances]}
    )


class ProcessCommon(CxmCommon):
    """A small active process on four stock stages:

    New --Take--> In Progress --Ask (reason)--> Awaiting --Resume / customer reply--> In Progress
    In Progress --Solve (needs assignee, supervisor)--> Done (closing)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = working_calendar(cls.env, "Test 24/7", 7, 0, 24)
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        Status = cls.env["cxm.process.status"]
        cls.process = cls.env["cxm.process"].create(
            {"name": "Test process", "model": "helpdesk.ticket", "resource_calendar_id": cls.calendar.id}
        )
        cls.st_new = Status.create(
            {"process_id": cls.process.id, "sequence": 1, "ticket_stage_id": cls.stage_new.id, "sla_hours": 4}
        )
        cls.st_progress = Status.create(
            {"process_id": cls.process.id, "sequence": 2, "ticket_stage_id": cls.stage_progress.id, "sla_hours": 8}
        )
        cls.st_awaiting = Status.create(
            {
                "process_id": cls.process.id,
                "sequence": 3,
                "ticket_stage_id": cls.stage_awaiting.id,
                "sla_clock": "pause",
            }
        )
        cls.st_done = Status.create(
            {"process_id": cls.process.id, "sequence": 4, "ticket_stage_id": cls.stage_done.id, "is_closing": True}
        )
        Transition = cls.env["cxm.process.transition"]
        agent_group = cls.env.ref("cxm_base.group_cxm_agent")
        cls.tr_take = Transition.create(
            {
                "process_id": cls.process.id,
                "name": "Take",
                "from_status_ids": [Command.set(cls.st_new.ids)],
                "to_status_id": cls.st_progress.id,
                "group_ids": [Command.set(agent_group.ids)],
            }
        )
        cls.tr_ask = Transition.create(
            {
                "process_id": cls.process.id,
                "name": "Ask customer",
                "from_status_ids": [Command.set(cls.st_progress.ids)],
                "to_status_id": cls.st_awaiting.id,
                "comment_required": True,
            }
        )
        cls.tr_resume = Transition.create(
            {
                "process_id": cls.process.id,
                "name": "Resume",
                "from_status_ids": [Command.set(cls.st_awaiting.ids)],
                "to_status_id": cls.st_progress.id,
            }
        )
        cls.tr_reply = Transition.create(
            {
                "process_id": cls.process.id,
                "name": "Customer replied",
                "trigger": "customer_reply",
                "from_status_ids": [Command.set(cls.st_awaiting.ids)],
                "to_status_id": cls.st_progress.id,
            }
        )
        cls.tr_solve = Transition.create(
            {
                "process_id": cls.process.id,
                "name": "Solve",
                "from_status_ids": [Command.set(cls.st_progress.ids)],
                "to_status_id": cls.st_done.id,
                "group_ids": [Command.set(cls.env.ref("cxm_base.group_cxm_supervisor").ids)],
                "required_field_ids": [Command.set(cls.env.ref("helpdesk_mgmt.field_helpdesk_ticket__user_id").ids)],
            }
        )
        cls.process.action_activate()
        cls.team_service.user_id = cls.supervisor

    def _ticket(self, **vals):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Process ticket",
                "description": "<p>x</p>",
                "team_id": self.team_service.id,
                "partner_id": self.customer.id,
                "cxm_process_id": self.process.id,
                **vals,
            }
        )
