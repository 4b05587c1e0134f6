# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmConsentCodeAttempt(models.Model):
    """One entry of a consent code by an agent, right or wrong (the audit trail of the opt-in)."""

    _name = "cxm.consent.code.attempt"
    _description = "Consent Code Attempt"
    _order = "id desc"

    code_id = fields.Many2one("cxm.consent.code", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="code_id.partner_id")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Agent", ondelete="set null")
    success = fields.Boolean()
    reason = fields.Char()
    company_id = fields.Many2one("res.company", required=True, index=True)
