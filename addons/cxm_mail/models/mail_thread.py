# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

from ..headers import auto_reply_reason

_logger = logging.getLogger(__name__)

TICKET = "helpdesk.ticket"


class MailThread(models.AbstractModel):
    """Two additions to Odoo's mail gateway, for tickets only (routes to other models are
    untouched): the ticket reference in the subject as a threading fallback, and automatic
    replies kept away from tickets. Everything else (aliases, Message-Id threading,
    duplicate Message-Ids, bounces, Odoo's per-sender loop limit) stays Odoo's."""

    _inherit = "mail.thread"

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        return self._cxm_mail_route_by_subject(message, message_dict, routes)

    @api.model
    def _cxm_mail_route_by_subject(self, message, message_dict, routes):
        """A route that would open a new ticket goes to the ticket named in the subject
        (``[HT00042]``) instead, when the sender is that ticket's customer or follower: the
        fallback for mail clients and relays that drop In-Reply-To and References."""
        new_ticket_routes = [r for r in routes or () if r[0] == TICKET and not r[1]]
        if not new_ticket_routes:
            return routes
        ticket = self.env[TICKET]._cxm_mail_ticket_from_subject(
            message_dict.get("subject"), message_dict.get("email_from")
        )
        if not ticket:
            return routes
        result, threaded = [], False
        for route in routes:
            if route in new_ticket_routes:
                if threaded:
                    continue  # two ticket aliases in To: one message on the ticket, not two
                checked = self._routing_check_route(
                    message, message_dict, (TICKET, ticket.id, route[2], route[3], route[4]), raise_exception=False
                )
                if checked:
                    _logger.info(
                        "Routing mail from %s with Message-Id %s to ticket %s by the reference in its subject",
                        message_dict.get("email_from"),
                        message_dict.get("message_id"),
                        ticket.number,
                    )
                    result.append(checked)
                    threaded = True
                    continue
            result.append(route)
        return result

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Automatic replies (RFC 3834 and friends, see ``headers.py``) never open a ticket and
        never reach an existing one as a customer reply: on an existing ticket they are logged
        as a note (no status change, no 'on customer reply' transition, nobody notified),
        otherwise dropped; both are listed in the filtered replies log."""
        reason, header = auto_reply_reason(message)
        if not reason:
            return super()._message_route_process(message, message_dict, routes)
        kept = []
        Autoreply = self.env["cxm.mail.autoreply"]
        for route in routes or ():
            model, thread_id, alias = route[0], route[1], route[4]
            if model != TICKET:
                kept.append(route)
                continue
            ticket = self.env[TICKET].sudo().browse(thread_id).exists() if thread_id else None
            if ticket:
                ticket._cxm_mail_log_autoreply(message_dict, header)
            _logger.info(
                "Automatic reply from %s with Message-Id %s (%s) kept away from tickets%s",
                message_dict.get("email_from"),
                message_dict.get("message_id"),
                header,
                f": logged on {ticket.number}" if ticket else ": no ticket opened",
            )
            Autoreply._cxm_record(
                message_dict, reason, header, ticket=ticket, company=self._cxm_mail_alias_company(alias)
            )
        if not kept:
            return False
        return super()._message_route_process(message, message_dict, kept)

    @api.model
    def _cxm_mail_alias_company(self, alias):
        """Company of the team that owns a ticket alias (``None`` when it cannot be told)."""
        if not alias:
            return None
        alias = alias.sudo()
        parent_model = alias.alias_parent_model_id.model
        if parent_model and alias.alias_parent_thread_id and parent_model in self.env:
            owner = self.env[parent_model].sudo().browse(alias.alias_parent_thread_id).exists()
            if owner and "company_id" in owner._fields:
                return owner.company_id or None
        return None
