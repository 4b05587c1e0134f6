# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import consteq
from odoo.tools.misc import hmac

SENDER_STATES = [
    ("new", "New contact, not verified"),
    ("matched", "Known customer's details, not verified"),
    ("verified", "Verified"),
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_answer_ids = fields.One2many("cxm.selfservice.answer", "ticket_id", string="Form Answers")
    cxm_answers_html = fields.Html(string="Help Centre Answers", compute="_compute_cxm_answers_html", sanitize=False)
    cxm_sender_state = fields.Selection(
        SENDER_STATES,
        string="Help Centre Sender",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Anonymous help-centre submissions: whether the sender proved that the e-mail address or phone "
        "number is theirs. Until then the ticket is not shown in the customer's portal account.",
    )

    @api.depends("cxm_answer_ids.label", "cxm_answer_ids.value")
    def _compute_cxm_answers_html(self):
        for ticket in self:
            ticket.cxm_answers_html = ticket._cxm_answers_markup() if ticket.cxm_answer_ids else False

    def _cxm_answers_markup(self):
        """The answers as a readable definition list (every value escaped)."""
        self.ensure_one()
        rows = Markup("").join(
            Markup('<dt class="col-sm-4">%s</dt><dd class="col-sm-8" style="white-space: pre-wrap">%s</dd>')
            % (escape(answer.label), escape(answer.value or "-"))
            for answer in self.cxm_answer_ids.sorted(lambda a: (a.sequence, a.id))
        )
        return Markup('<dl class="row o_cxm_answers mb-0">%s</dl>') % rows

    # ------------------------------------------------------------ sender verification
    def _cxm_verify_token(self):
        """Token of the confirmation link mailed to the customer's known address (not the status link:
        the person who submitted holds that one)."""
        self.ensure_one()
        # sudo: database.secret, read to sign the link
        return hmac(self.env(su=True), "cxm-help-verify", f"{self.id}:{self.sudo().access_token or ''}")

    def _cxm_check_verify_token(self, token):
        self.ensure_one()
        return bool(token) and isinstance(token, str) and consteq(token, self._cxm_verify_token())

    def _cxm_help_verify_url(self):
        """Link of the acknowledgement e-mail: confirms the sender, then shows the request."""
        self.ensure_one()
        if self.cxm_sender_state not in ("new", "matched"):
            return self.get_base_url() + self.get_portal_url()
        return f"{self.get_base_url()}/help/verify/{self.id}?token={self._cxm_verify_token()}"

    def _cxm_confirm_sender(self):
        """The sender proved the address: the ticket joins the customer's account."""
        pending = self.filtered(lambda t: t.cxm_sender_state in ("new", "matched"))
        if pending:
            pending.sudo().cxm_sender_state = "verified"  # sudo: customers may not write tickets
            for ticket in pending:
                ticket.sudo().message_post(
                    body=self.env._("The sender confirmed this request from the link sent to the customer's address."),
                    subtype_xmlid="mail.mt_note",
                )
        return pending

    def action_cxm_confirm_sender(self):
        """Agents: the customer's identity was checked another way (e.g. by phone)."""
        self.check_access("write")
        self.filtered(lambda t: t.cxm_sender_state in ("new", "matched")).write({"cxm_sender_state": "verified"})
        return True
