# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailingContact(models.Model):
    _inherit = "mailing.contact"

    def write(self, vals):
        """Setting the partner a contact already has changes nothing: it is no manual edit of a fully
        synchronised (segment) list (OCA mass_mailing_partner's matching writes it on every contact)."""
        if "partner_id" in vals and all(contact.partner_id.id == vals["partner_id"] for contact in self):
            vals = {key: value for key, value in vals.items() if key != "partner_id"}
            if not vals:
                return True
        return super().write(vals)
