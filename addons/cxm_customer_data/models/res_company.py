# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# what the customer pipeline caches per worker about a company (_cxm_company_region_code)
PIPELINE_FIELDS = {"cxm_phone_region_id", "country_id", "partner_id"}


class ResCompany(models.Model):
    _inherit = "res.company"

    def write(self, vals):
        result = super().write(vals)
        if PIPELINE_FIELDS.intersection(vals):
            self.env.registry.clear_cache()  # every worker reads the new phone region on its next call
        return result

    def _compute_cxm_phone_region_id(self):
        # also recomputed when the country of the company's partner changes
        result = super()._compute_cxm_phone_region_id()
        self.env.registry.clear_cache()
        return result
