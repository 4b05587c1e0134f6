# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Pending"),  # inbound, waiting for the intake job
    ("received", "Received"),  # inbound, on its ticket
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("read", "Read"),
    ("failed", "Failed"),
]
#: order of the delivery statuses: a late callback never moves a message back
PROGRESS = {"queued": 0, "sent": 1, "delivered": 2, "read": 3}
STATUS_RETRY_SECONDS = 10
STATUS_RETRY_MAX = 30


class CxmChannelMessage(models.Model):
    """One message of a conversation on a channel, in or out, with its delivery status. Inbound messages
    are written by the webhook (idempotently, pending) and put on their customer's ticket by the intake
    job; outbound ones are created from the agent's reply in the chatter and sent by the channel's
    adapter."""

    _name = "cxm.channel.message"
    _description = "Channel Message"
    _order = "id desc"
    _rec_name = "external_id"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", ondelete="set null")
    direction = fields.Selection([("in", "Inbound"), ("out", "Outbound")], required=True)
    state = fields.Selection(STATES, required=True, default="pending", index=True)
    purpose = fields.Selection(
        [("transactional", "Transactional"), ("commercial", "Commercial")],
        default="transactional",
        required=True,
        help="Commercial messages need the customer's consent (checked by the consent module).",
    )
    ticket_id = fields.Many2one("helpdesk.ticket", ondelete="cascade", index="btree_not_null")
    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="set null", index="btree_not_null")
    address = fields.Char(required=True, help="The customer's address on the channel (phone number, e-mail...).")
    external_id = fields.Char(string="Provider Message ID", copy=False)
    event_id = fields.Many2one("cxm.integration.event", string="Ledger Event", ondelete="set null")
    kind = fields.Char(default="text", help="Type of content at the provider (text, image, location, template...).")
    body = fields.Text()
    payload = fields.Text(help="JSON: what the adapter keeps beside the text (attachment references, template...).")
    date = fields.Datetime(default=fields.Datetime.now, required=True, help="When the provider received or sent it.")
    mail_message_id = fields.Many2one("mail.message", string="Chatter Message", ondelete="set null")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    outbox_id = fields.Many2one("cxm.integration.outbox", ondelete="set null", index="btree_not_null")
    attempt_count = fields.Integer(readonly=True)
    author_id = fields.Many2one("res.users", string="Sent by", ondelete="set null")
    sent_date = fields.Datetime()
    delivered_date = fields.Datetime()
    read_date = fields.Datetime()
    error_code = fields.Char()
    error_reason = fields.Char()

    _external_unique = models.UniqueIndex(
        "(instance_id, direction, external_id) WHERE external_id IS NOT NULL",
        "A provider message is recorded once per instance and direction.",
    )
    _pending_idx = models.Index("(instance_id, id) WHERE state = 'pending'")
    _address_idx = models.Index("(instance_id, address, date) WHERE direction = 'in'")

    # ------------------------------------------------------------------ actions
    def action_retry(self):
        """Send failed outbound messages again (as new attempts), if the channel still allows it."""
        for message in self:
            if message.direction != "out" or message.state != "failed":
                raise UserError(self.env._("Only failed outbound messages can be sent again."))
            message.ticket_id.check_access("write")
        for message in self.sudo():  # checked above: the agent may write on the ticket
            message.write({"state": "queued", "error_code": False, "error_reason": False})
            message.attempt_count += 1
            message._cxm_dispatch()
        return True

    # ---------------------------------------------------------------- outbound
    def _cxm_dispatch(self):
        """Check (adapter, consent) and hand queued outbound messages to their adapter."""
        for message in self:
            adapter = message.instance_id._cxm_channel_adapter()
            adapter._cxm_check_send(message)
            refusal = message._cxm_consent_refusal()
            if refusal:
                raise UserError(refusal)
            adapter._cxm_send(message)

    def _cxm_consent_refusal(self):
        """Hook of the consent module: the reason why this outbound message may not be sent, else None.
        Transactional messages (replies to the customer) always pass; the consent module filters
        commercial ones."""
        self.ensure_one()

    def _cxm_set_status(self, status, *, external_id=None, date=None, code=None, reason=None):
        """Move one outbound message to ``status`` (queued, sent, delivered, read, failed); a status
        behind the current one is ignored (callbacks arrive out of order)."""
        self.ensure_one()
        current = self.state
        if status == "failed":
            if current == "read":
                return False
        elif current != "failed" and PROGRESS.get(status, -1) <= PROGRESS.get(current, -1):
            if external_id and not self.external_id:
                self.external_id = external_id
            return False
        values = {"state": status}
        when = date or fields.Datetime.now()
        if external_id and not self.external_id:
            values["external_id"] = external_id
        if status in ("sent", "delivered", "read"):
            values.update(error_code=False, error_reason=False)
            for step in ("sent", "delivered", "read")[: PROGRESS[status]]:
                if not self[f"{step}_date"]:
                    values[f"{step}_date"] = when
        if status == "failed":
            values.update(error_code=code or False, error_reason=(reason or "")[:250] or False)
        self.write(values)
        return True

    # ------------------------------------------------------------ status callbacks
    @api.model
    def _cxm_apply_statuses(self, instance, updates, tries=0):
        """Queue job: apply delivery statuses ``[{"external_id", "status", "timestamp", "code", "reason"}]``.
        A status that arrives before the send's answer named the message waits and is tried again."""
        missing = []
        Message = self.sudo()
        for update in updates:
            message = Message.search(
                [
                    ("instance_id", "=", instance.id),
                    ("direction", "=", "out"),
                    ("external_id", "=", update["external_id"]),
                ],
                limit=1,
            )
            if not message:
                missing.append(update)
                continue
            when = fields.Datetime.to_datetime(update.get("date")) if update.get("date") else None
            message._cxm_set_status(update["status"], date=when, code=update.get("code"), reason=update.get("reason"))
        if missing and tries < STATUS_RETRY_MAX:
            self.with_delay(
                eta=timedelta(seconds=STATUS_RETRY_SECONDS),
                channel="root.cxm_channel",
                description=f"Channel statuses waiting for their message ({instance.code})",
            )._cxm_apply_statuses(instance, missing, tries + 1)
        elif missing:
            _logger.info("Delivery statuses of unknown messages dropped on %s: %s", instance.code, missing)
        return f"{len(updates) - len(missing)} applied, {len(missing)} waiting"

    def _cxm_payload(self):
        self.ensure_one()
        try:
            return json.loads(self.payload or "{}")
        except ValueError:
            return {}
