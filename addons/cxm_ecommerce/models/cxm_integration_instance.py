# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CxmIntegrationInstance(models.Model):
    """Settings of e-commerce instances, and what their REST API does (open a ticket for an order, read a
    ticket's public status) on behalf of the integrator."""

    _inherit = "cxm.integration.instance"

    cxm_ecom_webhook = fields.Boolean(
        string="Push Answers and Status Changes",
        help="Agents' answers and the tickets' status changes are posted to the platform's webhook; "
        "without it the platform polls them.",
    )
    cxm_ecom_webhook_path = fields.Char(
        string="Webhook Path", default="webhooks/cxm", help="Path under the base URL (or a full URL)."
    )

    def _cxm_ecom_open_ticket(self, request):
        """A ticket for an order question or complaint (validated dict of the REST API: ``request_id, kind,
        subject, text, order {ref, date, lines, amount, currency}, customer {id, name, email, phone}``),
        through the conversation layer. Return its answer (accepted / duplicate)."""
        self.ensure_one()
        customer, order = request["customer"], request["order"]
        text = request.get("text") or ""
        subject = request.get("subject") or ""
        return self._cxm_channel_receive(
            [
                {
                    "external_id": request["request_id"],
                    "address": f"customer:{customer['id']}",
                    "name": customer.get("name") or customer["id"],
                    "text": f"{subject}\n\n{text}".strip() if subject else text,
                    "kind": request["kind"],
                    "timestamp": request.get("created_at"),
                    "hints": {k: customer.get(k) for k in ("email", "phone") if customer.get(k)},
                    "extra": {"order": order},
                }
            ]
        )[0]

    def _cxm_ecom_request(self, request_id):
        """This instance's inbound message of the request ``request_id`` (empty when unknown)."""
        self.ensure_one()
        # sudo: restricted to this instance's own messages by the domain
        return (
            self.env["cxm.channel.message"]
            .sudo()
            .search(
                [("instance_id", "=", self.id), ("direction", "=", "in"), ("external_id", "=", request_id)], limit=1
            )
        )

    def _cxm_ecom_visible_ticket(self, number):
        """The ticket ``number`` if this instance may see it: a ticket it opened or wrote on. Anything else
        is an empty recordset, alike for unknown and foreign tickets (no leak on id sweeps)."""
        self.ensure_one()
        # sudo: restricted to this instance's own messages by the domain
        return (
            self.env["cxm.channel.message"]
            .sudo()
            .search(
                [("instance_id", "=", self.id), ("direction", "=", "in"), ("ticket_id.number", "=", number)],
                limit=1,
            )
            .ticket_id
        )

    def _cxm_ecom_status(self, ticket, request=None):
        """Public status of ``ticket`` for the integrator: stage, closed, latest public answer, orders."""
        self.ensure_one()
        answer = ticket._cxm_latest_public_answer() if ticket else None
        return {
            "request_id": request.external_id if request else None,
            "ticket": ticket.number if ticket else None,
            "state": ("closed" if ticket.stage_id.closed else "open") if ticket else "pending",
            "stage": ticket.stage_id.name if ticket else None,
            "updated": ticket.write_date if ticket else None,
            "latest_answer": answer,
            "order_refs": ticket.cxm_order_ids.filtered(lambda o: o.instance_id == self).mapped("name")
            if ticket
            else [],
        }
