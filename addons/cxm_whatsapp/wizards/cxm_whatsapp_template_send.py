# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmWhatsappTemplateSend(models.TransientModel):
    """Send an approved template to the ticket's customer (outside the 24-hour window, or to start over)."""

    _name = "cxm.whatsapp.template.send"
    _description = "Send a WhatsApp template"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    instance_id = fields.Many2one(related="ticket_id.cxm_reply_instance_id")
    template_id = fields.Many2one(
        "cxm.whatsapp.template",
        required=True,
        domain="[('instance_id', '=', instance_id), ('status', '=', 'approved')]",
    )
    parameters = fields.Text(help="One value per line, for {{1}}, {{2}}...")
    preview = fields.Text(compute="_compute_preview")

    @api.depends("template_id", "parameters")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = wizard.template_id._cxm_render(wizard._values()) if wizard.template_id else False

    def _values(self):
        return [line.strip() for line in (self.parameters or "").splitlines() if line.strip()]

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        template = self.template_id
        values = self._values()
        if len(values) != template.param_count:
            raise UserError(
                self.env._(
                    "Template %(name)s needs %(count)s parameters, %(given)s given.",
                    name=template.name,
                    count=template.param_count,
                    given=len(values),
                )
            )
        instance = ticket.cxm_reply_instance_id
        if instance.kind != "whatsapp":
            raise UserError(self.env._("This ticket does not reply on WhatsApp."))
        address = ticket._cxm_reply_address()
        if not address:
            raise UserError(self.env._("The customer has no WhatsApp number on this instance."))
        # the chatter shows what was sent as the agent's message; the layer sends it once, as a template
        ticket._cxm_channel_send_text(
            template._cxm_render(values),
            purpose="commercial" if template.category == "marketing" else "transactional",
            kind="template",
            payload={
                "template": {
                    "id": template.id,
                    "name": template.name,
                    "language": template.language,
                    "parameters": values,
                }
            },
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}
