# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.cxm_base.tools import internal


class CxmProcessDemo(models.AbstractModel):
    """Demo data: tickets walked along the complaint process."""

    _name = "cxm.process.demo"
    _description = "Demo walk of tickets along a process"

    # ------------------------------------------------------------------ demo
    @api.model
    def _cxm_demo_flow(self, ticket_xmlids):
        """Demo data: processes from both templates, open demo tickets walked through the complaint one."""
        processes = {}
        for template_xmlid, xmlid in (
            ("cxm_process.template_complaint", "process_complaint_demo"),
            ("cxm_process.template_information", "process_information_demo"),
        ):
            template = self.env.ref(template_xmlid)
            process = template._cxm_copy_from_template(template.name)
            self.env["ir.model.data"].create(
                {"module": "cxm_process", "name": xmlid, "model": "cxm.process", "res_id": process.id, "noupdate": True}
            )
            process.action_activate()
            processes[xmlid] = process
        complaint = processes["process_complaint_demo"]
        paths = [
            [],
            ["Classify"],
            ["Classify", "Start work"],
            ["Classify", "Start work", "Ask customer"],
            ["Classify", "Start work", "Escalate"],
            ["Classify", "Start work", "Propose solution"],
            ["Classify", "Start work", "Propose solution", "Solution accepted"],
            ["Reject"],
        ]
        now = fields.Datetime.now()
        tickets = self.env["helpdesk.ticket"].browse([self.env.ref(x).id for x in ticket_xmlids])
        open_tickets = tickets.filtered(lambda t: not t.stage_id.closed)
        bypass = open_tickets.with_context(cxm_process_bypass=internal(), mail_notrack=True)
        bypass.write({"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").id})
        for i, demo_ticket in enumerate(open_tickets):
            ticket = demo_ticket.with_context(mail_notrack=True)
            ticket.cxm_process_id = complaint
            if not ticket.user_id:
                assignee = ticket.team_id.user_ids[:1] or self.env.user
                ticket.with_context(cxm_process_bypass=internal()).user_id = assignee
            for step, label in enumerate(paths[i % len(paths)]):
                hours = 2 + (i * 7 + step * 5) % 30
                ticket.with_context(cxm_process_bypass=internal()).cxm_status_date = now - timedelta(hours=hours)
                transition = complaint.transition_ids.filtered(lambda t, n=label: t.name == n)
                ticket.cxm_fire_transition(transition.id, self.env._("Demo: %(step)s", step=label))
            if not ticket.cxm_sla_deadline:
                continue
            if i % 3 == 0:  # breached
                ticket.with_context(cxm_process_bypass=internal()).write(
                    {"cxm_status_date": now - timedelta(hours=30), "cxm_sla_deadline": now - timedelta(hours=3)}
                )
            elif i % 3 == 1:  # near due
                ticket.with_context(cxm_process_bypass=internal()).write(
                    {"cxm_status_date": now - timedelta(hours=9), "cxm_sla_deadline": now + timedelta(hours=1)}
                )
        return True
