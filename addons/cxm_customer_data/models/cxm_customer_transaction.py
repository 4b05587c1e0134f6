# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmCustomerTransaction(models.Model):
    """Summary of a purchase, order, payment or return of a customer in a
    corporate system (one row per source and transaction key). KPIs read it."""

    _name = "cxm.customer.transaction"
    _description = "Customer Transaction"
    _order = "date desc, id desc"
    _rec_name = "external_key"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade", index=True)
    source_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    external_key = fields.Char(string="Transaction Key", required=True)
    kind = fields.Selection(
        [
            ("purchase", "Purchase"),
            ("order", "Order"),
            ("payment", "Payment"),
            ("return", "Return"),
            ("other", "Other"),
        ],
        required=True,
        default="purchase",
    )
    date = fields.Date(required=True, index=True)
    amount = fields.Monetary(currency_field="currency_id")
    quantity = fields.Float()
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.company.currency_id)
    description = fields.Char()

    _source_key_unique = models.Constraint(
        "UNIQUE (source_id, external_key)",
        "A transaction key must be unique per source system.",
    )
    _partner_date_idx = models.Index("(partner_id, date)")

    @api.model
    def cxm_upsert(self, records, source):
        """Upsert transaction summaries (public API, JSON-2 / XML-RPC).

        :param records: list of dicts with customer_key, transaction_key, kind
            (purchase, order, payment, return, other), date (YYYY-MM-DD),
            amount, quantity, currency (ISO code), description.
        :param source: integration instance id or code.
        :return: one ``{"status", "partner_id", "errors"}`` per record.
        """
        source_rec = self.env["res.partner"]._cxm_upsert_source(source, records)
        return self.env["cxm.customer.pipeline"]._upsert_transactions(records, source_rec)
