# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import time
from datetime import datetime, timedelta

import pytz
import requests

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.cxm_integration.models.cxm_integration_instance import SECRET_GROUPS

from ..tools import iys

_logger = logging.getLogger(__name__)

KIND = "consent_registry"


class CxmIntegrationInstance(models.Model):
    """An İYS account of a brand: the registry's codes, the OAuth password-grant credentials and the
    cached access token, the cursor of the changes feed, and the connector's settings."""

    _inherit = "cxm.integration.instance"

    kind = fields.Selection(selection_add=[(KIND, "Consent registry (İYS)")], ondelete={KIND: "cascade"})
    cxm_iys_code = fields.Char(string="İYS Code", help="The service provider's İYS number (iysCode).")
    cxm_iys_brand_code = fields.Char(string="Brand Code", help="The brand's code in İYS (brandCode).")
    cxm_iys_username = fields.Char(string="İYS Username", groups=SECRET_GROUPS, copy=False)
    cxm_iys_password = fields.Char(string="İYS Password", groups=SECRET_GROUPS, copy=False)
    cxm_iys_token = fields.Char(string="İYS Access Token", groups=SECRET_GROUPS, copy=False, readonly=True)
    cxm_iys_token_expiry = fields.Datetime(string="Token Valid Until", copy=False, readonly=True)
    cxm_iys_cursor = fields.Char(
        string="Changes Cursor", copy=False, help="The 'after' value of the last page of changes read from İYS."
    )
    cxm_iys_last_pull = fields.Datetime(string="Last Pull", copy=False, readonly=True)
    cxm_iys_pull_limit = fields.Integer(string="Changes per Page", default=500)
    cxm_iys_batch_min = fields.Integer(
        string="Batch From",
        default=20,
        help="When at least this many consent events wait, they go as one asynchronous batch request; "
        "fewer go one by one.",
    )
    cxm_iys_status_delay = fields.Integer(
        string="Batch Result Delay (s)", default=60, help="Wait before asking İYS for the result of a batch."
    )
    cxm_iys_refusal_days = fields.Integer(
        string="Refusal Deadline (business days)",
        default=3,
        help="İYS must know a refusal within this many business days of the customer's request.",
    )
    cxm_iys_alert_days = fields.Integer(
        string="Alert Before (business days)",
        default=1,
        help="A refusal not yet accepted by İYS this close to its deadline is flagged.",
    )
    cxm_iys_pending = fields.Integer(string="Waiting for İYS", compute="_compute_cxm_iys_counts")
    cxm_iys_rejected = fields.Integer(string="Rejected by İYS", compute="_compute_cxm_iys_counts")
    cxm_iys_overdue = fields.Integer(string="Refusals at Risk", compute="_compute_cxm_iys_counts")

    def _compute_cxm_iys_counts(self):
        Push = self.env["cxm.consent.iys.push"].sudo()  # counts only, of instances the user can read
        domain = Domain("instance_id", "in", self.ids)
        pending = dict(
            Push._read_group(
                domain & Domain("state", "in", ("pending", "queued", "sent")), ["instance_id"], ["__count"]
            )
        )
        rejected = dict(
            Push._read_group(domain & Domain("state", "in", ("rejected", "failed")), ["instance_id"], ["__count"])
        )
        overdue = dict(Push._read_group(domain & Domain("overdue", "=", True), ["instance_id"], ["__count"]))
        for rec in self:
            rec.cxm_iys_pending = pending.get(rec, 0)
            rec.cxm_iys_rejected = rejected.get(rec, 0)
            rec.cxm_iys_overdue = overdue.get(rec, 0)

    @api.constrains("kind", "cxm_iys_code", "cxm_iys_brand_code", "cxm_iys_pull_limit", "cxm_iys_batch_min")
    def _check_cxm_iys(self):
        for rec in self.filtered(lambda r: r.kind == KIND):
            codes = (rec.cxm_iys_code or "", rec.cxm_iys_brand_code or "")
            if not all(code.isdigit() for code in codes):
                raise ValidationError(self.env._("The İYS code and the brand code are numbers."))
            if not 1 <= rec.cxm_iys_pull_limit <= 999:
                raise ValidationError(self.env._("İYS returns between 1 and 999 changes per page."))
            if rec.cxm_iys_batch_min < 2:
                raise ValidationError(self.env._("A batch request holds at least 2 consents."))
            if rec.cxm_iys_refusal_days < 1 or rec.cxm_iys_alert_days < 0:
                raise ValidationError(self.env._("The refusal deadline is at least one business day."))

    # ------------------------------------------------------------------ actions
    def _cxm_iys_ensure(self):
        user = self.env.user
        if not (user.has_group("cxm_base.group_cxm_manager") or user.has_group("cxm_base.group_cxm_integration")):
            raise AccessError(self.env._("Only CXM managers and integration users run the İYS connector."))
        for rec in self:
            if rec.kind != KIND:
                raise UserError(self.env._("%(name)s is not an İYS instance.", name=rec.name))

    def action_cxm_iys_push(self):
        """Send the consent events waiting for İYS now."""
        self._cxm_iys_ensure()
        for rec in self:
            self.env["cxm.consent.iys.push"]._cxm_push_pending(rec)
        return True

    def action_cxm_iys_pull(self):
        """Read the changes İYS recorded since the cursor."""
        self._cxm_iys_ensure()
        for rec in self:
            self.env["cxm.consent.iys.sync"]._cxm_pull(rec)
        return True

    def action_cxm_iys_reconcile(self):
        """Compare the effective consents of the ledger with İYS."""
        self._cxm_iys_ensure()
        self.ensure_one()
        run = self.env["cxm.consent.iys.reconcile"]._cxm_start(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxm.consent.iys.reconcile",
            "res_id": run.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_cxm_iys_view_pushes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_consent_iys.cxm_consent_iys_push_action")
        action["domain"] = [("instance_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ protocol
    def _cxm_iys_add_business_days(self, moment, days):
        """``moment`` (UTC) plus ``days`` business days of the instance's company: Monday to Friday, except
        the public holidays of the company's working schedule."""
        self.ensure_one()
        holidays = self._cxm_iys_holidays(moment, moment + timedelta(days=7 * days + 14))
        return iys.add_business_days(moment, days, holidays)

    def _cxm_iys_holidays(self, start, end):
        """Dates between ``start`` and ``end`` (UTC) that a public holiday of the company's working schedule
        (its global time off: *Working Schedules > Public Holidays*) covers for the whole day, in the
        schedule's time zone. A half-day holiday (an eve) stays a business day."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return frozenset()
        tz = pytz.timezone(calendar.tz or "UTC")
        # sudo: public holidays of the company's schedule, read to compute a legal deadline
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [calendar.id, False]),
                    ("company_id", "in", [self.company_id.id, False]),
                    ("date_from", "<=", end),
                    ("date_to", ">=", start),
                ]
            )
        )
        dates = set()
        for leave in leaves:
            begin = pytz.utc.localize(leave.date_from).astimezone(tz)
            finish = pytz.utc.localize(leave.date_to).astimezone(tz)
            day = begin.date() if begin.time() == datetime.min.time() else begin.date() + timedelta(days=1)
            while day <= finish.date():
                if finish >= tz.localize(datetime.combine(day, datetime.max.time())) - timedelta(seconds=1):
                    dates.add(day)
                day += timedelta(days=1)
        return frozenset(dates)

    def _cxm_iys_path(self, suffix):
        self.ensure_one()
        return f"sps/{self.cxm_iys_code}/brands/{self.cxm_iys_brand_code}/{suffix}"

    def _cxm_iys_token(self, force=False):
        """The access token of the instance: the cached one while it is valid, else a new one from the
        OAuth password grant (``/oauth2/token``). ``None`` when İYS refuses the credentials or cannot be
        reached (the call is in the API log; the request that needed it then fails with HTTP 401 and
        follows the outbox's retries)."""
        self.ensure_one()
        # sudo: the credentials and the token are readable by the integration group only; they are
        # used here for the instance's own registry and never returned
        rec = self.sudo()
        now = fields.Datetime.now()
        if not force and rec.cxm_iys_token and rec.cxm_iys_token_expiry and rec.cxm_iys_token_expiry > now:
            return rec.cxm_iys_token
        url = (rec.base_url or "").rstrip("/") + "/oauth2/token"
        form = {
            "grant_type": "password",
            "username": rec.cxm_iys_username or "",
            "password": rec.cxm_iys_password or "",
        }
        started = time.monotonic()
        status, body, error, token, expires_in = 0, None, None, None, 0
        try:
            response = requests.post(url, data=form, timeout=rec.outbox_timeout)
            status, body = response.status_code, response.text
            if status >= 400:
                error = f"HTTP {status}"
            else:
                data = response.json()
                token, expires_in = data.get("access_token"), int(data.get("expires_in") or 0)
                if not isinstance(token, str) or not token:
                    error = "no access_token in the answer"
        except requests.RequestException as exc:
            error = f"connection error: {exc.__class__.__name__}"
        except (ValueError, TypeError, AttributeError):
            error = "unreadable token answer"
        self.env["cxm.integration.log"]._record(
            rec,
            "out",
            url,
            status,
            (time.monotonic() - started) * 1000,
            request=f"grant_type=password&username={form['username']}",
            response=None if token else body,  # never the token itself
            error=error,
            method="POST",
        )
        if error:
            _logger.info("İYS token of %s refused: %s", rec.code, error)
            rec.write({"cxm_iys_token": False, "cxm_iys_token_expiry": False})
            return None
        # renewed a minute before İYS would refuse it
        rec.write({"cxm_iys_token": token, "cxm_iys_token_expiry": now + timedelta(seconds=max(expires_in - 60, 0))})
        return token

    def _cxm_iys_forget_token(self):
        self.sudo().write({"cxm_iys_token": False, "cxm_iys_token_expiry": False})

    def _cxm_iys_enqueue(self, key, suffix, payload=None, *, method="POST", op=None, ref=None, delay=0):
        """Queue one İYS call on the outbox (once per idempotency ``key``), sent after ``delay`` seconds."""
        self.ensure_one()
        Outbox = self.env["cxm.integration.outbox"]
        existing = Outbox.search([("instance_id", "=", self.id), ("idempotency_key", "=", key)])
        if existing:
            return existing
        message = Outbox.create(
            {
                "instance_id": self.id,
                "idempotency_key": key,
                "path": self._cxm_iys_path(suffix),
                "method": method,
                "payload": json.dumps(payload) if payload is not None else False,
                "cxm_iys_op": op,
                "cxm_iys_ref": ref,
            }
        )
        message._schedule(fields.Datetime.now() + timedelta(seconds=delay))
        return message
