# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, plaintext2html

from odoo.addons.cxm_base.tools import internal, internal_value


class HelpdeskTicket(models.Model):
    """Conversation of a ticket: its channel messages, and the agent's reply sent back on the channel."""

    _inherit = "helpdesk.ticket"

    cxm_channel_message_ids = fields.One2many("cxm.channel.message", "ticket_id", string="Conversation")
    cxm_last_inbound_date = fields.Datetime(
        string="Customer's Last Message", readonly=True, copy=False, index="btree_not_null"
    )
    cxm_reply_instance_id = fields.Many2one(
        "cxm.integration.instance",
        string="Reply on",
        copy=False,
        domain="[('id', 'in', cxm_reply_instance_ids)]",
        help="Channel the agent's replies in the chatter go out on. Empty: e-mail, as usual.",
    )
    cxm_reply_instance_ids = fields.Many2many(
        "cxm.integration.instance", compute="_compute_cxm_reply_instance_ids", string="Customer's Channels"
    )
    cxm_reply_address = fields.Char(compute="_compute_cxm_reply_address", string="Reply to")

    @api.depends("partner_id", "cxm_channel_message_ids")
    def _compute_cxm_reply_instance_ids(self):
        Message = self.env["cxm.channel.message"].sudo()  # which channels the customer wrote on: instance ids only
        groups = dict(
            Message._read_group(
                [("partner_id", "in", self.partner_id.ids), ("direction", "=", "in")],
                ["partner_id"],
                ["instance_id:array_agg"],
            )
        )
        for ticket in self:
            ids = groups.get(ticket.partner_id, []) if ticket.partner_id else []
            ticket.cxm_reply_instance_ids = [(6, 0, list(set(ids) | set(ticket.cxm_reply_instance_id.ids)))]

    @api.depends("partner_id", "cxm_reply_instance_id")
    def _compute_cxm_reply_address(self):
        for ticket in self:
            ticket.cxm_reply_address = ticket._cxm_reply_address() if ticket.cxm_reply_instance_id else False

    def _cxm_reply_address(self):
        """The customer's address on the reply instance: where they last wrote from."""
        self.ensure_one()
        last = (
            self.env["cxm.channel.message"]
            .sudo()
            .search(
                [
                    ("instance_id", "=", self.cxm_reply_instance_id.id),
                    ("partner_id", "=", self.partner_id.id),
                    ("direction", "=", "in"),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )
        return last.address

    def action_cxm_refresh_conversation(self):
        """Show the latest delivery statuses (the form reloads the ticket after a button)."""
        return True

    def _message_get_suggested_recipients_batch(self, *args, **kwargs):
        """A ticket that replies on a channel reaches its customer there: the chatter must not suggest
        the customer as an e-mail recipient (Odoo's composer refuses to send while a suggested
        recipient has no e-mail address, the usual case for a WhatsApp or SMS customer)."""
        suggested = super()._message_get_suggested_recipients_batch(*args, **kwargs)
        for ticket in self.filtered("cxm_reply_instance_id"):
            suggested[ticket.id] = [r for r in suggested[ticket.id] if r.get("partner_id") != ticket.partner_id.id]
        return suggested

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """An agent's reply on a channel reaches the customer on that channel only: a customer who also
        follows the ticket with an e-mail address does not get the same answer a second time by e-mail
        (nor a message the server sends on the channel, see ``_cxm_channel_send_text``). Other followers
        are notified as usual."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        on_channel = self._cxm_is_channel_reply(message) or internal_value(self.env.context, "cxm_channel_no_send")
        if len(self) == 1 and self.cxm_reply_instance_id and self.partner_id and on_channel:
            recipients = [r for r in recipients if r.get("id") != self.partner_id.id]
        return recipients

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if self._cxm_is_channel_reply(message):
            self._cxm_send_reply(message)
        return res

    def _cxm_is_channel_reply(self, message):
        """An agent's public message on a ticket that talks on a channel (not a note, not the customer)."""
        return (
            len(self) == 1
            and self.cxm_reply_instance_id
            and message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id != self.partner_id
            and message.author_id.user_ids.filtered(lambda u: not u.share)
            and not internal_value(self.env.context, "cxm_channel_no_send")
        )

    def _cxm_send_reply(self, message):
        """Queue the reply on the ticket's reply channel; a refusal (window, consent) undoes the post."""
        instance = self.cxm_reply_instance_id.sudo()
        address = self._cxm_reply_address()
        if not address:
            raise UserError(
                self.env._(
                    "%(customer)s has no address on %(instance)s: choose another channel to reply on.",
                    customer=self.partner_id.display_name,
                    instance=instance.name,
                )
            )
        # the agent was allowed to post on this ticket
        return instance._cxm_channel_send(
            self.partner_id,
            address,
            html2plaintext(message.body or "").strip(),
            ticket_id=self.id,
            mail_message_id=message.id,
            attachment_ids=[(6, 0, message.attachment_ids.ids)],
        )

    def _cxm_channel_send_text(
        self, text, purpose="transactional", kind="text", payload=None, subtype_xmlid="mail.mt_note"
    ):
        """Send ``text`` to the customer on the ticket's reply channel as the current user (the server's own
        messages: rating requests, notices; an agent's template), shown in the chatter as a message of
        ``subtype_xmlid``; return the outbound channel message.
        Raise ``UserError`` when the channel refuses it (window, consent, no address): nothing is sent."""
        self.ensure_one()
        instance = self.cxm_reply_instance_id.sudo()
        if not instance:
            raise UserError(self.env._("Ticket %(ticket)s has no channel to reply on.", ticket=self.display_name))
        address = self._cxm_reply_address()
        if not address:
            raise UserError(
                self.env._(
                    "%(customer)s has no address on %(instance)s.",
                    customer=self.partner_id.display_name,
                    instance=instance.name,
                )
            )
        mail_message = self.with_context(cxm_channel_no_send=internal()).message_post(
            body=plaintext2html(text), message_type="comment", subtype_xmlid=subtype_xmlid
        )
        # the caller is the server acting on a ticket it already holds
        return instance._cxm_channel_send(
            self.partner_id,
            address,
            text,
            purpose=purpose,
            kind=kind,
            ticket_id=self.id,
            mail_message_id=mail_message.id,
            payload=json.dumps(payload) if payload else False,
        )

    def _cxm_latest_public_answer(self):
        """``{"text", "date"}`` of the latest public answer to the customer on this ticket (not a note,
        not the customer's own message), or None: what integrators and bots relay to the customer."""
        self.ensure_one()
        message = (
            self.env["mail.message"]
            .sudo()  # the caller found the ticket with its own rights; its public answers only
            .search(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("res_id", "=", self.id),
                    ("message_type", "=", "comment"),
                    ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                    ("author_id", "!=", self.partner_id.id),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )
        if not message:
            return None
        return {"text": html2plaintext(message.body or "").strip(), "date": message.date}
