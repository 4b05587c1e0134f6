# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_is_customer = fields.Boolean(
        string="Is a customer",
        compute="_compute_cxm_is_customer",
        search="_search_cxm_is_customer",
        help="Not the staff (partners of internal users), not this database's companies, not OdooBot nor the "
        "public user.",
    )

    def _cxm_not_customer_ids(self):
        # every company of this database, whatever the reader's companies (archived ones too)
        self.env["res.company"].flush_model(["partner_id"])
        self.env.cr.execute(SQL("SELECT partner_id FROM res_company"))
        company_partners = {row[0] for row in self.env.cr.fetchall()}
        xmlids = ("base.partner_root", "base.public_partner")
        technical = (self.env.ref(xmlid, raise_if_not_found=False) for xmlid in xmlids)
        return company_partners | {partner.id for partner in technical if partner}

    def _compute_cxm_is_customer(self):
        not_customers = self._cxm_not_customer_ids()
        for partner in self:
            partner.cxm_is_customer = partner.partner_share and partner.id not in not_customers

    def _search_cxm_is_customer(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        customers = Domain("partner_share", "=", True) & Domain("id", "not in", list(self._cxm_not_customer_ids()))
        return customers if (operator == "=") == value else ~customers
