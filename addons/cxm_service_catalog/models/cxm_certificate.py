# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain


class CxmCertificate(models.Model):
    """A passed certification of a catalogue training, held by a contact."""

    _name = "cxm.certificate"
    _description = "Training Certificate"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Holder", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", string="Training", required=True, ondelete="restrict")
    service_kind = fields.Selection(related="product_id.cxm_service_kind", store=True)
    event_id = fields.Many2one("event.event", string="Session", ondelete="set null")
    registration_id = fields.Many2one("event.registration", ondelete="set null", index="btree_not_null")
    user_input_id = fields.Many2one("survey.user_input", string="Certification Answers", ondelete="set null")
    date = fields.Date(required=True, default=fields.Date.context_today)
    score = fields.Float(string="Score (%)")
    expiry_date = fields.Date(string="Valid Until")
    is_valid = fields.Boolean(string="Valid", compute="_compute_is_valid", search="_search_is_valid")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.depends("expiry_date")
    @api.depends_context("date")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for cert in self:
            cert.is_valid = not cert.expiry_date or cert.expiry_date >= today

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        valid = Domain.OR([[("expiry_date", "=", False)], [("expiry_date", ">=", fields.Date.context_today(self))]])
        return valid if (operator == "=") == value else ~valid

    @api.depends("product_id", "date", "partner_id")
    def _compute_display_name(self):
        for cert in self:
            cert.display_name = f"{cert.product_id.name or ''} - {cert.partner_id.name or ''} ({cert.date})"

    @api.model
    def _cxm_expiry(self, product, date):
        months = product.cxm_certificate_validity_months
        return date + relativedelta(months=months) if months else False
