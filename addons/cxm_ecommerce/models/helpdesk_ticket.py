# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Order references of a ticket, its public status for the e-commerce platform, and status changes
    pushed to the platforms whose orders it is about."""

    _inherit = "helpdesk.ticket"

    cxm_order_ids = fields.One2many("cxm.ecommerce.order", "ticket_id", string="Orders")
    cxm_order_refs = fields.Char(
        string="Order References", compute="_compute_cxm_order_refs", search="_search_cxm_order_refs"
    )

    @api.depends("cxm_order_ids.name")
    def _compute_cxm_order_refs(self):
        for ticket in self:
            ticket.cxm_order_refs = ", ".join(ticket.cxm_order_ids.mapped("name")) or False

    def _search_cxm_order_refs(self, operator, value):
        return [("cxm_order_ids.name", operator, value)]

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self._cxm_ecom_push_status()
        return result

    def _cxm_ecom_push_status(self):
        """Queue a status event to each platform with a webhook whose orders these tickets are about."""
        Outbox = self.env["cxm.integration.outbox"].sudo()  # the platform's own webhook, for its own orders
        for ticket in self:
            for instance in ticket.sudo().cxm_order_ids.instance_id.filtered("cxm_ecom_webhook"):
                Outbox._enqueue(
                    instance,
                    f"cxm-ecom-status-{ticket.id}-{uuid.uuid4().hex[:12]}",
                    instance.cxm_ecom_webhook_path or "webhooks/cxm",
                    ticket._cxm_ecom_event("ticket.status", instance),
                )

    def _cxm_ecom_event(self, event, instance, answer=None):
        """JSON body of a webhook event about this ticket, for ``instance``."""
        self.ensure_one()
        ticket = self.sudo()
        requests = ticket.cxm_channel_message_ids.filtered(
            lambda m: m.direction == "in" and m.instance_id == instance
        ).sorted("id")
        payload = {
            "event": event,
            "ticket": ticket.number,
            "request_ids": requests.mapped("external_id"),
            "order_refs": ticket.cxm_order_ids.filtered(lambda o: o.instance_id == instance).mapped("name"),
            "state": "closed" if ticket.stage_id.closed else "open",
            "stage": ticket.stage_id.name,
            "date": fields.Datetime.to_string(fields.Datetime.now()),
        }
        if answer is not None:
            payload["answer"] = answer
        return payload
