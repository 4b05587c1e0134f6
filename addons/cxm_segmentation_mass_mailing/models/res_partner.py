# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("email")
    def _check_email_mass_mailing_contacts(self):
        """A customer whose mailing contacts are only on segment lists may lose their e-mail address: the
        list is the segment's and reaches them by phone too (OCA mass_mailing_partner refuses it for every
        linked contact, which would block any e-mail change of a segment's customer)."""
        checked = self.filtered(
            lambda partner: partner.sudo().mass_mailing_contact_ids.filtered(
                lambda contact: (
                    not contact.list_ids or not all(mailing_list.cxm_segment_id for mailing_list in contact.list_ids)
                )
            )
        )
        return super(ResPartner, checked)._check_email_mass_mailing_contacts()
