# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KINDS = [
    ("call_center", "Call centre"),
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("whatsapp", "WhatsApp"),
    ("social", "Social / complaint site"),
    ("ecommerce", "E-commerce"),
    ("chat", "Chat / bot"),
    ("website", "Website"),
    ("mobile_app", "Mobile app"),
    ("data_source", "Data source"),
    ("data_target", "Data target"),
]


class CxmIntegrationInstance(models.Model):
    """One connected external system (a call centre, a mailbox, an SMS
    provider account, a website, an ERP...). Every inbound request and
    outbound call of the suite belongs to one instance."""

    _name = "cxm.integration.instance"
    _description = "Integration Instance"
    _inherit = ["mail.thread"]
    _order = "kind, name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        help="Short technical identifier used in URLs and external keys (e.g. 'pbx-istanbul').",
    )
    kind = fields.Selection(KINDS, required=True, tracking=True)
    provider = fields.Char(
        default="generic",
        required=True,
        help="Supported provider (e.g. 'twilio', 'meta', 'netgsm') or 'generic'.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("failing", "Failing"), ("disabled", "Disabled")],
        default="draft",
        required=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Technical User",
        help="User whose access rights apply to what this instance's requests do.",
    )
    base_url = fields.Char(string="Base URL", help="Address of the external system, for outbound calls.")
    note = fields.Text()

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)",
        "The code of an integration instance must be unique per company.",
    )
