# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

KEY_USER_ROLES = [
    ("marketing_sales", "Marketing / sales"),
    ("customer_service", "Customer service"),
    ("it", "IT"),
]


class CxmImplementationKeyUser(models.Model):
    """A key user of an implementation project: the customer's configuration
    authority, who must hold a valid design & customisation certificate."""

    _name = "cxm.implementation.key.user"
    _description = "Key User"
    _order = "project_id, role, id"

    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Key User", required=True, index=True)
    role = fields.Selection(KEY_USER_ROLES, required=True)
    active = fields.Boolean(default=True, help="Archived when replaced.")
    certificate_id = fields.Many2one("cxm.certificate", compute="_compute_certificate_id", compute_sudo=True)
    is_certified = fields.Boolean(string="Certified", compute="_compute_certificate_id", compute_sudo=True)

    _project_partner_unique = models.Constraint(
        "UNIQUE(project_id, partner_id, role)", "A person holds a key-user role once per project."
    )

    @api.depends("partner_id.cxm_certificate_ids.expiry_date", "partner_id.cxm_certificate_ids.service_kind")
    @api.depends_context("date")
    def _compute_certificate_id(self):
        certificates = self.partner_id._cxm_valid_certificates()
        for key_user in self:
            cert = certificates.filtered(lambda c, p=key_user.partner_id: c.partner_id == p)[:1]
            key_user.certificate_id = cert
            key_user.is_certified = bool(cert)

    @api.constrains("partner_id", "active", "project_id")
    def _check_certified_after_training(self):
        """Once the training step is passed, a new or replacing key user joins
        only with a valid certificate."""
        for key_user in self.filtered("active"):
            if key_user.project_id._cxm_step_reached("training") and not key_user.is_certified:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot join as a key user: the training step is passed and they hold no valid "
                        "design and customisation certificate. A replacement must be trained and certified first.",
                        person=key_user.partner_id.display_name,
                    )
                )
