# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import quote

from odoo import models

from ..tools.connector import dig


class CxmChannelAdapterSocialSikayetvar(models.AbstractModel):
    """Şikayetvar (provider ``sikayetvar``): a configurable connector. Complaints are polled (scheduled,
    resumable cursor) or pushed to the instance's webhook, mapped by the instance's *Connector
    Configuration* (built-in preset); the answer to a complaint goes to the configured answer endpoint
    with the configured authentication header."""

    _name = "cxm.channel.adapter.social.sikayetvar"
    _inherit = "cxm.channel.adapter.social.generic"
    _description = "Channel adapter: Şikayetvar complaint site"

    def _cxm_prepare_request(self, message):
        config = message.instance_id._cxm_social_connector_config()
        answer = config["answer"]
        complaint_id = self._cxm_reply_target(message)
        return {
            "path": answer["path"].replace("{id}", quote(complaint_id, safe="")),
            "method": answer.get("method") or "POST",
            "payload": {answer.get("text_field") or "message": message.body or ""},
        }

    def _cxm_outbound_headers(self, instance, headers):
        auth = instance._cxm_social_connector_config().get("auth") or {}
        return instance._cxm_social_auth_headers(headers, auth)

    def _cxm_parse_send_response(self, message, status, body):
        config = message.instance_id._cxm_social_connector_config()
        ticket = message.ticket_id
        if ticket.cxm_social_public_state in (False, "open"):
            ticket.cxm_social_public_state = "answered"  # the site shows the company's answer
        return str(dig(self._cxm_json(body), config["answer"].get("id_field") or "id") or "") or None
