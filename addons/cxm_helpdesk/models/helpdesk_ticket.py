# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("web_form", "Web form"),
    ("sms", "SMS"),
    ("whatsapp", "WhatsApp"),
    ("social", "Social media"),
    ("ecommerce", "E-commerce"),
    ("chat", "Chat"),
    ("api", "API"),
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_channel = fields.Selection(CHANNELS, string="Source channel", index=True, tracking=True)
    cxm_source_ref = fields.Char(
        string="Source reference", index="btree_not_null", copy=False, help="Id of the message or call at the source."
    )
    cxm_routing_rule_id = fields.Many2one(
        "cxm.helpdesk.routing.rule", string="Routed by", readonly=True, copy=False, ondelete="set null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        Rule = self.env["cxm.helpdesk.routing.rule"]
        for vals in vals_list:
            if not vals.get("category_id"):
                continue
            rule = Rule._cxm_match(vals["category_id"], vals.get("company_id"))
            if not rule:
                continue
            vals["cxm_routing_rule_id"] = rule.id
            if rule.team_id and not vals.get("team_id"):
                vals["team_id"] = rule.team_id.id
            if rule.process_id and not vals.get("cxm_process_id"):
                vals["cxm_process_id"] = rule.process_id.id
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "category_id" in vals:
            self._cxm_reroute()
        return res

    def _cxm_reroute(self):
        """Apply the routing rule of the (new) category: team and process; history is kept."""
        Rule = self.env["cxm.helpdesk.routing.rule"]
        # The user was allowed to change the category (write access checked by super().write); the
        # routing that follows is the system's doing: it may hand the ticket to a team the user is
        # not in, hence sudo() (same uid, so the history still names the user).
        for ticket in self.sudo().filtered("category_id"):
            rule = Rule._cxm_match(ticket.category_id.id, ticket.company_id.id)
            if not rule:
                continue
            vals = {"cxm_routing_rule_id": rule.id}
            if rule.team_id and rule.team_id != ticket.team_id:
                vals["team_id"] = rule.team_id.id
            ticket.write(vals)  # neither category nor stage: no re-routing, no guard
            if rule.process_id and rule.process_id != ticket.cxm_process_id:
                ticket._cxm_set_process(
                    rule.process_id,
                    reason=self.env._(
                        "Re-routed by rule %(rule)s (category %(category)s) to process %(process)s.",
                        rule=rule.name,
                        category=ticket.category_id.display_name,
                        process=rule.process_id.name,
                    ),
                )

    def _prepare_ticket_number(self, values):
        seq = self.env["ir.sequence"]
        if values.get("company_id"):
            seq = seq.with_company(values["company_id"])
        return seq.next_by_code("cxm.helpdesk.ticket") or super()._prepare_ticket_number(values)
