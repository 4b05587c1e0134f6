# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmKnowledgeReply(models.TransientModel):
    """An agent answers a ticket with a knowledge article: a customer-facing article goes to the customer
    as a link with its summary; an internal article (agents only) can only be posted as an internal note."""

    _name = "cxm.knowledge.reply"
    _description = "Reply with a Knowledge Article"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    article_id = fields.Many2one("cxm.knowledge.article", required=True, domain="[('is_published', '=', True)]")
    is_internal = fields.Boolean(compute="_compute_is_internal", string="Internal Article")
    body = fields.Html(compute="_compute_body", store=True, readonly=False, sanitize=True)

    @api.depends("article_id")
    def _compute_is_internal(self):
        for wizard in self:
            wizard.is_internal = wizard.article_id.visibility == "internal"

    @api.depends("article_id")
    def _compute_body(self):
        for wizard in self:
            article = wizard.article_id
            if not article:
                wizard.body = False
            elif article.visibility == "internal":
                wizard.body = Markup("<p><strong>%s</strong></p>%s") % (article.name, article.body or "")
            else:
                url = article.get_base_url() + article.website_url
                wizard.body = Markup('<p>%s</p><p><a href="%s">%s</a></p><p>%s</p>') % (
                    self.env._("This article should answer your question:"),
                    url,
                    article.name,
                    article._cxm_summary(),
                )

    def action_post(self):
        """Post on the ticket as the agent (their rights on the ticket and the article apply)."""
        self.ensure_one()
        self.ticket_id.check_access("write")
        self.article_id.check_access("read")
        if not self.article_id.is_published:
            raise UserError(self.env._("Only published articles can be used in a reply."))
        if self.is_internal:
            self.ticket_id.message_post(body=self.body, subtype_xmlid="mail.mt_note", message_type="comment")
        else:
            self.ticket_id.message_post(body=self.body, subtype_xmlid="mail.mt_comment", message_type="comment")
        return {"type": "ir.actions.act_window_close"}
