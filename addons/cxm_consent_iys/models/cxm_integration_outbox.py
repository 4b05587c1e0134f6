# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from datetime import timedelta

from odoo import fields, models

_logger = logging.getLogger(__name__)

OPS = [
    ("consent", "Add consent"),
    ("batch", "Batch of consents"),
    ("batch_status", "Batch result"),
    ("changes", "Changes feed"),
    ("status", "Status query"),
]
#: İYS's per-minute limits per endpoint (kept below them before İYS has to answer 429)
OP_LIMITS = {"consent": 50, "batch": 2, "batch_status": 20, "status": 10}
# HTTP answers worth another attempt: authentication (a new token), timeouts, rate limits, server errors
RETRYABLE = {0, 401, 408, 409, 425, 429}


class CxmIntegrationOutbox(models.Model):
    """İYS calls go through the outbox like every outbound call (retries with backoff and the
    registry's Retry-After, dead letters, API log); the bearer token is added per attempt and the
    answer is handed to the connector."""

    _inherit = "cxm.integration.outbox"

    cxm_iys_op = fields.Selection(OPS, string="İYS Operation", readonly=True)
    cxm_iys_ref = fields.Char(string="İYS Reference", readonly=True, help="Batch request id, reconcile run...")

    def _send(self):
        self.ensure_one()
        limit = OP_LIMITS.get(self.cxm_iys_op)
        if limit and self.state in ("queued", "retry") and self.instance_id.state == "active":
            allowed, retry_after = self.env["cxm.integration.rate.bucket"]._hit(
                f"iys:{self.instance_id.id}:{self.cxm_iys_op}", limit
            )
            if not allowed:
                self._schedule(fields.Datetime.now() + timedelta(seconds=retry_after))
                return f"İYS limit of {limit} {self.cxm_iys_op} calls a minute reached: postponed by {retry_after} s"
        return super()._send()

    def _prepare_headers(self):
        headers = super()._prepare_headers()
        if self.cxm_iys_op:
            token = self.instance_id._cxm_iys_token()
            headers.pop("Authorization", None)
            if token:
                headers["Authorization"] = f"Bearer {token}"
            headers["Accept"] = "application/json"
        return headers

    def _is_permanent_failure(self, status, body):
        if self.cxm_iys_op:
            # İYS refused the content (validation, unknown request): sending it again changes nothing
            return 400 <= status < 500 and status not in RETRYABLE
        return super()._is_permanent_failure(status, body)

    def _backoff(self, attempt):
        if self.cxm_iys_op and self.last_status == 401:
            return 1  # the token expired or was revoked: the next attempt asks for a new one at once
        return super()._backoff(attempt)

    def _after_attempt(self, status, body, error):
        res = super()._after_attempt(status, body, error)
        if not self.cxm_iys_op:
            return res
        if status == 401:
            self.instance_id._cxm_iys_forget_token()
        data, readable = None, True
        if body:
            try:
                data = json.loads(body)
            except ValueError:
                readable = False
        handler = {
            "consent": self.env["cxm.consent.iys.push"]._cxm_on_consent_answer,
            "batch": self.env["cxm.consent.iys.push"]._cxm_on_batch_answer,
            "batch_status": self.env["cxm.consent.iys.push"]._cxm_on_batch_status,
            "changes": self.env["cxm.consent.iys.sync"]._cxm_on_changes,
            "status": self.env["cxm.consent.iys.reconcile"]._cxm_on_status,
        }[self.cxm_iys_op]
        handler(self, status, data if readable else None, error or (None if readable else "malformed JSON answer"))
        return res

    def _cxm_iys_bad_answer(self, reason, excerpt=None):
        """Log an answer of the registry that cannot be used (nothing is changed)."""
        _logger.info("İYS answer of %s ignored: %s", self.idempotency_key, reason)
        self.env["cxm.integration.log"]._record(
            self.instance_id,
            "in",
            self._url(),
            self.last_status or 0,
            0,
            response=excerpt,
            error=f"İYS answer ignored: {reason}",
            external_id=self.idempotency_key,
            method=self.method,
            outbox_id=self.id,
        )
