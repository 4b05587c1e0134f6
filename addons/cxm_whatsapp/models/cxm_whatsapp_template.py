# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models

STATUSES = [
    ("approved", "Approved"),
    ("pending", "Pending"),
    ("rejected", "Rejected"),
    ("paused", "Paused"),
    ("disabled", "Disabled"),
]
CATEGORIES = [("utility", "Utility"), ("marketing", "Marketing"), ("authentication", "Authentication")]
PARAM = re.compile(r"\{\{(\d+)\}\}")


class CxmWhatsappTemplate(models.Model):
    """A message template approved (or not) by Meta: the only thing that may be sent outside the 24-hour
    customer-service window. Created at the provider, synchronised here."""

    _name = "cxm.whatsapp.template"
    _description = "WhatsApp Message Template"
    _order = "name, language"

    name = fields.Char(required=True, help="Template name at the provider.")
    language = fields.Char(required=True, default="tr", help="Language code, e.g. tr, en_US.")
    category = fields.Selection(CATEGORIES, required=True, default="utility")
    status = fields.Selection(STATUSES, required=True, default="pending")
    body = fields.Text(help="Text of the body component, with its parameters {{1}}, {{2}}...")
    param_count = fields.Integer(string="Parameters", compute="_compute_param_count", store=True)
    instance_id = fields.Many2one(
        "cxm.integration.instance", required=True, ondelete="cascade", domain=[("kind", "=", "whatsapp")]
    )
    company_id = fields.Many2one(related="instance_id.company_id", store=True)
    external_id = fields.Char(string="Provider ID")
    active = fields.Boolean(default=True)

    _name_language_unique = models.Constraint(
        "UNIQUE(instance_id, name, language)", "A template exists once per instance and language."
    )

    @api.depends("body")
    def _compute_param_count(self):
        for rec in self:
            rec.param_count = len(set(PARAM.findall(rec.body or "")))

    def _cxm_render(self, parameters):
        """The body with its parameters filled in, as the customer will read it."""
        self.ensure_one()
        values = list(parameters)
        return PARAM.sub(
            lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m.group(0), self.body or ""
        )

    @api.model
    def _cxm_sync(self, instance, remote):
        """Bring the templates of ``instance`` in line with the provider's list ``remote`` (Cloud API shape)."""
        existing = {
            (t.name, t.language): t
            for t in self.with_context(active_test=False).search([("instance_id", "=", instance.id)])
        }
        seen = set()
        for item in remote:
            if not isinstance(item, dict) or not item.get("name") or not item.get("language"):
                continue
            body = next(
                (
                    c.get("text")
                    for c in item.get("components") or []
                    if isinstance(c, dict) and c.get("type") in ("BODY", "body")
                ),
                "",
            )
            status = str(item.get("status") or "").lower()
            category = str(item.get("category") or "").lower()
            values = {
                "body": body,
                "status": status if status in dict(STATUSES) else "pending",
                "category": category if category in dict(CATEGORIES) else "utility",
                "external_id": str(item.get("id") or "") or False,
                "active": True,
            }
            key = (item["name"], item["language"])
            seen.add(key)
            if key in existing:
                existing[key].write(values)
            else:
                self.create(dict(values, name=item["name"], language=item["language"], instance_id=instance.id))
        gone = [t for key, t in existing.items() if key not in seen]
        if gone:
            self.browse([t.id for t in gone]).write({"active": False})
        return len(seen)
