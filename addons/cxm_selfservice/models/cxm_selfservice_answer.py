# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmSelfserviceAnswer(models.Model):
    """One answer of a help-centre form, stored with the ticket. The label is copied at submission so the
    ticket still reads well after the form changes."""

    _name = "cxm.selfservice.answer"
    _description = "Help Centre Form Answer"
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    field_id = fields.Many2one("cxm.selfservice.form.field", ondelete="set null")
    sequence = fields.Integer()
    key = fields.Char(required=True)
    label = fields.Char(required=True)
    value = fields.Text()
