# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_answer_ids = fields.One2many("cxm.selfservice.answer", "ticket_id", string="Form Answers")
    cxm_answers_html = fields.Html(string="Help Centre Answers", compute="_compute_cxm_answers_html", sanitize=False)

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
