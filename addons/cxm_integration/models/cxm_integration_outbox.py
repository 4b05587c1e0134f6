# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import time
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytz
import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

MAX_BACKOFF = 6 * 3600
STATES = [
    ("queued", "Queued"),
    ("retry", "Waiting for Retry"),
    ("sent", "Sent"),
    ("dead", "Dead Letter"),
    ("cancelled", "Cancelled"),
]


def retry_after_seconds(value, now=None):
    """Seconds asked by a ``Retry-After`` header (delta-seconds or an HTTP date); 0 when absent or unreadable."""
    if not value:
        return 0
    value = str(value).strip()
    if value.isdigit():
        return min(int(value), MAX_BACKOFF)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0
    now = now or time.time()
    return max(0, min(int(when.timestamp() - now) + 1, MAX_BACKOFF))


class CxmIntegrationOutbox(models.Model):
    """One outbound call to an external system. Each message is sent by a
    queue job; failures are retried with exponential backoff until the
    instance's maximum of attempts, then the message becomes a dead letter
    that IT can requeue. The idempotency key travels as the
    ``Idempotency-Key`` header so the receiver can drop duplicates caused by
    timeouts."""

    _name = "cxm.integration.outbox"
    _description = "Outbound Integration Message"
    _order = "id desc"
    _rec_name = "idempotency_key"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True)
    idempotency_key = fields.Char(required=True, readonly=True)
    method = fields.Selection(
        [("POST", "POST"), ("PUT", "PUT"), ("PATCH", "PATCH"), ("DELETE", "DELETE"), ("GET", "GET")],
        default="POST",
        required=True,
    )
    path = fields.Char(required=True, help="Path appended to the instance's base URL, or a full URL.")
    payload = fields.Text(help="JSON body.")
    state = fields.Selection(STATES, default="queued", required=True, index=True)
    attempt_count = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(readonly=True)
    last_status = fields.Integer(readonly=True)
    last_error = fields.Char(readonly=True)
    sent_date = fields.Datetime(readonly=True)
    log_ids = fields.One2many("cxm.integration.log", "outbox_id", string="Attempts")

    _instance_key_unique = models.Constraint(
        "UNIQUE(instance_id, idempotency_key)", "An outbound message is queued only once per idempotency key."
    )

    @api.model
    def _enqueue(self, instance, idempotency_key, path, payload=None, method="POST"):
        """Queue one outbound message; queuing the same key again returns the
        existing message and sends nothing more."""
        existing = self.search([("instance_id", "=", instance.id), ("idempotency_key", "=", idempotency_key)])
        if existing:
            return existing
        message = self.create(
            {
                "instance_id": instance.id,
                "idempotency_key": idempotency_key,
                "path": path,
                "method": method,
                "payload": json.dumps(payload) if payload is not None else False,
            }
        )
        message._schedule(fields.Datetime.now())
        return message

    def _schedule(self, when):
        for message in self:
            message.next_attempt = when
            eta = when if when > fields.Datetime.now() else None
            message.with_delay(
                eta=eta,
                channel="root.cxm_outbox",
                description=f"Outbox {message.instance_id.code}: {message.idempotency_key}",
                identity_key=f"cxm-outbox-{message.id}-{message.attempt_count}",
            )._send()

    def _backoff(self, attempt):
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        return min(self.instance_id.outbox_backoff * (2 ** (attempt - 1)), MAX_BACKOFF)

    def _window_delay(self, now):
        """Seconds until the instance's send window opens (0 when open)."""
        instance = self.instance_id
        start, end = instance.outbox_window_start, instance.outbox_window_end
        if start == end:
            return 0
        tz = pytz.timezone(instance.company_id.partner_id.tz or self.env.user.tz or "UTC")
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60 + local.second / 3600
        inside = start <= hour < end if start < end else (hour >= start or hour < end)
        if inside:
            return 0
        wait_hours = (start - hour) % 24
        return int(wait_hours * 3600) + 1

    def _url(self):
        if self.path.startswith(("http://", "https://")):
            return self.path
        return (self.instance_id.base_url or "").rstrip("/") + "/" + self.path.lstrip("/")

    def _send(self):
        """Queue job: one attempt at sending this message."""
        self.ensure_one()
        if self.state not in ("queued", "retry"):
            return f"nothing to do ({self.state})"
        instance = self.instance_id
        now = fields.Datetime.now()
        if instance.state == "disabled" or not instance.active:
            self.write({"state": "retry", "last_error": "instance disabled"})
            return "instance disabled: waiting for a requeue"
        delay = self._window_delay(now)
        if delay:
            self._schedule(now + timedelta(seconds=delay))
            return f"outside the send window: postponed by {delay} s"
        if instance.outbox_rate_cap:
            allowed, retry_after = self.env["cxm.integration.rate.bucket"]._hit(
                f"out:{instance.id}", instance.outbox_rate_cap
            )
            if not allowed:
                self._schedule(now + timedelta(seconds=retry_after))
                return f"rate cap reached: postponed by {retry_after} s"
        return self._attempt()

    def _attempt(self):
        instance = self.instance_id
        url = self._url()
        headers = self._prepare_headers()
        started = time.monotonic()
        status, error, body, retry_after = 0, None, None, 0
        try:
            response = requests.request(
                self.method, url, data=self.payload or None, headers=headers, timeout=instance.outbox_timeout
            )
            status, body = response.status_code, response.text
            if status >= 400:
                error = f"HTTP {status}"
            if status in (429, 503):
                # the receiver's rate limit or maintenance: its Retry-After is the earliest next attempt
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        except requests.Timeout:
            error = f"timeout after {instance.outbox_timeout} s"
        except requests.RequestException as exc:
            error = f"connection error: {exc.__class__.__name__}"
        duration = (time.monotonic() - started) * 1000
        attempt = self.attempt_count + 1
        self.env["cxm.integration.log"]._record(
            instance,
            "out",
            url,
            status,
            duration,
            request=self.payload,
            response=body,
            error=error,
            external_id=self.idempotency_key,
            method=self.method,
            outbox_id=self.id,
        )
        values = {"attempt_count": attempt, "last_status": status, "last_error": error or False}
        if not error:
            values.update(state="sent", sent_date=fields.Datetime.now(), next_attempt=False)
            self.write(values)
            self._after_attempt(status, body, None)
            return f"sent (HTTP {status})"
        if attempt >= instance.outbox_max_attempts or self._is_permanent_failure(status, body):
            values.update(state="dead", next_attempt=False)
            self.write(values)
            _logger.info("Outbox message %s is a dead letter after %s attempts: %s", self.id, attempt, error)
            self._after_attempt(status, body, error)
            return f"dead letter: {error}"
        values["state"] = "retry"
        self.write(values)
        self._after_attempt(status, body, error)
        delay = max(self._backoff(attempt), retry_after)
        self._schedule(fields.Datetime.now() + timedelta(seconds=delay))
        return f"attempt {attempt} failed ({error}): retry queued in {delay} s"

    def _prepare_headers(self):
        """HTTP headers of an attempt. Hook: a module whose provider authenticates otherwise (an API-key
        header...) adds or replaces headers here."""
        headers = {"Idempotency-Key": self.idempotency_key, "Content-Type": "application/json"}
        token = self.instance_id.sudo().outbound_token  # sent to the instance's own system only
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _is_permanent_failure(self, status, body):
        """Hook: ``True`` when a failed attempt must not be retried (the receiver refused the message
        for good, e.g. an invalid recipient): the message becomes a dead letter at once."""
        return False

    def _after_attempt(self, status, body, error):
        """Hook called after each attempt, once the message's state is written (``sent``, ``retry`` or
        ``dead``): ``status`` and ``body`` are the receiver's answer (0 / None without one), ``error``
        is None on success. Modules that wait for the answer (a provider's message id) read it here."""
        return None

    def action_requeue(self):
        """Send dead letters (or disabled-instance messages) again, with a fresh
        count of attempts."""
        for message in self:
            if message.state not in ("dead", "retry", "cancelled"):
                raise UserError(self.env._("Only dead, waiting or cancelled messages can be requeued."))
        self.write({"state": "queued", "attempt_count": 0, "last_error": False})
        self._schedule(fields.Datetime.now())
        return True

    def action_cancel(self):
        self.filtered(lambda m: m.state in ("queued", "retry", "dead")).write({"state": "cancelled"})
        return True
