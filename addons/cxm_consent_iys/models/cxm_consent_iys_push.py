# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools import iys

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Waiting"),
    ("queued", "In the Outbox"),
    ("sent", "Batch Sent"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("failed", "Failed"),
    ("skipped", "Not for İYS"),
]
MAX_STATUS_POLLS = 60


class CxmConsentIysPush(models.Model):
    """The delivery of one ledger event to one İYS instance: waiting, in the outbox, sent in a batch,
    then accepted (İYS's transaction id) or rejected (its error code). A refusal must reach İYS within
    the instance's deadline in business days; the scheduled check flags the ones at risk."""

    _name = "cxm.consent.iys.push"
    _description = "İYS Consent Push"
    _order = "id desc"
    _rec_name = "address"

    event_id = fields.Many2one("cxm.consent.event", required=True, readonly=True, ondelete="cascade", index=True)
    instance_id = fields.Many2one("cxm.integration.instance", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="event_id.partner_id")
    channel = fields.Selection(related="event_id.channel")
    address = fields.Char(related="event_id.address")
    status = fields.Selection(related="event_id.status", store=True)
    consent_date = fields.Datetime(related="event_id.consent_date")
    state = fields.Selection(STATES, default="pending", required=True, readonly=True, index=True)
    outbox_id = fields.Many2one("cxm.integration.outbox", readonly=True, ondelete="set null", index="btree_not_null")
    request_id = fields.Char(string="Batch Request ID", readonly=True, index="btree_not_null")
    batch_index = fields.Integer(readonly=True)
    transaction_id = fields.Char(string="İYS Transaction ID", readonly=True)
    error_code = fields.Char(readonly=True)
    error_message = fields.Char(readonly=True)
    done_date = fields.Datetime(string="Answered On", readonly=True)
    deadline = fields.Datetime(readonly=True, help="Latest time İYS must know this refusal.")
    overdue = fields.Boolean(string="At Risk", readonly=True, index=True)

    _event_instance_unique = models.Constraint(
        "UNIQUE(event_id, instance_id)", "A consent event is pushed once per İYS instance."
    )

    # ------------------------------------------------------------------ queueing
    @api.model
    def _cxm_queue(self, events):
        """Create the deliveries of new ledger events to the İYS instances of their companies and queue
        the push. Events that came from İYS (source HS_IYS) are not sent back."""
        Instance = self.env["cxm.integration.instance"].sudo()
        events = events.sudo().filtered(lambda e: e.source != "HS_IYS")
        if not events:
            return self.browse()
        instances = Instance.search(
            [("kind", "=", "consent_registry"), ("state", "=", "active"), ("company_id", "in", events.company_id.ids)]
        )
        vals_list = []
        for instance in instances:
            days = instance.cxm_iys_refusal_days
            for event in events.filtered(lambda e, i=instance: e.company_id == i.company_id):
                payload = iys.consent_payload(event)
                vals = {"event_id": event.id, "instance_id": instance.id}
                if payload is None:
                    vals.update(state="skipped", error_message="address or source not registrable in İYS")
                elif event.status == "refuse":
                    vals["deadline"] = instance._cxm_iys_add_business_days(event.consent_date, days)
                vals_list.append(vals)
        # sudo: deliveries are written by the connector for whoever appended the event
        pushes = self.sudo().create(vals_list)
        for instance in pushes.filtered(lambda p: p.state == "pending").instance_id:
            self.sudo().with_delay(
                channel="root.cxm_outbox",
                description=f"İYS push {instance.code}",
                identity_key=f"cxm-iys-push-{instance.id}",
            )._cxm_push_pending(instance)
        return pushes

    @api.model
    def _cxm_push_pending(self, instance):
        """Put the waiting deliveries of ``instance`` on the outbox: refusals first; one batch request
        (``consents/request``, at most 10,000 each) when at least the instance's batch size waits, else
        one ``consents`` call per event."""
        if instance.state != "active":
            return "instance not active"
        pending = self.sudo().search([("instance_id", "=", instance.id), ("state", "=", "pending")])
        pending = pending.sorted(lambda p: (p.status != "refuse", p.id))
        if not pending:
            return "nothing to push"
        # SMS and WhatsApp of a number are one MESAJ consent for İYS: sent once for both
        groups = {}
        for push in pending:
            payload = iys.consent_payload(push.event_id)
            key = (payload["type"], payload["recipient"], payload["recipientType"], payload["status"])
            groups.setdefault(key, [payload, self.browse()])[1] |= push
        groups = list(groups.values())
        if len(groups) >= instance.cxm_iys_batch_min:
            for start in range(0, len(groups), iys.BATCH_MAX):
                chunk = groups[start : start + iys.BATCH_MAX]
                first = chunk[0][1][0]
                message = instance._cxm_iys_enqueue(
                    f"iys-batch-{first.id}-{len(chunk)}", "consents/request", [g[0] for g in chunk], op="batch"
                )
                for index, (_payload, pushes) in enumerate(chunk):
                    pushes.write({"state": "queued", "outbox_id": message.id, "batch_index": index})
            return f"{len(pending)} consents in batches"
        for payload, pushes in groups:
            message = instance._cxm_iys_enqueue(f"iys-consent-{pushes[0].id}", "consents", payload, op="consent")
            pushes.write({"state": "queued", "outbox_id": message.id})
        return f"{len(pending)} consents one by one"

    @api.model
    def _cxm_cron_push(self):
        """Scheduled action: push what waits (deliveries queued while an instance was not active)."""
        instances = self.env["cxm.integration.instance"].search(
            [("kind", "=", "consent_registry"), ("state", "=", "active")]
        )
        for instance in instances:
            self._cxm_push_pending(instance)
            self.env["ir.cron"]._commit_progress(1)

    # ------------------------------------------------------------------ answers
    def _cxm_done(self, state, **values):
        values.update(state=state, done_date=fields.Datetime.now())
        if state in ("accepted", "skipped"):
            values["overdue"] = False
        self.write(values)

    @api.model
    def _cxm_on_consent_answer(self, message, status, data, error):
        """Answer of ``consents`` (one event): ``{transactionId, creationDate}`` or İYS's errors."""
        push = self.sudo().search([("outbox_id", "=", message.id), ("state", "=", "queued")])
        if not push:
            return
        if message.state == "sent":
            if not isinstance(data, dict) or not data.get("transactionId"):
                message._cxm_iys_bad_answer("no transactionId in the answer", str(data))
            push._cxm_done("accepted", transaction_id=str((data or {}).get("transactionId") or "") or False)
        elif message.state == "dead":
            code, text = iys.errors_of(data)
            state = "rejected" if code else "failed"
            push._cxm_done(state, error_code=code or False, error_message=(text or error or "")[:250] or False)
        else:
            push.write({"error_message": (error or "")[:250] or False})

    @api.model
    def _cxm_on_batch_answer(self, message, status, data, error):
        """Answer of ``consents/request``: ``{requestId, subRequests: [...]}``; the result is asked for
        later (``consents/request/{requestId}``)."""
        pushes = self.sudo().search([("outbox_id", "=", message.id), ("state", "=", "queued")])
        if not pushes:
            return
        if message.state == "sent":
            request_id = data.get("requestId") if isinstance(data, dict) else None
            if not isinstance(request_id, str) or not request_id:
                message._cxm_iys_bad_answer("no requestId in the batch answer", str(data))
                pushes._cxm_done("failed", error_message="İYS gave no request id for the batch")
                return
            pushes.write({"state": "sent", "request_id": request_id})
            instance = message.instance_id
            instance._cxm_iys_enqueue(
                f"iys-batch-status-{request_id}-1",
                f"consents/request/{request_id}",
                method="GET",
                op="batch_status",
                ref=f"{request_id}:1",
                delay=instance.cxm_iys_status_delay,
            )
        elif message.state == "dead":
            code, text = iys.errors_of(data)
            pushes._cxm_done(
                "rejected" if code else "failed",
                error_code=code or False,
                error_message=(text or error or "")[:250] or False,
            )

    @api.model
    def _cxm_on_batch_status(self, message, status, data, error):
        """Answer of ``consents/request/{requestId}``: one result per sub-request, ``success`` with a
        transaction id, ``failure`` with an error, or still pending (asked again later)."""
        request_id, _sep, poll = (message.cxm_iys_ref or "").rpartition(":")
        pushes = self.sudo().search([("request_id", "=", request_id), ("state", "=", "sent")])
        if not pushes:
            return
        if message.state == "dead":
            pushes._cxm_done("failed", error_message=(error or "batch result unavailable")[:250])
            return
        if message.state != "sent":
            return
        if not isinstance(data, list):
            message._cxm_iys_bad_answer("the batch result is not a list", str(data))
            return
        by_index = {}
        for push in pushes:
            by_index[push.batch_index] = by_index.get(push.batch_index, self.browse()) | push
        for result in data:
            if not isinstance(result, dict) or result.get("index") not in by_index:
                continue
            push = by_index[result["index"]]
            outcome = str(result.get("status") or "").lower()
            if outcome == "success":
                push._cxm_done("accepted", transaction_id=str(result.get("transactionId") or "") or False)
            elif outcome == "failure":
                code, text = iys.errors_of(result)
                push._cxm_done("rejected", error_code=code or False, error_message=(text or "")[:250] or False)
        waiting = pushes.filtered(lambda p: p.state == "sent")
        if not waiting:
            return
        poll = int(poll or 1) + 1
        if poll > MAX_STATUS_POLLS:
            waiting._cxm_done("failed", error_message="İYS did not finish the batch")
            return
        instance = message.instance_id
        instance._cxm_iys_enqueue(
            f"iys-batch-status-{request_id}-{poll}",
            f"consents/request/{request_id}",
            method="GET",
            op="batch_status",
            ref=f"{request_id}:{poll}",
            delay=instance.cxm_iys_status_delay,
        )

    # ------------------------------------------------------------------ deadlines and actions
    @api.model
    def _cxm_cron_check_deadlines(self):
        """Scheduled action: flag refusals İYS has not accepted that are past, or within the instance's
        alert margin of, their deadline, and tell the instance's followers once."""
        now = fields.Datetime.now()
        open_refusals = self.sudo().search(
            Domain("status", "=", "refuse")
            & Domain("state", "not in", ("accepted", "skipped"))
            & Domain("overdue", "=", False)
            & Domain("deadline", "!=", False)
        )
        flagged = open_refusals.filtered(
            lambda p: p.instance_id._cxm_iys_add_business_days(now, p.instance_id.cxm_iys_alert_days) >= p.deadline
        )
        flagged.write({"overdue": True})
        for instance in flagged.instance_id:
            mine = flagged.filtered(lambda p, i=instance: p.instance_id == i)
            late = len(mine.filtered(lambda p: p.deadline <= now))
            instance.message_post(
                body=self.env._(
                    "%(count)s refusals are not yet accepted by İYS close to or past their deadline"
                    " (%(late)s past it). See İYS Pushes.",
                    count=len(mine),
                    late=late,
                )
            )
        return len(flagged)

    def action_retry(self):
        """Send rejected or failed deliveries again (after fixing the cause). Managers only."""
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only CXM managers can send consents to İYS again."))
        self.check_access("read")  # record rules: deliveries of the manager's companies only
        for push in self:
            if push.state not in ("rejected", "failed"):
                raise UserError(self.env._("Only rejected or failed deliveries can be sent again."))
        for push in self:
            # a fresh key: the outbox sends a given key only once
            instance, retries = push.instance_id, push.outbox_id.idempotency_key or ""
            count = int(retries.rpartition("-r")[2]) + 1 if "-r" in retries else 1
            message = instance._cxm_iys_enqueue(
                f"iys-consent-{push.id}-r{count}", "consents", iys.consent_payload(push.event_id), op="consent"
            )
            # sudo: deliveries are written by the connector only, after the checks above
            push.sudo().write(
                {
                    "state": "queued",
                    "outbox_id": message.id,
                    "error_code": False,
                    "error_message": False,
                    "request_id": False,
                }
            )
        return True
