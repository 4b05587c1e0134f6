# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CxmMacro(models.Model):
    """A named one-click action for a routine case: a reply (a canned response or a mail template),
    field changes and a transition, applied to a ticket as a whole or not at all."""

    _name = "cxm.macro"
    _description = "Ticket macro"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", help="Teams whose tickets offer the macro. Empty: every team."
    )
    reply_kind = fields.Selection(
        [("none", "No reply"), ("canned", "Canned response"), ("template", "Mail template")],
        string="Reply",
        default="none",
        required=True,
    )
    canned_response_id = fields.Many2one("mail.canned.response", string="Canned response", ondelete="restrict")
    mail_template_id = fields.Many2one(
        "mail.template", string="Mail template", domain=[("model", "=", "helpdesk.ticket")], ondelete="restrict"
    )
    priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        string="Set priority",
        help="Empty: the priority is left as it is.",
    )
    tag_ids = fields.Many2many("helpdesk.ticket.tag", string="Add tags")
    assign = fields.Selection(
        [("keep", "Keep"), ("me", "To the agent who applies it"), ("nobody", "Unassign")],
        string="Assignment",
        default="keep",
        required=True,
    )
    transition_id = fields.Many2one(
        "cxm.process.transition",
        domain=[("model", "=", "helpdesk.ticket"), ("trigger", "=", "manual"), ("process_id.is_template", "=", False)],
        ondelete="restrict",
        help="Fired last; when the ticket cannot take it (status, groups, condition, required fields), the macro "
        "changes nothing.",
    )
    description = fields.Text(help="What the macro is for, shown to agents.")

    @api.constrains("reply_kind", "canned_response_id", "mail_template_id")
    def _check_reply(self):
        for macro in self:
            if macro.reply_kind == "canned" and not macro.canned_response_id:
                raise ValidationError(self.env._("Macro %(name)s: choose its canned response.", name=macro.name))
            if macro.reply_kind == "template" and not macro.mail_template_id:
                raise ValidationError(self.env._("Macro %(name)s: choose its mail template.", name=macro.name))

    # ------------------------------------------------------------------ apply
    def _cxm_available_for(self, ticket):
        return (not self.team_ids or ticket.team_id in self.team_ids) and (
            not self.company_id or self.company_id == ticket.company_id
        )

    def _cxm_apply(self, ticket):
        """Apply this macro to ``ticket`` as the current user: all of it, or nothing (savepoint)."""
        self.ensure_one()
        ticket.ensure_one()
        ticket.check_access("write")
        if not self._cxm_available_for(ticket):
            raise UserError(
                self.env._(
                    "Macro %(macro)s was not applied: it is not offered to team %(team)s.",
                    macro=self.name,
                    team=ticket.team_id.display_name or "-",
                )
            )
        transition = self.transition_id
        if transition and transition not in ticket.cxm_allowed_transition_ids:
            allowed = ticket.cxm_allowed_transition_ids.mapped("name")
            raise UserError(
                self.env._(
                    "Macro %(macro)s was not applied: %(ticket)s in status %(status)s cannot take transition "
                    "%(transition)s. Transitions possible now: %(allowed)s.",
                    macro=self.name,
                    ticket=ticket.display_name,
                    status=ticket.cxm_status_id.sudo().name or ticket.stage_id.display_name,
                    transition=transition.name,
                    allowed=", ".join(allowed) or self.env._("none"),
                )
            )
        status = ticket.cxm_status_id
        try:
            with self.env.cr.savepoint():
                values = self._cxm_field_values(ticket)
                if values:
                    ticket.write(values)
                self._cxm_post_reply(ticket)
                if transition:
                    comment = self.env._("Macro: %(macro)s", macro=self.name)
                    ticket.cxm_fire_transition(transition.id, comment=comment, from_status_id=status.id)
        except UserError as error:
            self.env.invalidate_all()
            raise UserError(
                self.env._("Macro %(macro)s was not applied: %(reason)s", macro=self.name, reason=error.args[0])
            ) from error
        except Exception:
            self.env.invalidate_all()
            raise
        return True

    def _cxm_field_values(self, ticket):
        values = {}
        if self.priority:
            values["priority"] = self.priority
        if self.tag_ids - ticket.tag_ids:
            values["tag_ids"] = [fields.Command.link(tag.id) for tag in self.tag_ids - ticket.tag_ids]
        if self.assign == "me":
            values["user_id"] = self.env.user.id
        elif self.assign == "nobody":
            values["user_id"] = False
        return values

    def _cxm_post_reply(self, ticket):
        if self.reply_kind == "template":
            # the template renders in the customer's language (its lang field)
            ticket.message_post_with_source(
                self.mail_template_id, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        elif self.reply_kind == "canned":
            # a manager chose this text for the macro; agents may not see the canned response itself
            text = self.canned_response_id.sudo().substitution or ""
            body = Markup("<br/>").join(escape(line) for line in text.splitlines())
            ticket.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )
