# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.cxm_channel.tests.common import ChannelCase
from odoo.addons.cxm_process.tests.common import working_calendar


def csat_process(cls):
    """On ``cls``: a process New --Solve (asks for a rating)--> Done, Done --On low rating (at most 2)-->
    In Progress."""
    stage = cls.env.ref
    Status = cls.env["cxm.process.status"]
    cls.process = cls.env["cxm.process"].create(
        {
            "name": "CSAT process",
            "model": "helpdesk.ticket",
            "resource_calendar_id": working_calendar(cls.env, "CSAT").id,
        }
    )
    cls.st_new, cls.st_progress, cls.st_done = (
        Status.create({"process_id": cls.process.id, "sequence": seq, "ticket_stage_id": stage(xmlid).id, **extra})
        for seq, xmlid, extra in (
            (1, "helpdesk_mgmt.helpdesk_ticket_stage_new", {}),
            (2, "helpdesk_mgmt.helpdesk_ticket_stage_in_progress", {}),
            (3, "helpdesk_mgmt.helpdesk_ticket_stage_done", {"is_closing": True}),
        )
    )
    Transition = cls.env["cxm.process.transition"]
    cls.tr_solve = Transition.create(
        {
            "process_id": cls.process.id,
            "name": "Solve",
            "from_status_ids": [Command.set((cls.st_new | cls.st_progress).ids)],
            "to_status_id": cls.st_done.id,
            "cxm_request_rating": True,
        }
    )
    cls.tr_low = Transition.create(
        {
            "process_id": cls.process.id,
            "name": "Reopen on low rating",
            "from_status_ids": [Command.set(cls.st_done.ids)],
            "to_status_id": cls.st_progress.id,
            "trigger": "low_rating",
            "cxm_rating_max": 2,
        }
    )
    cls.process.action_activate()


class CsatCase(ChannelCase):
    """A chat channel (fake platform on 127.0.0.1) and a process: New --Solve (asks for a rating)--> Done,
    Done --On low rating (at most 2)--> In Progress."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        csat_process(cls)

    def open_ticket(self, address="user-1", text="Siparişim gelmedi"):
        """A customer writes on the chat channel; the ticket follows the CSAT process."""
        self.receive(self.item(f"in-{address}-{len(self.fake.requests)}-{text}", address=address, text=text))
        ticket = self.tickets_of(address)
        self.assertEqual(len(ticket), 1)
        ticket.cxm_process_id = self.process
        ticket.user_id = self.agent
        return ticket

    def solve(self, ticket):
        from odoo.addons.queue_job.tests.common import trap_jobs

        with trap_jobs() as trap:
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_solve.id)
            self.run_jobs(trap)
