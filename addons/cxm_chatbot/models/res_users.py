# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.mail.tools.discuss import Store


class ResUsers(models.Model):
    _inherit = "res.users"

    def _init_store_data(self, store: Store):
        """Tell Discuss whether the user may open tickets: the *Create Ticket* action of live chats shows
        only then (the server checks again when it is clicked)."""
        result = super()._init_store_data(store)
        user = self.env.user
        store.add_global_values(
            cxm_can_create_ticket=user._is_internal() and self.env["helpdesk.ticket"].has_access("create")
        )
        return result
