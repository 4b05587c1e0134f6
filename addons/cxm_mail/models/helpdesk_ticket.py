# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import json
from email.utils import parseaddr

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import email_normalize

from ..headers import subject_tokens

# message types Odoo (and the suite) post by themselves: the mails they send are automatic
AUTOMATIC_TYPES = ("notification", "auto_comment", "user_notification")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # looked up on every inbound e-mail whose subject carries a reference
    number = fields.Char(index=True)

    # ------------------------------------------------------------ outbound
    def _cxm_mail_subject_token(self):
        self.ensure_one()
        return f"[{self.number}]" if self.number and self.number != "/" else ""

    def _message_compute_subject(self):
        """``[HT00042] Washing machine leaks`` rather than ``HT00042 - Washing machine leaks``."""
        token = self._cxm_mail_subject_token()
        return f"{token} {self.name}" if token else super()._message_compute_subject()

    def _notify_by_email_get_base_mail_values(self, message, recipients_data, additional_values=None):
        """Every e-mail about a ticket carries its reference in the subject (``[HT00042] ...``),
        the threading fallback when the customer's client drops In-Reply-To and References;
        the ones Odoo writes by itself (status mails, acknowledgements) say so with
        ``Auto-Submitted: auto-generated`` (RFC 3834) so that responders do not answer them."""
        values = super()._notify_by_email_get_base_mail_values(
            message, recipients_data, additional_values=additional_values
        )
        if len(self) != 1:
            return values
        token = self._cxm_mail_subject_token()
        subject = values.get("subject", message.subject) or ""
        if token and token not in subject:
            values["subject"] = f"{token} {subject}".strip()
        if message.message_type in AUTOMATIC_TYPES:
            headers = ast.literal_eval(values["headers"]) if values.get("headers") else {}
            headers.setdefault("Auto-Submitted", "auto-generated")
            headers.setdefault("X-Auto-Response-Suppress", "OOF, AutoReply")
            values["headers"] = repr(headers)
        return values

    # ------------------------------------------------------------ inbound
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A ticket opened by e-mail is on the e-mail channel and on the customer the conversation
        layer identifies for the sender, as on every channel."""
        values = dict(custom_values or {})
        if not values.get("channel_id"):
            values["channel_id"] = self._cxm_mail_adapter()._cxm_mail_channel().id
        if not values.get("partner_id"):
            partner = self._cxm_mail_identify(msg_dict.get("email_from"), values.get("team_id"))
            if partner:
                values["partner_id"] = partner.id
                msg_dict["author_id"] = partner.id  # the first message is the customer's
        ticket = super().message_new(msg_dict, custom_values=values)
        ticket._cxm_mail_inbound(msg_dict)
        return ticket

    def message_update(self, msg_dict, update_vals=None):
        res = super().message_update(msg_dict, update_vals=update_vals)
        self._cxm_mail_inbound(msg_dict)
        return res

    def _cxm_mail_inbound(self, msg_dict):
        """The customer's last message, as the conversation layer keeps it for every channel."""
        author = msg_dict.get("author_id")
        for ticket in self.filtered(lambda t: t.partner_id and t.partner_id.id == author):
            ticket.cxm_last_inbound_date = fields.Datetime.now()

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        """Odoo's per-sender loop limit (``mail.gateway.loop.threshold`` records a sender may open
        within ``mail.gateway.loop.minutes``) counts records by their primary e-mail field, which
        helpdesk_mgmt's tickets do not declare: without this, the limit never applies to tickets."""
        return [("partner_email", "ilike", email_from_normalized)]

    @api.model
    def _cxm_mail_adapter(self):
        return self.env["cxm.channel.adapter.email.gateway"]

    @api.model
    def _cxm_mail_identify(self, email_from, team_id=None):
        """The customer behind an e-mail address, identified by the conversation layer exactly as
        for every channel (identity look-up, the oldest partner when several share the address; an
        unknown address becomes a new partner marked as created from e-mail)."""
        sender = email_normalize(email_from or "")
        if not sender:
            return self.env["res.partner"]
        team = self.env["helpdesk.ticket.team"].sudo().browse(team_id).exists() if team_id else None
        Intake = self.env["cxm.channel.intake"].sudo()
        if team and team.company_id:
            Intake = Intake.with_company(team.company_id)
        adapter = self._cxm_mail_adapter()
        # the layer identifies a batch of channel messages by their address and name: this e-mail as
        # one such message, in memory only (e-mail keeps its own record: the mail.message)
        message = Intake.env["cxm.channel.message"].new(
            {"address": sender, "payload": json.dumps({"name": parseaddr(email_from)[0].strip() or None})}
        )
        partners = Intake._cxm_identify(
            Intake.env["cxm.integration.instance"], adapter, adapter._cxm_mail_channel(), message
        )
        return partners[sender]

    @api.model
    def _cxm_mail_ticket_from_subject(self, subject, email_from):
        """The ticket whose reference is in ``subject`` and whose customer (or a follower) wrote
        from ``email_from``; an empty recordset otherwise. A reference alone proves nothing (it
        can be guessed): a stranger naming someone else's ticket gets a ticket of their own."""
        tokens = subject_tokens(subject)
        sender = email_normalize(email_from or "")
        if not tokens or not sender:
            return self.browse()
        # sudo: the gateway reads as the system; the sender check below is the access check
        tickets = self.sudo().search([("number", "in", tokens)], order="id desc")
        if not tickets:
            return self.browse()
        known = {
            row["partner_id"]
            for match in self.env["cxm.partner.identity"].sudo().cxm_lookup([{"email": sender}])
            for row in match
        }
        for ticket in tickets:
            partners = ticket.partner_id | ticket.message_partner_ids
            emails = {email_normalize(e or "") for e in [ticket.partner_email, *partners.mapped("email")]}
            if sender in emails or known & set((ticket.partner_id | ticket.message_partner_ids).ids):
                return ticket
        return self.browse()

    def _cxm_mail_log_autoreply(self, message_dict, header):
        """An automatic reply about this ticket: a note for the agents, nothing more (no
        status change, no reopening, no notification). It keeps the e-mail's Message-Id so
        that a second fetch of the same e-mail is ignored by Odoo's duplicate check."""
        self.ensure_one()
        body = Markup("<p>%s</p>%s") % (
            self.env._(
                "Automatic reply from %(sender)s (%(header)s): the ticket was not reopened.",
                sender=message_dict.get("email_from") or "?",
                header=header,
            ),
            message_dict.get("body") or "",
        )
        return self.with_context(mail_create_nosubscribe=True).message_post(
            body=body,
            subject=message_dict.get("subject"),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            author_id=message_dict.get("author_id"),
            email_from=message_dict.get("email_from"),
            message_id=message_dict.get("message_id"),
        )
