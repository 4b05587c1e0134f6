# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.provider import DELIVERED, FAILED, PENDING

TERMINAL = ("delivered", "failed")


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    cxm_instance_id = fields.Many2one("cxm.integration.instance", string="SMS Instance", index="btree_not_null")
    cxm_provider_ref = fields.Char(string="Provider Message ID", readonly=True)
    cxm_state = fields.Selection(
        [("pending", "Sent"), ("delivered", "Delivered"), ("failed", "Not Delivered")],
        string="Delivery Status",
        readonly=True,
    )

    _cxm_ref_idx = models.Index("(cxm_instance_id, cxm_provider_ref) WHERE cxm_provider_ref IS NOT NULL")

    def _cxm_apply_report(self, outcome, failure=None, reason=None):
        """Apply a delivery report to the SMS of these trackers and to the
        chatter notifications they track. A final state is never undone by a
        late or replayed report."""
        todo = self.filtered(lambda t: t.cxm_state not in TERMINAL)
        if not todo:
            return False
        # Odoo's own updates (super: not the Twilio hook below, which leads back here)
        if outcome == DELIVERED:
            super(SmsTracker, todo)._action_update_from_sms_state("sent")
        elif outcome == FAILED:
            todo.with_context(sms_known_failure_reason=reason)._action_update_from_provider_error(
                failure or "not_delivered"
            )
        elif outcome == PENDING:
            super(SmsTracker, todo)._action_update_from_sms_state("pending")
        todo.write({"cxm_state": {DELIVERED: "delivered", FAILED: "failed"}.get(outcome, "pending")})
        return True

    def _action_update_from_sms_state(self, sms_state, failure_type=False, failure_reason=False):
        """sms_twilio's status callback of a conversation reply also moves the conversation message."""
        result = super()._action_update_from_sms_state(sms_state, failure_type, failure_reason)
        if sms_state == "sent":
            self._cxm_twilio_report(DELIVERED)
        return result

    def _action_update_from_twilio_error(self, sms_status, error_code, error_message):
        result = super()._action_update_from_twilio_error(sms_status, error_code, error_message)
        self._cxm_twilio_report(FAILED, "not_delivered", f"Twilio {sms_status} {error_code or ''}".strip())
        return result

    def _cxm_twilio_report(self, outcome, failure=None, reason=None):
        for tracker in self.filtered(lambda t: t.cxm_provider_ref and t.cxm_instance_id.sms_provider == "twilio"):
            ref = tracker.cxm_provider_ref
            tracker.cxm_instance_id._cxm_sms_delivery(ref, outcome, failure, reason, external_id=f"dlr:{ref}:{outcome}")

    @api.model
    def _cxm_find(self, instance, ref):
        return self.search([("cxm_instance_id", "=", instance.id), ("cxm_provider_ref", "=", ref)], limit=1)

    @api.model
    def _cxm_poll_netgsm(self, limit=200):
        """Scheduled: ask Netgsm's report API about SMS still waiting for their report."""
        import requests

        from ..tools.netgsm import REPORT_STATUS

        trackers = self.search(
            [
                ("cxm_instance_id.sms_provider", "=", "netgsm"),
                ("cxm_provider_ref", "!=", False),
                ("cxm_state", "=", "pending"),
            ],
            limit=limit,
            order="id",
        )
        session = requests.Session()
        for instance, group in trackers.grouped("cxm_instance_id").items():
            adapter = instance._cxm_sms_adapter()
            for tracker in group:
                rows = adapter.fetch_report(session, tracker.cxm_provider_ref)
                if not rows:
                    continue
                outcome, failure = REPORT_STATUS.get(rows[0][1], (PENDING, None))
                if outcome != PENDING:
                    code = rows[0][1]
                    instance._cxm_sms_delivery(
                        tracker.cxm_provider_ref,
                        outcome,
                        failure,
                        f"Netgsm {code}",
                        external_id=f"dlr:{tracker.cxm_provider_ref}:{code}",
                    )
        return len(trackers)

    @api.model
    def _cron_poll_netgsm(self):
        self.env["ir.cron"]._commit_progress(self._cxm_poll_netgsm())
