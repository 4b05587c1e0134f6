# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .cxm_consent_iys_reconcile import KINDS


class CxmConsentIysReconcileLine(models.Model):
    """One difference found by a reconciliation: an address whose effective consent in the ledger is
    not what İYS holds."""

    _name = "cxm.consent.iys.reconcile.line"
    _description = "İYS Reconciliation Difference"
    _order = "reconcile_id desc, id"
    _rec_name = "address"

    reconcile_id = fields.Many2one("cxm.consent.iys.reconcile", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="reconcile_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    iys_type = fields.Char(string="İYS Type", readonly=True)
    recipient_type = fields.Char(readonly=True)
    address = fields.Char(readonly=True)
    ledger_status = fields.Selection([("approve", "Approve"), ("refuse", "Refuse")], readonly=True)
    registry_status = fields.Selection(
        [("approve", "Approve"), ("refuse", "Refuse"), ("none", "Not registered")], readonly=True
    )
    kind = fields.Selection(KINDS, readonly=True)
