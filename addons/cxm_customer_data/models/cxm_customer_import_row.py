# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCustomerImportRow(models.Model):
    """A staged row of an import (its data as sent, its outcome)."""

    _name = "cxm.customer.import.row"
    _description = "Customer Import Row"
    _order = "import_id, kind, sequence"
    _log_access = False

    import_id = fields.Many2one("cxm.customer.import", required=True, ondelete="cascade", index=True)
    kind = fields.Selection([("customer", "Customer"), ("transaction", "Transaction")], required=True)
    sequence = fields.Integer(string="Row")
    level = fields.Integer(
        help="0: no parent in this import (or none at all); n + 1: the parent is a level-n row of it. "
        "Rows are processed level by level."
    )
    data = fields.Json()
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("error", "Error")], default="pending", required=True
    )
    message = fields.Text()
    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="set null")
    company_id = fields.Many2one(related="import_id.company_id")
    chunk_id = fields.Many2one("cxm.customer.import.chunk", ondelete="set null", index="btree_not_null")

    _pending_idx = models.Index("(import_id, state, sequence)")
