# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

FIELD_TYPES = [
    ("text", "Text"),
    ("textarea", "Long text"),
    ("number", "Number"),
    ("date", "Date"),
    ("selection", "Selection"),
    ("boolean", "Yes / No"),
    ("file", "File upload"),
]
# Where an answer goes: a ticket field, or a stored answer shown on the ticket
TARGETS = [
    ("answer", "Stored answer"),
    ("name", "Ticket title"),
    ("description", "Ticket description"),
]
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RESERVED_KEYS = {"name", "email", "phone", "csrf_token", "instance", "category_id", "cxm_hp", "cxm_suggested"}


class CxmSelfserviceFormField(models.Model):
    """One question of a category's help-centre form, designed by key users."""

    _name = "cxm.selfservice.form.field"
    _description = "Help Centre Form Field"
    _order = "category_id, sequence, id"
    _rec_name = "label"

    sequence = fields.Integer(default=10)
    category_id = fields.Many2one("helpdesk.ticket.category", required=True, ondelete="cascade", index=True)
    label = fields.Char(required=True, translate=True)
    key = fields.Char(
        required=True, help="Technical name of the answer (lower-case letters, digits, underscores), unique per form."
    )
    field_type = fields.Selection(FIELD_TYPES, required=True, default="text")
    required = fields.Boolean()
    help = fields.Char(string="Help Text", translate=True, help="Shown under the field.")
    options = fields.Text(
        translate=True, help="Selection fields: one choice per line (the customer sees and stores the text)."
    )
    target = fields.Selection(TARGETS, required=True, default="answer", help="Ticket field the answer fills.")
    visible_field_id = fields.Many2one(
        "cxm.selfservice.form.field",
        string="Shown When Field",
        domain="[('category_id', '=', category_id), ('id', '!=', id)]",
        ondelete="set null",
        help="Show this field only when that answer equals the value below.",
    )
    visible_value = fields.Char(
        string="Shown When Value",
        translate=True,
        help="For a Yes / No field: 'yes' or 'no'. A choice of a selection is written as the customer reads it "
        "(translate it with the choices).",
    )

    _key_category_unique = models.Constraint("UNIQUE(category_id, key)", "Each key appears once per form.")

    @api.constrains("key", "field_type", "options", "target", "visible_field_id")
    def _check_definition(self):
        for field in self:
            if not KEY_RE.match(field.key or "") or field.key in RESERVED_KEYS:
                raise ValidationError(
                    self.env._(
                        "Key %(key)s: use lower-case letters, digits and underscores, starting with a letter "
                        "(not name, email or phone).",
                        key=field.key,
                    )
                )
            if field.field_type == "selection" and not field._option_list():
                raise ValidationError(self.env._("Selection field %(label)s needs choices.", label=field.label))
            if field.target != "answer" and field.field_type not in ("text", "textarea"):
                raise ValidationError(
                    self.env._(
                        "Only text answers can fill the ticket title or description (%(label)s).", label=field.label
                    )
                )
            if field.visible_field_id and field.visible_field_id.category_id != field.category_id:
                raise ValidationError(self.env._("A field can only depend on a field of the same form."))
            seen, parent = {field.id}, field.visible_field_id
            while parent:
                if parent.id in seen:
                    raise ValidationError(self.env._("Visibility conditions cannot go round in a circle."))
                seen.add(parent.id)
                parent = parent.visible_field_id

    def _option_list(self):
        self.ensure_one()
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]

    def _is_shown(self, values):
        """Whether this field applies, given the (cleaned) answers by key."""
        self.ensure_one()
        if not self.visible_field_id:
            return True
        parent = self.visible_field_id
        if not parent._is_shown(values):
            return False
        answer = values.get(parent.key)
        if parent.field_type == "boolean":
            answer = "yes" if answer else "no"
        return str(answer or "").strip().lower() == (self.visible_value or "").strip().lower()
