# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import models


class CxmChannelAdapterEcommerceGeneric(models.AbstractModel):
    """E-commerce platform or integrator (instance kind *E-commerce*, provider ``generic``): order questions
    and complaints come in through the REST API (``POST /v1/ecommerce/tickets``); the customer is
    ``customer:<id at the platform>`` (an external key of the instance, with e-mail / phone hints). An
    agent's answer is posted to the platform's webhook when the instance has one (``{"event":
    "ticket.answer", ...}``, answered 2xx), otherwise it waits there for the platform's poll."""

    _name = "cxm.channel.adapter.ecommerce.generic"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: e-commerce platform"

    _cxm_channel_code = "ecommerce"
    _cxm_address_key = "external_key"

    def _cxm_partner_values(self, instance, address, name):
        return {"name": name or address.split(":", 1)[-1]}

    def _cxm_received(self, instance, messages):
        """The order of each request on its ticket (once per ticket and reference)."""
        Order = self.env["cxm.ecommerce.order"]
        existing = {(o.ticket_id.id, o.name) for o in Order.search([("ticket_id", "in", messages.ticket_id.ids)])}
        values = []
        for message in messages:
            order = (message._cxm_payload().get("extra") or {}).get("order") or {}
            key = (message.ticket_id.id, order.get("ref"))
            if not order.get("ref") or key in existing:
                continue
            existing.add(key)
            currency = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", (order.get("currency") or "").upper())], limit=1)
            )
            values.append(
                {
                    "name": order["ref"],
                    "ticket_id": message.ticket_id.id,
                    "instance_id": instance.id,
                    "order_date": order.get("date") or False,
                    "amount": order.get("amount") or 0.0,
                    "currency_id": currency.id or instance.company_id.currency_id.id,
                    "lines": json.dumps(order.get("lines") or [], ensure_ascii=False),
                }
            )
        if values:
            Order.create(values)

    def _cxm_send(self, message):
        if message.instance_id.cxm_ecom_webhook:
            return super()._cxm_send(message)
        # no webhook: the answer is published for the platform's poll (GET /v1/ecommerce/tickets/<number>)
        message._cxm_set_status("sent")
        return None

    def _cxm_prepare_request(self, message):
        ticket = message.ticket_id
        return {
            "path": message.instance_id.cxm_ecom_webhook_path or "webhooks/cxm",
            "payload": ticket._cxm_ecom_event("ticket.answer", message.instance_id, answer=message.body or ""),
        }

    def _cxm_parse_send_response(self, message, status, body):
        return str(self._cxm_json(body).get("id") or "") or None
