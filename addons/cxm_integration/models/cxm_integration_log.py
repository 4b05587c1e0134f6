# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.clean_input import visible
from ..tools.masking import excerpt, mask_text

_logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 90
PURGE_BATCH = 5000


class CxmIntegrationLog(models.Model):
    """One inbound or outbound API call, with its masked payload excerpt."""

    _name = "cxm.integration.log"
    _description = "Integration API Log"
    _order = "id desc"
    _rec_name = "endpoint"

    instance_id = fields.Many2one("cxm.integration.instance", ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", index=True)
    direction = fields.Selection([("in", "Inbound"), ("out", "Outbound")], required=True)
    method = fields.Char()
    endpoint = fields.Char(required=True)
    status_code = fields.Integer(string="HTTP Status")
    state = fields.Selection([("ok", "OK"), ("error", "Error")], required=True, default="ok")
    duration_ms = fields.Float(string="Duration (ms)", aggregator="avg")
    request_excerpt = fields.Text(help="Masked: secrets and personal data are never stored in clear.")
    response_excerpt = fields.Text()
    error = fields.Char()
    external_id = fields.Char(string="External ID")
    outbox_id = fields.Many2one("cxm.integration.outbox", ondelete="set null", index="btree_not_null")

    _create_date_idx = models.Index("(create_date)")
    _instance_date_idx = models.Index("(instance_id, create_date)")

    @api.model
    def _record(self, instance, direction, endpoint, status_code, duration_ms, *, request=None, response=None, **extra):
        """Write one log row (as superuser: logging is a named, internal
        operation). Payloads are masked and truncated here, whatever the caller
        passes. One INSERT: every API call writes a row, so the row costs no
        ORM round trips (no defaults to compute, nothing depends on it)."""
        error = extra.pop("error", None)
        state = "error" if error or not status_code or status_code >= 400 else "ok"
        values = {
            "instance_id": instance.id if instance else None,
            "company_id": instance.company_id.id if instance else self.env.company.id,
            "direction": direction,
            "endpoint": (endpoint or "")[:500],
            "status_code": status_code or 0,
            "state": state,
            "duration_ms": round(duration_ms or 0.0, 2),
            "request_excerpt": excerpt(request) or None,
            "response_excerpt": excerpt(response) or None,
            "error": mask_text(str(error))[:500] if error else None,
            **{key: value or None for key, value in extra.items()},
        }
        # outside text is stored visible: a NUL or a lone surrogate would make the row itself fail
        values = {key: visible(value) for key, value in values.items()}
        unknown = set(values) - set(self._fields)
        if unknown:
            raise ValueError(f"unknown log fields: {sorted(unknown)}")
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxm_integration_log (%s, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC') RETURNING id""",
                SQL(", ").join(SQL.identifier(name) for name in values),
                SQL(", ").join(values.values()),
                self.env.uid,
                self.env.uid,
            )
        )
        log = self.sudo().browse(self.env.cr.fetchone()[0])
        # what the ORM's create would do: one2many lists of the linked records
        # (e.g. an outbox message's log) now include this row
        for name in values:
            for inverse in self.env.registry.field_inverses[self._fields[name]]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        return log

    @api.model
    def _cron_purge(self):
        """Delete log rows older than the retention setting, in batches."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("cxm_integration.log_retention_days", DEFAULT_RETENTION_DAYS)
        )
        if days <= 0:
            return
        limit = fields.Datetime.now() - timedelta(days=days)
        self.env.cr.execute(SQL("SELECT count(*) FROM cxm_integration_log WHERE create_date < %s", limit))
        remaining = self.env.cr.fetchone()[0]
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=remaining)
        while remaining:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM cxm_integration_log WHERE id IN"
                    " (SELECT id FROM cxm_integration_log WHERE create_date < %s ORDER BY id LIMIT %s)",
                    limit,
                    PURGE_BATCH,
                )
            )
            done = self.env.cr.rowcount
            if not done:
                break
            remaining = max(remaining - done, 0)
            if not cron._commit_progress(done, remaining=remaining):
                break
        self.env["cxm.integration.rate.bucket"]._gc()
