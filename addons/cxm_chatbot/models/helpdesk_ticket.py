# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

SAY_TITLE = 60
SAY_ANSWER = 200


class HelpdeskTicket(models.Model):
    """The live chat a ticket came from, and what a chatbot may do with a ticket of the customer it talks
    to: read its public status in a sentence short enough to speak, write on it, close it when its process
    allows."""

    _inherit = "helpdesk.ticket"

    cxm_livechat_channel_id = fields.Many2one(
        "discuss.channel",
        string="Live Chat",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The live-chat conversation this ticket was opened from.",
    )

    def _cxm_bot_status(self, with_answer=False):
        """Public status of this ticket for a chatbot: number, title, stage, open/closed, a sentence."""
        self.ensure_one()
        state = "closed" if self.stage_id.closed else "open"
        title = (self.name or "")[:SAY_TITLE]
        if state == "closed":
            say = self.env._("Ticket %(number)s, %(title)s, is closed.", number=self.number, title=title)
        else:
            say = self.env._(
                "Ticket %(number)s, %(title)s, is %(status)s.",
                number=self.number,
                title=title,
                status=self.stage_id.name or "",
            )
        status = {
            "number": self.number,
            "title": self.name,
            "status": self.stage_id.name or "",
            "state": state,
            "updated": self.write_date,
            "say": say,
        }
        if with_answer:
            answer = self._cxm_latest_public_answer()
            status["latest_answer"] = answer
            if answer:
                status["say"] += " " + self.env._("Latest answer: %(text)s", text=answer["text"][:SAY_ANSWER])
        return status

    def _cxm_bot_post(self, text):
        """The customer's message ``text`` (relayed by a chatbot) on this open ticket; the process's
        *On customer reply* transitions follow."""
        self.ensure_one()
        if self.stage_id.closed:
            raise UserError(self.env._("Ticket %(number)s is closed.", number=self.number))
        message = self.with_context(mail_create_nosubscribe=True).message_post(
            body=plaintext2html(text),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.cxm_last_inbound_date = fields.Datetime.now()
        if self.cxm_process_id:
            self._cxm_on_customer_reply()
        return message

    def _cxm_bot_close(self, user):
        """Close this ticket as ``user`` (the chatbot's technical user): through a transition of its process
        that ``user`` may fire and that leads to a closed stage, else (no process) to a stage customers may
        close to. Raise UserError when nothing allows it."""
        self.ensure_one()
        if self.stage_id.closed:
            return False
        if self.cxm_process_id:
            as_user = self.with_user(user).sudo()  # the user's groups decide which transitions they may fire
            transitions = as_user._cxm_allowed_transitions().filtered(
                lambda t: t.to_status_id.is_closing or t.to_status_id.ticket_stage_id.closed
            )
            if not transitions:
                raise UserError(
                    self.env._(
                        "Ticket %(number)s cannot be closed from status %(status)s.",
                        number=self.number,
                        status=self.stage_id.name,
                    )
                )
            as_user.cxm_fire_transition(transitions[0].id)
            return True
        stage = self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", True),
                ("close_from_portal", "=", True),
                ("company_id", "in", [self.company_id.id, False]),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            order="sequence, id",
            limit=1,
        )
        if not stage:
            raise UserError(self.env._("Ticket %(number)s cannot be closed by the customer.", number=self.number))
        self.stage_id = stage
        return True
