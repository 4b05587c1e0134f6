# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmIntegrationOutbox(models.Model):
    """The outbox sends channel messages; their adapter reads the provider's answer."""

    _inherit = "cxm.integration.outbox"

    def _cxm_channel_message(self):
        if not self.id:
            return self.env["cxm.channel.message"]
        return self.env["cxm.channel.message"].sudo().search([("outbox_id", "=", self.id)], limit=1)

    def _prepare_headers(self):
        headers = super()._prepare_headers()
        message = self._cxm_channel_message()
        if message:
            headers = message.instance_id._cxm_channel_adapter()._cxm_outbound_headers(self.instance_id, headers)
        return headers

    def _is_permanent_failure(self, status, body):
        message = self._cxm_channel_message()
        if message:
            return message.instance_id._cxm_channel_adapter()._cxm_is_permanent_failure(message, status, body)
        return super()._is_permanent_failure(status, body)

    def _after_attempt(self, status, body, error):
        res = super()._after_attempt(status, body, error)
        message = self._cxm_channel_message()
        if not message:
            return res
        adapter = message.instance_id._cxm_channel_adapter()
        if not error:
            message._cxm_set_status("sent", external_id=adapter._cxm_parse_send_response(message, status, body))
        else:
            code, reason = adapter._cxm_send_failure(message, status, body, error)
            if self.state == "dead":
                message._cxm_set_status("failed", code=code, reason=reason)
            else:
                message.write({"error_code": code or False, "error_reason": (reason or "")[:250] or False})
        return res
