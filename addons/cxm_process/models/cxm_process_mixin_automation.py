# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.cxm_base.tools import internal

_logger = logging.getLogger(__name__)


class CxmProcessMixinAutomation(models.AbstractModel):
    """Moves and escalations the server makes by itself: customer replies, timers, SLA breaches."""

    _name = "cxm.process.mixin.automation"
    _description = "Automatic moves and SLA escalation"

    # ------------------------------------------------------------------ automation
    def _cxm_on_customer_reply(self):
        """Fire 'on customer reply' transitions from the current status (as the system)."""
        for rec in self.sudo().filtered("cxm_status_id"):
            process = rec.cxm_process_id
            if process.state != "active":
                continue
            transition = process.transition_ids.filtered(
                lambda t, r=rec: t.trigger == "customer_reply" and r.cxm_status_id in t.from_status_ids
            )[:1]
            if transition:
                rec.with_context(cxm_automatic=internal()).cxm_fire_transition(transition.id)

    def _cxm_fire_due_timers(self, transition, limit=None):
        """Fire the timer ``transition`` on records that waited long enough; return how many moved."""
        deadline = fields.Datetime.now() - timedelta(hours=transition.delay_hours)
        records = self.sudo().search(
            [
                ("cxm_process_id", "=", transition.process_id.id),
                ("cxm_status_id", "in", transition.from_status_ids.ids),
                ("cxm_status_date", "<=", deadline),
            ],
            limit=limit,
        )
        moved = 0
        for rec in records:
            try:
                with self.env.cr.savepoint():
                    rec.with_context(cxm_automatic=internal()).cxm_fire_transition(transition.id)
                moved += 1
            except UserError as e:
                _logger.info("Automatic transition %s skipped on %s: %s", transition.name, rec.display_name, e)
        return moved

    def _cxm_escalation_users(self):
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _cxm_local_datetime(self, value, lang, tz):
        """``value`` (UTC) as a reader in ``lang`` and ``tz`` sees dates on screen (the language's formats)."""
        if not value:
            return "-"
        lang_data = self.env["res.lang"]._get_data(code=lang) or self.env["res.lang"]._get_data(code="en_US")
        time_format = (lang_data.time_format or "%H:%M").replace(":%S", "")
        local = pytz.utc.localize(value).astimezone(pytz.timezone(tz))
        return local.strftime(f"{lang_data.date_format or '%Y-%m-%d'} {time_format}")

    def _cxm_escalate(self):
        """Activity + notification to whoever supervises the record, once per breach."""
        activity_type = self.env.ref("cxm_process.mail_activity_type_sla_breached", raise_if_not_found=False)
        for rec in self.sudo():
            users = rec._cxm_escalation_users()
            # written for its reader, the escalated user: their language and their timezone (a stored
            # message cannot follow each reader; the status and deadline fields on the form do)
            reader = users[:1]
            lang = reader.lang or self.env.lang or "en_US"
            tz = reader.tz or self.env.user.tz or "UTC"
            local = rec.with_context(lang=lang, tz=tz)
            summary = local.env._(
                "SLA breached in status %(status)s (deadline %(deadline)s)",
                status=local.cxm_status_id.display_name,
                deadline=rec._cxm_local_datetime(rec.cxm_sla_deadline, lang, tz),
            )
            if users and activity_type and hasattr(rec, "activity_schedule"):
                rec.activity_schedule(activity_type_id=activity_type.id, summary=summary, user_id=users[0].id)
            if hasattr(rec, "message_post"):
                rec.message_post(body=summary, subtype_xmlid="mail.mt_note", partner_ids=users.partner_id.ids)
        self.sudo()._cxm_write_unguarded({"cxm_sla_escalated": True})
        return True
