# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmChannelAdapterWhatsappD360(models.AbstractModel):
    """A BSP in the 360dialog style: base URL ``https://waba-v2.360dialog.io``, ``POST /messages``,
    the API key in the ``D360-API-KEY`` header, Cloud API bodies; templates at ``/v1/configs/templates``."""

    _name = "cxm.channel.adapter.whatsapp.d360"
    _inherit = "cxm.channel.adapter.whatsapp.meta"
    _description = "Channel adapter: WhatsApp through 360dialog"

    def _wa_send_path(self, instance):
        return "messages"

    def _wa_templates_path(self, instance):
        return "v1/configs/templates"

    def _wa_templates_key(self):
        return "waba_templates"

    def _wa_headers(self, instance):
        return {"D360-API-KEY": instance.sudo().outbound_token or ""}
