# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import models

#: HTTP statuses of a refused send that are worth another attempt
RETRYABLE_STATUSES = (408, 409, 425, 429)


class CxmChannelAdapter(models.AbstractModel):
    """Base of every provider adapter. A channel module adds one abstract model per provider, named
    ``cxm.channel.adapter.<instance kind>.<instance provider>`` (e.g. ``cxm.channel.adapter.whatsapp.meta``),
    inheriting this one; the conversation layer finds it from the integration instance. An adapter only
    speaks its provider's protocol: matching, threading, routing, delivery tracking, idempotency, outbox
    and API log belong to the layer. See readme/DEVELOP.md."""

    _name = "cxm.channel.adapter"
    _description = "Channel provider adapter"

    #: ``cxm_code`` of the ticket channel (helpdesk.ticket.channel) of this adapter's messages
    _cxm_channel_code = None
    #: identity look-up key of a sender address (cxm.partner.identity.cxm_lookup): phone, email, external_key
    _cxm_address_key = "phone"

    # ------------------------------------------------------------------ inbound
    def _cxm_partner_values(self, instance, address, name):
        """Values of the partner created for an unknown sender."""
        values = {"name": name or address}
        if self._cxm_address_key in ("phone", "email"):
            values[self._cxm_address_key] = address
        return values

    def _cxm_fetch_media(self, instance, attachment):
        """Download an inbound attachment given by reference (``{"ref": ..., "name", "mimetype"}``), in the
        intake job. Return ``(name, mimetype, raw bytes)``; raise ``UserError`` with the reason to refuse it
        (too large, gone...): the message is kept, with the reason."""
        raise NotImplementedError(f"{self._name} cannot download attachments")

    def _cxm_received(self, instance, messages):
        """Called in the intake job once ``messages`` (inbound cxm.channel.message) are on their tickets: an
        adapter copies what its provider tells beyond the text (a complaint's public URL, an order...) to the
        ticket here, from ``message._cxm_payload()["extra"]``."""
        return None

    # ----------------------------------------------------------------- outbound
    def _cxm_check_send(self, message):
        """Refuse a send that cannot work with a clear ``UserError`` (e.g. outside a messaging window).
        Called when the agent posts, before anything is queued: the post is refused with it."""
        return None

    def _cxm_send(self, message):
        """Send ``message`` (a queued outbound cxm.channel.message). Default: one call through the
        integration outbox built by :meth:`_cxm_prepare_request`; the answer comes back in
        :meth:`_cxm_parse_send_response` / :meth:`_cxm_send_failure`. An adapter that sends another way
        (Odoo's SMS framework...) overrides this and reports with ``message._cxm_set_status(...)``."""
        request = self._cxm_prepare_request(message)
        outbox = (
            self.env["cxm.integration.outbox"]
            .sudo()
            ._enqueue(
                message.instance_id,
                f"cxm-channel-{message.id}-{message.attempt_count}",
                request["path"],
                request.get("payload"),
                method=request.get("method", "POST"),
            )
        )
        message.sudo().outbox_id = outbox
        return outbox

    def _cxm_prepare_request(self, message):
        """``{"path": ..., "payload": {...}, "method": "POST"}`` of the provider call sending ``message``."""
        raise NotImplementedError(f"{self._name} does not build send requests")

    def _cxm_outbound_headers(self, instance, headers):
        """Headers of the provider call (default: the outbox's, a bearer token). Return the dict to use."""
        return headers

    def _cxm_parse_send_response(self, message, status, body):
        """The provider's id of the sent message, read from its answer (``body`` is text)."""
        return None

    def _cxm_send_failure(self, message, status, body, error):
        """``(code, reason)`` of a refused or failed send, from the provider's answer."""
        return str(status or ""), error

    def _cxm_is_permanent_failure(self, message, status, body):
        """``True`` when another attempt cannot succeed (the provider refused the message itself)."""
        return 400 <= (status or 0) < 500 and status not in RETRYABLE_STATUSES

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _cxm_json(body):
        try:
            data = json.loads(body or "")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
