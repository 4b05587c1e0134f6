# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

TITLE_LENGTH = 100


class DiscussChannel(models.Model):
    """A live-chat conversation becomes a ticket: by the chatbot's *Create Ticket* step or by the
    operator's ``/ticket`` command. The transcript is the ticket's description, the visitor the customer
    the identity look-up finds (or a new one), the channel the suite's *Chat*."""

    _inherit = "discuss.channel"

    cxm_ticket_ids = fields.One2many(
        "helpdesk.ticket",
        "cxm_livechat_channel_id",
        string="Tickets",
        groups="helpdesk_mgmt.group_helpdesk_user",
    )

    # ------------------------------------------------------------------ operator: button and /ticket
    def action_cxm_create_ticket(self):
        """*Create Ticket* clicked by an operator in a live chat: open a ticket of the conversation (the
        same way as ``/ticket``, titled by the visitor's first question) and return the action that shows
        it. Refused (``AccessError`` / ``UserError``, nothing created) outside live chats and for users
        who may not open tickets."""
        self.ensure_one()
        ticket = self._cxm_ticket_from_operator(None)
        return ticket._get_records_action(name=ticket.display_name, target="new")

    def execute_command_ticket(self, **kwargs):
        """``/ticket <title>`` typed by an operator in a live chat: open a ticket of the conversation, as the
        operator (their own access rights decide), and tell them its number."""
        self.ensure_one()
        text = html2plaintext(kwargs.get("body") or "").strip()
        title = text[len("/ticket") :].strip() if text.startswith("/ticket") else text
        try:
            with self.env.cr.savepoint():  # a refusal leaves nothing behind (no customer made for nothing)
                self._cxm_ticket_from_operator(title)
        except (AccessError, UserError) as exc:
            self.env.user._bus_send_transient_message(self, str(exc.args[0]))

    def _cxm_ticket_from_operator(self, title):
        """Ticket of this live chat opened by the current operator (button or ``/ticket``): a notice in the
        conversation gives its number to both sides, the operator gets its link."""
        self.ensure_one()
        ticket = self._cxm_ticket_from_command(title)
        notice = self.env._("Ticket %(number)s is open for this conversation.", number=ticket.number)
        self.message_post(
            body=Markup('<div class="o_mail_notification">%s</div>') % notice,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        msg = self.env._("Created a new ticket: %(link)s", link=ticket._get_html_link(title=ticket.display_name))
        self.env.user._bus_send_transient_message(self, msg)
        return ticket

    def _cxm_ticket_from_command(self, title):
        """Ticket of this live chat opened by the current (internal) user."""
        self.ensure_one()
        self.check_access("read")
        if self.channel_type != "livechat":
            raise UserError(self.env._("Tickets are opened from live-chat conversations only."))
        if not self.env.user._is_internal() or not self.env["helpdesk.ticket"].has_access("create"):
            raise AccessError(self.env._("You may not open tickets."))
        customer = self._cxm_livechat_customer(create=True)
        return self._cxm_open_ticket(customer, title=title)

    # ------------------------------------------------------------------ shared
    def _cxm_livechat_customer(self, create=True):
        """The customer of this conversation: the logged-in visitor's partner, else the customer the
        identity look-up finds by the e-mail / phone given to the chatbot, else (``create``) a new partner
        made of them. Empty when nothing identifies the visitor."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        # sudo: the members of this conversation (the caller is one of them or its operator)
        visitors = (
            self.sudo()
            .with_context(active_test=False)
            .channel_member_ids.filtered(lambda m: m.livechat_member_type == "visitor")
            .partner_id
        )
        visitor = visitors.filtered(lambda p: not p.is_public and p.partner_share)[:1]
        if visitor:
            return visitor
        # sudo: the answers given to the bot in this conversation (chatbot.message is for live-chat admins)
        answers = self.sudo()._chatbot_find_customer_values_in_messages(
            {"question_email": "email", "question_phone": "phone"}
        )
        email, phone = (answers.get("email") or "").strip(), (answers.get("phone") or "").strip()
        if not email and not phone:
            return Partner
        # sudo: identity look-up of what the visitor typed, in the company of the conversation's user
        found = self.env["cxm.partner.identity"].sudo().cxm_lookup([{"email": email, "phone": phone}])[0]
        if found:
            direct = [m for m in found if m["key_type"] == "email"] or found
            return Partner.sudo().browse(min(m["partner_id"] for m in direct))
        if not create:
            return Partner
        channel = self.env["helpdesk.ticket.channel"].sudo()._cxm_by_code("chat")
        # sudo: a new customer made of what the visitor typed (public visitors cannot create partners)
        return Partner.sudo().create(
            {
                "name": email or phone,
                "email": email or False,
                "phone": phone or False,
                "cxm_created_channel_id": channel.id,
            }
        )

    def _cxm_open_ticket(self, customer, title=None, team=None, category=None, note=None):
        """A ticket of this conversation for ``customer``: the transcript as description, on the *Chat*
        channel, in ``team`` (else the routing rules of ``category`` decide)."""
        self.ensure_one()
        channel = self.env["helpdesk.ticket.channel"].sudo()._cxm_by_code("chat")
        if not title:
            first = self._cxm_first_visitor_text()
            title = first or self.env._(
                "Live chat with %(customer)s", customer=customer.display_name or self.env._("a visitor")
            )
        description = Markup()
        if note:
            description += note
        description += self._get_channel_history()
        vals = {
            "name": title.splitlines()[0][:TITLE_LENGTH],
            "description": description,
            "partner_id": customer.id or False,
            "channel_id": channel.id,
            "cxm_livechat_channel_id": self.id,
            "cxm_source_ref": f"livechat:{self.id}",
            # an operator's /ticket is theirs; the bot's ticket is nobody's yet (not the visitor's user)
            "user_id": self.env.user.id if self.env.user._is_internal() and not self.env.su else False,
        }
        if not customer:
            vals["partner_name"] = self.env._("Live-chat visitor")
        if customer.company_id:
            vals["company_id"] = customer.company_id.id
        if team:
            vals["team_id"] = team.id
        if category:
            vals["category_id"] = category.id
        return self.env["helpdesk.ticket"].create(vals)

    def _cxm_first_visitor_text(self):
        """The visitor's first message with text (their question)."""
        self.ensure_one()
        # sudo: members and messages of this conversation, read for its own ticket
        channel = self.sudo().with_context(active_test=False)
        visitors = channel.channel_member_ids.filtered(lambda m: m.livechat_member_type == "visitor")
        messages = channel.message_ids.filtered(
            lambda m: (
                m.message_type == "comment"
                and ((m.author_id and m.author_id in visitors.partner_id) or (m.author_guest_id in visitors.guest_id))
            )
        )
        for message in messages.sorted("id"):
            text = html2plaintext(message.body or "").strip()
            if text:
                return text
        return ""
