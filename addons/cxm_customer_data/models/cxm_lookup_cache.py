# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmLookupCache(models.Model):
    _name = "cxm.lookup.cache"
    _description = "External Look-up Cache"
    _log_access = False

    connector_id = fields.Many2one("cxm.lookup.connector", required=True, ondelete="cascade")
    cache_key = fields.Char(required=True, index=True)
    payload = fields.Json()
    fetched_at = fields.Datetime(default=fields.Datetime.now, required=True)
