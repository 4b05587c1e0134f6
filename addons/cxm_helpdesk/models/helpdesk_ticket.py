# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # the ticket's channel is helpdesk_mgmt's channel_id (records with a cxm_code, see helpdesk_ticket_channel.py)
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
            rule = vals.get("category_id") and Rule._cxm_match(
                vals["category_id"], vals.get("company_id"), vals.get("partner_id")
            )
            if not rule:
                continue
            # The creator's explicit team wins over the rule (the form proposes the rule's team as soon
            # as the category is chosen, see _onchange_cxm_routing); the rule's process comes with the
            # category unless a process was given.
            if rule.team_id and not vals.get("team_id"):
                vals["team_id"] = rule.team_id.id
            if rule.process_id and not vals.get("cxm_process_id"):
                vals["cxm_process_id"] = rule.process_id.id
            followed = (not rule.team_id or vals["team_id"] == rule.team_id.id) and (
                not rule.process_id or vals["cxm_process_id"] == rule.process_id.id
            )
            vals["cxm_routing_rule_id"] = rule.id if followed else False
        tickets = super().create(vals_list)
        tickets._cxm_apply_default_process()
        return tickets

    @api.onchange("category_id", "partner_id")
    def _onchange_cxm_routing(self):
        """Show the routing of the chosen category on a new ticket before it is saved."""
        for ticket in self.filtered(lambda t: not t._origin):
            Rule = self.env["cxm.helpdesk.routing.rule"]
            rule = (
                Rule._cxm_match(ticket.category_id.id, ticket.company_id.id, ticket.partner_id.id)
                if ticket.category_id
                else Rule
            )
            ticket.cxm_routing_rule_id = rule or False
            if rule.team_id:
                ticket.team_id = rule.team_id
            if rule.process_id:
                ticket.cxm_process_id = rule.process_id

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
            rule = Rule._cxm_match(ticket.category_id.id, ticket.company_id.id, ticket.partner_id.id)
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

    def _cxm_apply_default_process(self):
        """Tickets that no rule and no creator gave a process follow their team's default process (else
        the company's), from its initial status, whatever stage they were created in."""
        by_process = defaultdict(self.browse)
        for ticket in self.filtered(lambda t: not t.cxm_process_id):
            team = ticket.team_id.sudo()
            company = ticket.company_id.sudo() or self.env.company
            process = team._cxm_default_process() if team else company.cxm_default_ticket_process_id
            if process.state == "active":
                by_process[process] |= ticket
        for process, tickets in by_process.items():
            tickets._cxm_write_unguarded({"cxm_process_id": process.id})
            tickets._cxm_enter_initial_status()

    @api.model
    def _cxm_reference_sequence(self):
        """helpdesk_mgmt's own numbering: the suite configures it, it never replaces it."""
        return self.env.ref("helpdesk_mgmt.helpdesk_ticket_sequence", raise_if_not_found=False)

    @api.model
    def _cxm_set_reference_format(self, prefix="CX-%(year)s-", padding=6):
        """Number new tickets ``CX-2026-000123`` (by default) with helpdesk_mgmt's sequence; the counter
        goes on and existing tickets keep their numbers. CXM managers and administrators only."""
        user = self.env.user
        if not (user.has_group("cxm_base.group_cxm_manager") or user.has_group("base.group_system")):
            raise AccessError(self.env._("Only CXM managers may change the ticket reference format."))
        sequence = self._cxm_reference_sequence()
        if not sequence:
            raise UserError(self.env._("helpdesk_mgmt's ticket sequence is missing: reinstall helpdesk_mgmt."))
        # ir.sequence is writable by system administrators only; this one write, checked above, is ours
        sequence.sudo().write({"prefix": prefix, "padding": padding, "use_date_range": False})
        return sequence.sudo().get_next_char(sequence.sudo().number_next_actual)
