# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmKnowledgeDeflection(models.Model):
    """What happened after the help centre suggested articles before a submission: the customer found
    the answer (solved) or submitted anyway."""

    _name = "cxm.knowledge.deflection"
    _description = "Knowledge Deflection"
    _order = "id desc"

    query = fields.Char(help="What the customer typed when the articles were suggested.")
    category_id = fields.Many2one("helpdesk.ticket.category", ondelete="set null", index=True)
    article_ids = fields.Many2many("cxm.knowledge.article", string="Suggested Articles")
    outcome = fields.Selection([("solved", "Solved by an article"), ("submitted", "Submitted anyway")], required=True)
    ticket_id = fields.Many2one("helpdesk.ticket", ondelete="set null", index="btree_not_null")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    @api.model
    def _cxm_record(self, outcome, article_ids, query=None, category=None, ticket=None):
        """Record one outcome for articles the caller can read (others are ignored)."""
        articles = self.env["cxm.knowledge.article"].search([("id", "in", [int(i) for i in article_ids][:20])])
        if not articles:
            return self.browse()
        # sudo: visitors do not write deflection records; the values are checked above
        return self.sudo().create(
            {
                "outcome": outcome,
                "article_ids": [fields.Command.set(articles.ids)],
                "query": (query or "")[:200] or False,
                "category_id": category.id if category else False,
                "ticket_id": ticket.id if ticket else False,
            }
        )

    @api.model
    def cxm_deflection_rate(self, date_from=None):
        """Share of suggestions that ended without a ticket: ``{"solved", "submitted", "rate"}``."""
        domain = [("create_date", ">=", date_from)] if date_from else []
        counts = dict(self._read_group(domain, ["outcome"], ["__count"]))
        solved, submitted = counts.get("solved", 0), counts.get("submitted", 0)
        total = solved + submitted
        return {"solved": solved, "submitted": submitted, "rate": round(solved / total, 4) if total else 0.0}
