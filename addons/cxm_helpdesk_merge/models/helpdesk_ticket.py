# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cxm_base.tools import internal


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_merged_into_id = fields.Many2one(
        "helpdesk.ticket",
        string="Merged into",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The ticket this one was merged into: later messages of its conversation go there.",
    )
    cxm_merged_ticket_ids = fields.One2many(
        "helpdesk.ticket",
        "cxm_merged_into_id",
        string="Merged tickets",
        readonly=True,
        context={"active_test": False},
    )

    # ------------------------------------------------------------------ conversation hook
    def _cxm_conversation_ticket(self):
        """Where a new message of this ticket's conversation belongs: the ticket itself, or, when it was
        merged, the ticket that survived the merge (followed through merges of merges).

        Channel layers (cxm_channel and its channels) call this before they append an inbound message
        to a ticket they found for a conversation."""
        self.ensure_one()
        ticket, seen = self, set()
        while ticket.cxm_merged_into_id and ticket.id not in seen:
            seen.add(ticket.id)
            ticket = ticket.cxm_merged_into_id
        return ticket

    @api.model
    def _cxm_conversation_models(self):
        """(model, ticket field) of the conversation records that follow a merged ticket to the surviving
        one; models of modules that are not installed are skipped."""
        return [("cxm.channel.message", "ticket_id")]

    def message_post(self, **kwargs):
        """A customer's message to a merged ticket lands on the ticket that survived the merge."""
        if len(self) == 1 and self.cxm_merged_into_id and kwargs.get("message_type", "notification") != "notification":
            if "author_id" in kwargs:
                author = self.env["res.partner"].browse(kwargs["author_id"] or [])
            else:
                author = self.env.user.partner_id
            if not author.sudo().user_ids.filtered(lambda u: not u.share):
                return self._cxm_conversation_ticket().message_post(**kwargs)
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------ merge
    def _cxm_merge_plan(self):
        """{ticket: merge transition} for the tickets about to be merged that follow an active process in an
        open status. Refuses the whole merge when one of them has no way out "On merge"."""
        Process = self.env["cxm.process"]
        plan, missing = {}, []
        for ticket in self.filtered("cxm_process_id"):
            graph = Process._cxm_graph(ticket.cxm_process_id.id)
            status = ticket.cxm_status_id
            if graph["state"] != "active" or not status or graph["statuses"][status.id]["closing"]:
                continue
            tr = next((t for t in graph["transitions"] if t["trigger"] == "merge" and status.id in t["from"]), None)
            if tr:
                plan[ticket] = tr["id"]
            else:
                missing.append(
                    self.env._(
                        "%(ticket)s (process %(process)s, status %(status)s)",
                        ticket=ticket.display_name,
                        process=ticket.cxm_process_id.sudo().name,
                        status=status.sudo().name,
                    )
                )
        if missing:
            raise UserError(
                self.env._(
                    "Nothing was merged: no transition 'On merge' leads out of the status of %(tickets)s. "
                    "A manager adds one to the process.",
                    tickets="; ".join(missing),
                )
            )
        return plan

    def _cxm_merged_into(self, target, plan):
        """These tickets were merged into ``target``: link them, move their conversations and let each leave
        its process through its merge transition (history kept on the merged ticket)."""
        self.write({"cxm_merged_into_id": target.id})
        for model, field in self._cxm_conversation_models():
            if model in self.env:
                # sudo: conversation records follow the tickets the caller may write (checked by the merge)
                self.env[model].sudo().search([(field, "in", self.ids)]).write({field: target.id})
        for ticket in self:
            transition_id = plan.get(ticket)
            if transition_id:
                comment = self.env._("Merged into %(ticket)s", ticket=target.display_name)
                ticket.with_context(cxm_automatic=internal(True)).cxm_fire_transition(transition_id, comment=comment)
        return True

    @api.model
    def _cxm_demo_merge(self, ticket_ids, target_id):
        """Demo data: merge ``ticket_ids`` into ``target_id`` with the merge wizard, as an agent would."""
        wizard = self.env["helpdesk.ticket.merge"].with_context(active_ids=[target_id, *ticket_ids])
        return wizard.create({"dst_ticket_id": target_id}).merge_tickets()
