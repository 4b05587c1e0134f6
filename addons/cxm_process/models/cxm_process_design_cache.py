# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CxmProcessDesignCache(models.AbstractModel):
    """Models whose records feed the cached process design (``cxm.process._cxm_graph``,
    the weekly pattern of calendars): any change clears the registry cache, in
    every worker (Odoo signals cache invalidation through the database)."""

    _name = "cxm.process.design.cache"
    _description = "Clears the cached process design on change"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
