# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class HelpdeskTicketMerge(models.TransientModel):
    _inherit = "helpdesk.ticket.merge"

    def merge_tickets(self):
        """helpdesk_mgmt_merge's merge, checked first as a whole (rights, merged tickets, process way out),
        then each merged ticket leaves its process through its merge transition."""
        self.ensure_one()
        tickets = self.ticket_ids
        target = self.env["helpdesk.ticket"] if self.create_new_ticket else self.dst_ticket_id
        merged = tickets - target
        if not merged or (not target and len(merged) < 2):
            raise UserError(self.env._("Select at least two tickets to merge."))
        (tickets | target).check_access("write")
        already = (tickets | target).filtered("cxm_merged_into_id")
        if already:
            raise UserError(
                self.env._(
                    "%(tickets)s was already merged: merge into the ticket it was merged into instead.",
                    tickets=", ".join(already.mapped("display_name")),
                )
            )
        plan = merged._cxm_merge_plan()
        action = super().merge_tickets()
        target = self.dst_ticket_id
        (self.ticket_ids - target).with_context(active_test=False)._cxm_merged_into(target, plan)
        return action
