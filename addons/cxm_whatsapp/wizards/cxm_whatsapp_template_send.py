# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.cxm_base.tools import internal


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
        text = template._cxm_render(values)
        # the chatter shows what was sent; the post itself must not go out again as a free-form reply
        mail_message = ticket.with_context(cxm_channel_no_send=internal()).message_post(
            body=plaintext2html(text), message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        # sudo: the agent may write on the ticket (checked above); the channel message is the layer's record
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .create(
                {
                    "instance_id": instance.id,
                    "channel_id": instance._cxm_channel_channel().id,
                    "direction": "out",
                    "state": "queued",
                    "kind": "template",
                    "purpose": "commercial" if template.category == "marketing" else "transactional",
                    "ticket_id": ticket.id,
                    "partner_id": ticket.partner_id.id,
                    "address": address,
                    "body": text,
                    "mail_message_id": mail_message.id,
                    "author_id": self.env.uid,
                    "payload": json.dumps(
                        {
                            "template": {
                                "id": template.id,
                                "name": template.name,
                                "language": template.language,
                                "parameters": values,
                            }
                        }
                    ),
                }
            )
        )
        message._cxm_dispatch()
        return {"type": "ir.actions.act_window_close"}
