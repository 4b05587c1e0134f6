# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmCtiQuickPartner(models.TransientModel):
    """Quick creation of an unknown caller, prefilled with the number."""

    _name = "cxm.cti.quick.partner"
    _description = "Create the Caller as a Customer"

    call_id = fields.Many2one("cxm.cti.call", required=True)
    name = fields.Char(required=True)
    phone = fields.Char(required=True)
    email = fields.Char()

    def action_create(self):
        self.ensure_one()
        self.call_id.check_access("write")
        partner = self.env["res.partner"].create(
            {
                "name": self.name,
                "phone": self.phone,
                "email": self.email,
                "company_id": self.call_id.company_id.id,
            }
        )
        self.call_id.write({"partner_id": partner.id, "candidate_ids": [(4, partner.id)]})
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxm.cti.call",
            "res_id": self.call_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
