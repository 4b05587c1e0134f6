# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models


class CxmProcessScheduler(models.AbstractModel):
    """Scheduled actions: SLA escalations and timer transitions, in batches."""

    _name = "cxm.process.scheduler"
    _description = "Scheduled actions of processes"

    # ------------------------------------------------------------------ scheduled actions
    @api.model
    def _cxm_target_models(self):
        return [model for model, _label in self._fields["model"].selection if model in self.env]

    @api.model
    def _cxm_escalate_batch(self, limit=200):
        """Escalate at most ``limit`` records whose SLA deadline passed; return how many."""
        done = 0
        now = fields.Datetime.now()
        for model_name in self._cxm_target_models():
            records = (
                self.env[model_name]
                .sudo()
                .search(
                    [
                        ("cxm_sla_deadline", "<", now),
                        ("cxm_sla_escalated", "=", False),
                        ("cxm_process_id.state", "=", "active"),
                        ("cxm_status_id.is_closing", "=", False),
                        ("cxm_status_id.sla_clock", "=", "run"),
                    ],
                    limit=limit - done,
                    order="cxm_sla_deadline, id",
                )
            )
            records._cxm_escalate()
            done += len(records)
            if done >= limit:
                break
        return done

    @api.model
    def _cron_cxm_escalate(self, batch_size=200):
        while True:
            done = self._cxm_escalate_batch(batch_size)
            if not done or not self.env["ir.cron"]._commit_progress(done):
                break

    @api.model
    def _cxm_timer_batch(self, limit=200):
        """Fire due 'after a delay' transitions on at most ``limit`` records per transition."""
        done = 0
        transitions = (
            self.env["cxm.process.transition"]
            .sudo()
            .search(
                [("trigger", "=", "timer"), ("process_id.state", "=", "active"), ("process_id.is_template", "=", False)]
            )
        )
        for transition in transitions:
            done += self.env[transition.process_id.model]._cxm_fire_due_timers(transition, limit=limit)
        return done

    @api.model
    def _cron_cxm_timer_transitions(self, batch_size=200):
        while True:
            done = self._cxm_timer_batch(batch_size)
            if not done or not self.env["ir.cron"]._commit_progress(done):
                break
