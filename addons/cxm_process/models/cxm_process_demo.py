# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

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
        # closed demo tickets followed the process too: solved ones to the end, the others rejected
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        closed_paths = {
            ticket.id: paths[6] if ticket.stage_id == done else paths[7] for ticket in tickets - open_tickets
        }
        bypass = tickets.with_context(cxm_process_bypass=internal(), mail_notrack=True)
        bypass.write({"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").id})
        for i, demo_ticket in enumerate(open_tickets + (tickets - open_tickets)):
            ticket = demo_ticket.with_context(mail_notrack=True)
            ticket.cxm_process_id = complaint
            if not ticket.user_id:  # a person of the team, never the installing OdooBot
                assignee = ticket.team_id.user_ids.filtered(lambda u: not u.share)[:1]
                ticket.with_context(cxm_process_bypass=internal()).user_id = assignee
            path = closed_paths.get(ticket.id) or paths[i % len(paths)]
            # one timeline per ticket, in the past: created, then each step; the last status was entered
            # 30 h ago (SLA breached), 9 h ago (near due) or a few hours ago
            times = [now - timedelta(hours=(30, 9, 2 + i % 5)[i % 3])]
            for step in range(len(path), 0, -1):
                times.insert(0, times[0] - timedelta(hours=2 + (i * 7 + step * 5) % 30))
            self._cxm_demo_walk(ticket, complaint, path, times)
            if not ticket.cxm_sla_deadline:
                continue
            if i % 3 == 0:  # breached
                ticket.with_context(cxm_process_bypass=internal()).cxm_sla_deadline = now - timedelta(hours=3)
            elif i % 3 == 1:  # near due
                ticket.with_context(cxm_process_bypass=internal()).cxm_sla_deadline = now + timedelta(hours=1)
        return True

    @api.model
    def _cxm_demo_walk(self, ticket, process, path, times):
        """Walk ``ticket`` along ``path`` (transition names) as if it had been created at ``times[0]`` and
        each step had happened at the next time: creation date, history and time in status agree."""
        self.env.cr.execute(SQL("UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s", times[0], ticket.id))
        ticket.invalidate_recordset(["create_date"])
        bypass = ticket.with_context(cxm_process_bypass=internal())
        status = ticket.cxm_status_id
        bypass.write({"cxm_status_date": times[0], "cxm_sla_deadline": process._cxm_deadline_for(status.id, times[0])})
        History = self.env["cxm.process.history"].sudo()
        for label, when in zip(path, times[1:], strict=True):
            transition = process.transition_ids.filtered(lambda t, n=label: t.name == n)
            comment = self.env._("Demo: %(step)s", step=label)
            dated = ticket._cxm_history_vals(transition, transition.to_status_id, "transition", comment, when)
            ticket.cxm_fire_transition(transition.id, comment)
            domain = [("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]
            row = History.search(domain, order="id desc", limit=1)
            keys = ("date", "entered_date", "duration_hours", "working_hours", "sla_result", "sla_met_count")
            row.write({key: dated[key] for key in (*keys, "sla_breached_count")})
            dst = transition.to_status_id
            bypass.write({"cxm_status_date": when, "cxm_sla_deadline": process._cxm_deadline_for(dst.id, when)})
