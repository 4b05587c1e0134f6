# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCustomerUpsertRequest(models.Model):
    """Idempotency ledger of upsert requests: a request re-sent with the same
    (source, idempotency key) returns the first result and writes nothing."""

    _name = "cxm.customer.upsert.request"
    _description = "Customer Upsert Request"
    _order = "id desc"

    source_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade")
    idempotency_key = fields.Char(required=True)
    record_count = fields.Integer()
    result = fields.Json()
    company_id = fields.Many2one("res.company", index=True)

    _source_key_unique = models.Constraint(
        "UNIQUE (source_id, idempotency_key)",
        "An idempotency key is used once per source.",
    )
