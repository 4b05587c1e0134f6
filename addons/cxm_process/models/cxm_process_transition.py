# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


class CxmProcessTransition(models.Model):
    _name = "cxm.process.transition"
    _inherit = ["cxm.process.design.cache"]
    _description = "Transition of a service process"
    _order = "process_id, sequence, id"

    process_id = fields.Many2one("cxm.process", required=True, ondelete="cascade", index=True)
    model = fields.Selection(related="process_id.model")
    name = fields.Char(string="Button label", required=True, translate=True)
    sequence = fields.Integer(default=10)
    from_status_ids = fields.Many2many(
        "cxm.process.status",
        "cxm_process_transition_from_rel",
        "transition_id",
        "status_id",
        string="From statuses",
        required=True,
        domain="[('process_id', '=', process_id)]",
    )
    to_status_id = fields.Many2one(
        "cxm.process.status",
        string="To status",
        required=True,
        ondelete="cascade",
        domain="[('process_id', '=', process_id)]",
    )
    button_type = fields.Selection(
        [("primary", "Primary"), ("secondary", "Secondary"), ("danger", "Danger")], default="secondary", required=True
    )
    group_ids = fields.Many2many(
        "res.groups", string="Allowed groups", help="Empty: every user who may edit the record."
    )
    condition = fields.Char(default="[]", help="Domain the record must match, e.g. [('partner_id', '!=', False)].")
    required_field_ids = fields.Many2many(
        "ir.model.fields",
        string="Fields required before the move",
        domain="[('model', '=', model), ('store', '=', True)]",
    )
    comment_required = fields.Boolean(string="Reason required")
    trigger = fields.Selection(
        [("manual", "Button"), ("customer_reply", "On customer reply"), ("timer", "After a delay")],
        default="manual",
        required=True,
    )
    delay_hours = fields.Float(help="For 'After a delay': hours (calendar) spent in the from status.")
    mail_template_id = fields.Many2one(
        "mail.template", string="Email to customer", domain="[('model', '=', model)]", ondelete="set null"
    )
    activity_type_id = fields.Many2one("mail.activity.type", string="Schedule activity", ondelete="set null")
    activity_summary = fields.Char()
    activity_delay_days = fields.Integer(string="Activity due in (days)", default=1)
    server_action_id = fields.Many2one(
        "ir.actions.server", string="Server action", domain="[('model_id.model', '=', model)]", ondelete="set null"
    )
    notify_followers = fields.Boolean(help="Post a note to the followers saying which transition fired.")

    def _cxm_has_actions(self):
        """Whether firing this transition runs ``_cxm_run_actions`` (modules adding actions extend it)."""
        self.ensure_one()
        return bool(self.mail_template_id or self.activity_type_id or self.server_action_id or self.notify_followers)

    @api.constrains("from_status_ids", "to_status_id", "trigger", "group_ids", "delay_hours")
    def _check_process_consistent(self):
        self.process_id._check_consistent_when_active()

    @api.constrains("condition")
    def _check_condition(self):
        for tr in self:
            Domain(safe_eval(tr.condition or "[]"))

    def unlink(self):
        processes = self.process_id
        res = super().unlink()
        processes.exists()._check_consistent_when_active()
        return res

    # ------------------------------------------------------------------ business
    def _cxm_user_allowed(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        return not self.group_ids or bool(self.group_ids & user.all_group_ids)

    def _cxm_domain(self):
        self.ensure_one()
        return Domain(safe_eval(self.condition or "[]"))

    def _cxm_missing_fields(self, record, vals=None):
        """Labels of required fields that are empty on ``record`` (with ``vals`` about to be written)."""
        vals = vals or {}
        missing = []
        for field in self.required_field_ids:
            value = vals[field.name] if field.name in vals else record[field.name]
            if not value:
                missing.append(field.field_description)
        return missing
