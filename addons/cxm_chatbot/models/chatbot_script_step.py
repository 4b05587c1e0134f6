# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import html2plaintext

TICKET_STEPS = ("cxm_create_ticket", "cxm_create_ticket_forward")


class ChatbotScriptStep(models.Model):
    """Chatbot steps *Create Ticket* (the conversation becomes a ticket of the visitor, found by the
    identity look-up from the e-mail / phone the bot asked for) and *Create Ticket & Forward* (then hand
    the visitor over to an available operator of the ticket's team), like ``crm_livechat``'s lead steps.
    A *Forward to Operator* step with a team hands over to that team's operators only."""

    _inherit = "chatbot.script.step"

    step_type = fields.Selection(
        selection_add=[
            ("cxm_create_ticket", "Create Ticket"),
            ("cxm_create_ticket_forward", "Create Ticket & Forward"),
        ],
        ondelete={"cxm_create_ticket": "cascade", "cxm_create_ticket_forward": "cascade"},
    )
    cxm_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Helpdesk Team",
        ondelete="set null",
        help="Team of the tickets this step opens, and whose operators a forward step hands over to. "
        "Empty: the routing rules of the category decide.",
    )
    cxm_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Ticket Category",
        ondelete="set null",
        help="Category of the tickets this step opens: its routing rule picks the team and the process.",
    )

    def _compute_is_forward_operator(self):
        result = super()._compute_is_forward_operator()
        self.filtered(lambda s: s.step_type == "cxm_create_ticket_forward").is_forward_operator = True
        return result

    def _process_step(self, discuss_channel):
        self.ensure_one()
        if self.step_type == "cxm_create_ticket_forward":
            ticket = self._cxm_process_step_create_ticket(discuss_channel)
            return self._cxm_forward_to_team(discuss_channel, ticket.team_id, ticket=ticket)
        if self.step_type == "forward_operator" and self.cxm_team_id:
            return self._cxm_forward_to_team(discuss_channel, self.cxm_team_id)
        posted_message = super()._process_step(discuss_channel)
        if self.step_type == "cxm_create_ticket":
            self._cxm_process_step_create_ticket(discuss_channel)
        return posted_message

    def _cxm_process_step_create_ticket(self, discuss_channel):
        """The conversation so far becomes a ticket of the visitor. Runs in the visitor's request
        (often the public user): the ticket is opened as superuser, for this conversation only."""
        customer = discuss_channel._cxm_livechat_customer(create=True)
        first = self._find_first_user_free_input(discuss_channel)
        title = first and first.sudo().body
        # sudo: the chatbot opens the ticket of its own conversation on behalf of the visitor
        return discuss_channel.sudo()._cxm_open_ticket(
            customer,
            title=(title and html2plaintext(title).strip()) or None,
            team=self.sudo().cxm_team_id,
            category=self.sudo().cxm_category_id,
        )

    def _cxm_forward_to_team(self, discuss_channel, team, ticket=None):
        """Hand the visitor over to an available operator of ``team`` (all of the live-chat channel's
        operators without a team). The ticket, if any, is assigned to the operator who takes it."""
        users = None
        if team and discuss_channel.livechat_channel_id:
            # sudo: the team's members and their availability, to pick the operator (as crm_livechat)
            users = (
                discuss_channel.livechat_channel_id.sudo()
                ._get_available_operators_by_livechat_channel(team.sudo().user_ids)
                .get(discuss_channel.livechat_channel_id)
            ) or self.env["res.users"]
        previous = discuss_channel.livechat_operator_id
        message = discuss_channel._forward_human_operator(self, users=users)
        if ticket and previous != discuss_channel.livechat_operator_id:
            operator = discuss_channel.livechat_operator_id.sudo().user_ids[:1]
            if operator:
                # the ticket is the superuser's (opened by this step): the operator the visitor was just
                # handed over to takes it
                ticket.user_id = operator
                msg = self.env._("Created a new ticket: %(link)s", link=ticket._get_html_link())
                operator._bus_send_transient_message(discuss_channel, msg)
        return message
