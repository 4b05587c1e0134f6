# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

EXCLUSION_REASONS = [
    ("refused", "Consent withdrawn"),
    ("unknown", "Never consented"),
    ("no_number", "No valid number"),
    ("withdrawn", "Withdrawn before the call"),
]


class CxmCallListLine(models.Model):
    _name = "cxm.call.list.line"
    _description = "Call of an outbound call list"
    _order = "call_list_id desc, state, id"
    _rec_name = "partner_id"

    call_list_id = fields.Many2one("cxm.call.list", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="call_list_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True, index=True)
    phone = fields.Char(readonly=True, help="The number to call, in E.164.")
    state = fields.Selection(
        [("todo", "To call"), ("no_answer", "No answer"), ("done", "Called"), ("excluded", "Excluded")],
        default="todo",
        required=True,
        readonly=True,
        index=True,
    )
    exclusion_reason = fields.Selection(EXCLUSION_REASONS, readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True, index="btree_not_null")
    call_id = fields.Many2one("cxm.cti.call", readonly=True, index="btree_not_null")
    called_at = fields.Datetime(readonly=True)
    attempts = fields.Integer(readonly=True)
    note = fields.Text(string="Outcome")

    def action_call(self):
        """The agent calls the customer: consent on the call channel is checked again (a withdrawal takes
        effect at once), the call is logged on the list's call centre and its 360° view opens."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("todo", "no_answer") or self.call_list_id.state != "ready":
            raise UserError(self.env._("This customer is not to be called from this list any more."))
        status = self.env["cxm.consent.state"]._cxm_statuses("call", [self.phone], company=self.company_id)
        if status.get(self.phone) != "approve":
            self.write({"state": "excluded", "exclusion_reason": "withdrawn"})
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "message": self.env._(
                        "%(customer)s no longer consents to calls: taken off the list, do not call.",
                        customer=self.partner_id.display_name,
                    ),
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        attempts = self.attempts + 1
        Call = self.env["cxm.cti.call"]
        call = Call._cti_register(self.call_list_id.instance_id, f"list-{self.id}-{attempts}", self.phone)
        call.write({"partner_id": self.partner_id.id, "user_id": self.env.uid})
        self.write(
            {"call_id": call.id, "user_id": self.env.uid, "called_at": fields.Datetime.now(), "attempts": attempts}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxm.cti.call",
            "res_id": call.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_done(self):
        self._cxm_close("done")
        return True

    def action_no_answer(self):
        self._cxm_close("no_answer")
        return True

    def _cxm_close(self, state):
        for line in self:
            if line.state not in ("todo", "no_answer") or not line.call_id:
                raise UserError(self.env._("Call the customer from the list first."))
        self.write({"state": state})
