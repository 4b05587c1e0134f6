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
        if self.create_new_ticket:
            self.env["helpdesk.ticket"].check_access("create")
        already = (tickets | target).filtered("cxm_merged_into_id")
        if already:
            raise UserError(
                self.env._(
                    "%(tickets)s was already merged: merge into the ticket it was merged into instead.",
                    tickets=", ".join(already.mapped("display_name")),
                )
            )
        plan = merged._cxm_merge_plan()
        # sudo: helpdesk_mgmt_merge moves the merged tickets' messages and activities, which only
        # administrators may re-attach; the user's write access on every ticket was checked above, and
        # sudo keeps the user (author of the merge messages and of the history)
        action = super(HelpdeskTicketMerge, self.sudo()).merge_tickets()
        target = self.dst_ticket_id.with_env(self.env)
        target.check_access("write")  # a new ticket: one the user may work on
        # the merged tickets are archived now: the wizard's ticket_ids no longer lists them
        (merged - target).with_context(active_test=False)._cxm_merged_into(target, plan)
        return action
