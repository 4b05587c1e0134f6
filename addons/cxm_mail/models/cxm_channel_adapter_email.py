# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class CxmChannelAdapterEmailGateway(models.AbstractModel):
    """E-mail on the conversation layer. E-mail travels through Odoo's own mail gateway (incoming
    mail servers, aliases, SMTP), which also threads it by Message-Id and, with cxm_mail, by the
    ticket reference in the subject; the layer gives it what every channel shares: the ticket
    channel and the identification of the sender (identity look-up, new partner marked as created
    from e-mail)."""

    _name = "cxm.channel.adapter.email.gateway"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: e-mail through Odoo's mail gateway"

    _cxm_channel_code = "email"
    _cxm_address_key = "email"

    def _cxm_mail_channel(self):
        """The ticket channel of e-mail (helpdesk_mgmt's *Email*, code ``email``)."""
        return self.env["helpdesk.ticket.channel"].sudo()._cxm_by_code(self._cxm_channel_code)

    def _cxm_send(self, message):
        raise UserError(
            self.env._("E-mail replies go out through Odoo's outgoing mail servers: leave 'Reply on' empty.")
        )
