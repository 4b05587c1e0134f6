# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.cxm_base.tools import notification

IDENTITY_FIELDS = {"phone", "mobile", "email", "vat", "cxm_national_id", "company_id", "country_id", "active"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_national_id = fields.Char(
        string="National ID",
        index="btree_not_null",
        help="Personal identification number (e.g. Turkish TCKN), validated per country when the key is indexed.",
    )
    cxm_identity_ids = fields.One2many("cxm.partner.identity", "partner_id", string="Identity Keys")

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        self.env["cxm.partner.identity"]._cxm_sync_later(partners.ids)
        return partners

    def write(self, vals):
        result = super().write(vals)
        if IDENTITY_FIELDS.intersection(vals):
            self.env["cxm.partner.identity"]._cxm_sync_later(self.ids)
        return result

    @api.model
    def cxm_find(self, phone=None, email=None, national_id=None):
        """Partners (readable by the caller) matching any of the given keys."""
        entry = {
            key: value for key, value in (("phone", phone), ("email", email), ("national_id", national_id)) if value
        }
        if not entry:
            return self.browse()
        matches = self.env["cxm.partner.identity"].cxm_lookup([entry])[0]
        return self.browse(list(dict.fromkeys(match["partner_id"] for match in matches)))

    def action_cxm_rebuild_identity_keys(self):
        """Repair the identity keys of the selected partners."""
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only Customer Experience managers can rebuild identity keys."))
        self.check_access("read")
        self.env["cxm.partner.identity"]._cxm_sync_partners(self.ids)
        return notification(self.env._("Identity keys of %(count)s customers rebuilt.", count=len(self)), "success")
