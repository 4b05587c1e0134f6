# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.cxm_integration.routers.base import SCOPE_BY_PREFIX

SCOPE_BY_PREFIX["/cxm/api/v1/chatbot/"] = "chatbot"


class CxmIntegrationApiKey(models.Model):
    _inherit = "cxm.integration.api.key"

    scope = fields.Selection(selection_add=[("chatbot", "Chatbots")], ondelete={"chatbot": "cascade"})
