# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmChannelAdapterChatGeneric(models.AbstractModel):
    """Generic chat channel (instance kind *Chat / bot*, provider ``generic``): for a chat or bot platform
    without its own module. Inbound messages come through :meth:`cxm.integration.instance._cxm_channel_receive`
    (e.g. from a REST route of the platform's module); a reply is ``POST <base URL>/messages`` with
    ``{"to", "text", "reference"}`` and a bearer token, answered by ``{"id": <platform message id>}``."""

    _name = "cxm.channel.adapter.chat.generic"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: generic chat"

    _cxm_channel_code = "chat"
    _cxm_address_key = "external_key"

    def _cxm_partner_values(self, instance, address, name):
        return {"name": name or address}

    def _cxm_prepare_request(self, message):
        return {
            "path": "messages",
            "payload": {"to": message.address, "text": message.body or "", "reference": f"cxm-{message.id}"},
        }

    def _cxm_parse_send_response(self, message, status, body):
        return str(self._cxm_json(body).get("id") or "") or None

    def _cxm_send_failure(self, message, status, body, error):
        data = self._cxm_json(body)
        return str(data.get("code") or status or ""), data.get("error") or error
