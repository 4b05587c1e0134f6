# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models


class CxmChannelIntake(models.AbstractModel):
    """Threading follows merges: a customer whose conversation on a channel was merged into another ticket
    (within the instance's window, and with no open ticket of their own on the channel) writes on, and
    the message lands on the ticket that survived the merge, not on a new one."""

    _inherit = "cxm.channel.intake"

    def _cxm_thread(self, instance, channel, messages, partners):
        redirect = self._cxm_merge_redirect(instance, channel, partners)
        if not redirect:
            return super()._cxm_thread(instance, channel, messages, partners)
        rest = messages.filtered(lambda m: m.address not in redirect)
        result, created = (
            super()._cxm_thread(instance, channel, rest, partners) if rest else ({}, self.env["helpdesk.ticket"])
        )
        result.update(redirect)
        return result, created

    def _cxm_merge_redirect(self, instance, channel, partners):
        """{address: surviving ticket} for senders whose last conversation on the channel was merged."""
        since = fields.Datetime.now() - timedelta(hours=instance.cxm_thread_window or 0)
        common = [
            ("partner_id", "in", [partner.id for partner in partners.values()]),
            ("channel_id", "=", channel.id),
            ("company_id", "=", instance.company_id.id),
            ("cxm_last_inbound_date", ">=", since),
        ]
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=False)
        merged = Ticket.search([*common, ("cxm_merged_into_id", "!=", False)], order="cxm_last_inbound_date desc")
        if not merged:
            return {}
        open_partners = set(
            Ticket.search([*common, ("stage_id.closed", "=", False), ("active", "=", True)]).partner_id.ids
        )
        survivors = {}
        for ticket in merged:
            if ticket.partner_id.id in open_partners or ticket.partner_id.id in survivors:
                continue
            survivor = ticket._cxm_conversation_ticket()
            if survivor.active and not survivor.stage_id.closed:
                survivors[ticket.partner_id.id] = survivor
        return {address: survivors[partner.id] for address, partner in partners.items() if partner.id in survivors}
