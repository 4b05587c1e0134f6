# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CxmConsentEvent(models.Model):
    """Every event appended to the ledger is queued for the company's İYS instances (except what İYS
    itself told us)."""

    _inherit = "cxm.consent.event"

    @api.model
    def _cxm_record(self, vals_list):
        events = super()._cxm_record(vals_list)
        if events:
            self.env["cxm.consent.iys.push"]._cxm_queue(events)
        return events
