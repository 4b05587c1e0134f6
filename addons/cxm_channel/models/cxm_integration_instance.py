# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import UTC, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

CHANNEL_KINDS = ("email", "sms", "whatsapp", "social", "ecommerce", "chat")


class CxmIntegrationInstance(models.Model):
    """Conversation settings of a channel instance, and the Python API channel modules call."""

    _inherit = "cxm.integration.instance"

    cxm_channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Ticket Channel",
        compute="_compute_cxm_channel_id",
        store=True,
        readonly=False,
        help="Channel of the tickets this instance's messages open.",
    )
    cxm_thread_window = fields.Integer(
        string="Append to Open Ticket within (h)",
        default=72,
        help="A customer's message goes on their open ticket of the same channel if they wrote on it within "
        "this many hours; otherwise it opens a new ticket. 0: every message opens its own ticket.",
    )
    cxm_team_id = fields.Many2one("helpdesk.ticket.team", string="Team of New Tickets")
    cxm_category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Category of New Tickets", help="Routing rules apply to this category."
    )
    cxm_webhook_key = fields.Char(
        string="Webhook Key",
        copy=False,
        readonly=True,
        groups="cxm_base.group_cxm_integration,cxm_base.group_cxm_manager",
        help="Unguessable part of this instance's webhook URL.",
    )
    cxm_is_channel = fields.Boolean(compute="_compute_cxm_is_channel")

    _cxm_webhook_key_unique = models.Constraint("UNIQUE(cxm_webhook_key)", "Webhook keys are unique.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("cxm_webhook_key", secrets.token_urlsafe(18))
        return super().create(vals_list)

    @api.depends("kind")
    def _compute_cxm_channel_id(self):
        Channel = self.env["helpdesk.ticket.channel"]
        for rec in self:
            if rec.kind in CHANNEL_KINDS and not rec.cxm_channel_id:
                rec.cxm_channel_id = Channel._cxm_by_code(rec.kind)

    @api.depends("kind")
    def _compute_cxm_is_channel(self):
        for rec in self:
            rec.cxm_is_channel = rec.kind in CHANNEL_KINDS

    @api.constrains("cxm_thread_window")
    def _check_cxm_thread_window(self):
        for rec in self:
            if rec.cxm_thread_window < 0:
                raise UserError(self.env._("The threading window cannot be negative."))

    # ------------------------------------------------------------------ API
    def _cxm_channel_adapter(self):
        """The provider adapter of this instance (``cxm.channel.adapter.<kind>.<provider>``)."""
        self.ensure_one()
        name = f"cxm.channel.adapter.{self.kind}.{self.provider}"
        if name not in self.env:
            raise UserError(
                self.env._(
                    "No channel adapter for %(kind)s provider %(provider)s (instance %(instance)s).",
                    kind=self.kind,
                    provider=self.provider,
                    instance=self.name,
                )
            )
        return self.env[name]

    def _cxm_channel_channel(self):
        """The ticket channel of this instance's messages."""
        self.ensure_one()
        channel = self.sudo().cxm_channel_id
        if not channel:
            code = self.env[f"cxm.channel.adapter.{self.kind}.{self.provider}"]._cxm_channel_code or self.kind
            channel = self.env["helpdesk.ticket.channel"].sudo()._cxm_by_code(code)
        return channel

    def _cxm_channel_receive(self, items):
        """Inbound entry point of channel modules: see cxm.channel.intake._cxm_receive."""
        self.ensure_one()
        return self.env["cxm.channel.intake"]._cxm_receive(self, items)

    def _cxm_channel_send(self, partner, address, text, purpose="transactional", kind="text", **values):
        """Outbound entry point: queue ``text`` to ``address`` (of ``partner``) on this instance and hand it
        to the adapter (consent check, outbox); return the ``cxm.channel.message``. ``values``: more fields
        of the message (``ticket_id``, ``mail_message_id``, ``payload``, ``attachment_ids``, ...). Callers
        have checked that the current user may send this (an agent's ticket, the server's own notice)."""
        self.ensure_one()
        # sudo: the message row is the layer's record of what goes to the provider
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .create(
                {
                    "instance_id": self.id,
                    "channel_id": self.sudo()._cxm_channel_channel().id,
                    "direction": "out",
                    "state": "queued",
                    "kind": kind,
                    "purpose": purpose,
                    "partner_id": partner.id,
                    "address": address,
                    "body": text,
                    "author_id": self.env.uid,
                    **values,
                }
            )
        )
        message._cxm_dispatch()
        return message

    def _cxm_channel_status(self, updates):
        """Delivery-status entry point of channel modules. ``updates``: ``[{"external_id" (provider message
        id), "status" (sent, delivered, read, failed), "timestamp"? (unix), "code"?, "reason"?}]``. Each
        (message, status) is recorded once in the idempotency ledger; the statuses are applied by a queue
        job. Return one ``{"external_id", "status", "result": "accepted"|"duplicate"}`` per update."""
        self.ensure_one()
        from .cxm_channel_message import PROGRESS

        Ledger = self.env["cxm.integration.event"].sudo()  # the authenticated instance's ledger
        results, todo = [], []
        for update in updates:
            external_id, status = update.get("external_id"), update.get("status")
            if not isinstance(external_id, str) or not external_id or len(external_id) > 255 or "\x00" in external_id:
                raise ValueError("external_id must be a non-empty string")
            if status not in PROGRESS and status != "failed":
                raise ValueError(f"unknown status {status!r}")
            event, first = Ledger._claim(self, f"status:{external_id}:{status}", "status")
            results.append(
                {"external_id": external_id, "status": status, "result": "accepted" if first else "duplicate"}
            )
            if first:
                stamp = update.get("timestamp")
                date = False
                if stamp not in (None, ""):
                    try:
                        date = fields.Datetime.to_string(datetime.fromtimestamp(int(stamp), UTC).replace(tzinfo=None))
                    except (TypeError, ValueError, OverflowError, OSError):
                        raise ValueError("timestamp must be a unix time") from None
                todo.append(
                    {
                        "external_id": external_id,
                        "status": status,
                        "date": date,
                        "code": str(update.get("code") or "")[:64] or None,
                        "reason": str(update.get("reason") or "")[:250] or None,
                    }
                )
                event._set_result({"status": status})
        if todo:
            self.env["cxm.channel.message"].with_delay(
                channel="root.cxm_channel", description=f"Channel statuses ({self.code})"
            )._cxm_apply_statuses(self, todo)
        return results
