# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class CxmCtiCall(models.Model):
    _inherit = "cxm.cti.call"

    def _cxm_lookup_ticket(self):
        """The ticket rows are attached to: the latest ticket of this call."""
        self.ensure_one()
        return self.ticket_ids.sorted("id", reverse=True)[:1]

    def cxm_lookup_panels(self):
        """Live external data panels of this call (public): those of its
        latest ticket when the call has one (ticket parameters available),
        else those of its customer. Same shape as
        ``res.partner.cxm_lookup_panels()``; a failing service gives a
        message, never an error."""
        self.ensure_one()
        self.check_access("read")
        ticket = self._cxm_lookup_ticket()
        if ticket:
            return ticket.cxm_lookup_panels()
        if not self.partner_id:
            return []
        return self.partner_id.cxm_lookup_panels()

    def action_cxm_lookup_panels(self):
        self.ensure_one()
        self.check_access("read")
        ticket = self._cxm_lookup_ticket()
        if not self.partner_id and not ticket:
            raise UserError(self.env._("Pick the caller first: external data is asked for a customer."))
        return self.env["cxm.lookup.panel.wizard"]._cxm_open(self.partner_id, ticket)
