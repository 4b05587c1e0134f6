# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import timedelta

import requests

from odoo import fields, models
from odoo.exceptions import UserError

WINDOW_HOURS = 24
CHUNK = 64 * 1024


class CxmChannelAdapterWhatsappMeta(models.AbstractModel):
    """WhatsApp Business Cloud API (Meta): ``POST <base>/<phone-number-id>/messages`` with a bearer token,
    media through ``GET <base>/<media id>``, templates through ``GET <base>/<WABA id>/message_templates``."""

    _name = "cxm.channel.adapter.whatsapp.meta"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: WhatsApp Cloud API"

    _cxm_channel_code = "whatsapp"
    _cxm_address_key = "phone"

    # ------------------------------------------------------------------ paths
    def _wa_send_path(self, instance):
        return f"{instance.cxm_wa_phone_number_id}/messages"

    def _wa_templates_path(self, instance):
        return f"{instance.cxm_wa_business_account_id}/message_templates?limit=200"

    def _wa_templates_key(self):
        return "data"

    def _wa_headers(self, instance):
        return {"Authorization": f"Bearer {instance.sudo().outbound_token or ''}"}

    def _cxm_outbound_headers(self, instance, headers):
        headers = dict(headers)
        headers.pop("Authorization", None)
        headers.update(self._wa_headers(instance))
        return headers

    # ------------------------------------------------------------------ outbound
    def _wa_window_end(self, message):
        """End of the customer-service window: 24 h after the customer's last message from this address."""
        last = (
            self.env["cxm.channel.message"]
            .sudo()
            .search(
                [
                    ("instance_id", "=", message.instance_id.id),
                    ("direction", "=", "in"),
                    ("address", "=", message.address),
                ],
                order="date desc",
                limit=1,
            )
        )
        return last.date + timedelta(hours=WINDOW_HOURS) if last else None

    def _cxm_check_send(self, message):
        template = message._cxm_payload().get("template")
        if template:
            record = self.env["cxm.whatsapp.template"].sudo().browse(template.get("id")).exists()
            if not record or record.status != "approved":
                raise UserError(
                    self.env._("WhatsApp template %(name)s is not approved by Meta.", name=template.get("name"))
                )
            return None
        if message.attachment_ids:
            raise UserError(self.env._("WhatsApp replies with attachments are not supported yet: send the text alone."))
        end = self._wa_window_end(message)
        if not end or end < fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The 24-hour WhatsApp customer-service window with %(address)s is closed (the customer's last "
                    "message: %(last)s). Only an approved template can be sent now: use 'Send WhatsApp template'.",
                    address=message.address,
                    last=(end and fields.Datetime.to_string(end - timedelta(hours=WINDOW_HOURS))) or "-",
                )
            )
        if not (message.body or "").strip():
            raise UserError(self.env._("A WhatsApp message needs a text."))
        return None

    def _cxm_prepare_request(self, message):
        to = message.address.lstrip("+")
        template = message._cxm_payload().get("template")
        if template:
            components = []
            if template.get("parameters"):
                components.append(
                    {"type": "body", "parameters": [{"type": "text", "text": p} for p in template["parameters"]]}
                )
            payload = {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "template",
                "template": {
                    "name": template["name"],
                    "language": {"code": template["language"]},
                    "components": components,
                },
            }
        else:
            payload = {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": {"preview_url": False, "body": message.body[:4096]},
            }
        return {"path": self._wa_send_path(message.instance_id), "payload": payload}

    def _cxm_parse_send_response(self, message, status, body):
        messages = self._cxm_json(body).get("messages") or []
        return str(messages[0].get("id")) if messages and isinstance(messages[0], dict) else None

    def _cxm_send_failure(self, message, status, body, error):
        data = self._cxm_json(body).get("error")
        if isinstance(data, dict):
            details = (
                (data.get("error_data") or {}).get("details") if isinstance(data.get("error_data"), dict) else None
            )
            return str(data.get("code") or status), " - ".join(str(x) for x in (data.get("message"), details) if x)
        return str(status or ""), error

    # ------------------------------------------------------------------ media
    def _cxm_fetch_media(self, instance, attachment):
        """Media look-up then download, both with the instance's credentials, size-limited, in the API log."""
        limit = instance.cxm_wa_max_media_mb * 1024 * 1024
        base = (instance.base_url or "").rstrip("/")
        headers = self._wa_headers(instance)
        timeout = instance.outbox_timeout
        info = self._wa_call(instance, "GET", f"{base}/{attachment['ref']}", headers, timeout).json()
        size = int(info.get("file_size") or 0)
        if size > limit:
            raise UserError(
                self.env._(
                    "%(name)s is too large (%(size)s bytes, limit %(limit)s).",
                    name=attachment.get("name"),
                    size=size,
                    limit=limit,
                )
            )
        url = info.get("url")
        if not url:
            raise UserError(
                self.env._("The provider gave no download address for %(name)s.", name=attachment.get("name"))
            )
        started = time.monotonic()
        raw, error, status = b"", None, 0
        try:
            with requests.get(url, headers=headers, timeout=timeout, stream=True) as response:
                status = response.status_code
                if status >= 400:
                    error = f"HTTP {status}"
                else:
                    for chunk in response.iter_content(CHUNK):
                        raw += chunk
                        if len(raw) > limit:
                            error = "too large"
                            break
        except requests.RequestException as exc:
            error = f"connection error: {exc.__class__.__name__}"
        self.env["cxm.integration.log"]._record(
            instance,
            "out",
            url,
            status,
            (time.monotonic() - started) * 1000,
            error=error,
            method="GET",
            response=f"{len(raw)} bytes",
        )
        if error == "too large":
            raise UserError(
                self.env._(
                    "%(name)s is larger than the limit of %(limit)s bytes.", name=attachment.get("name"), limit=limit
                )
            )
        if error:
            raise UserError(
                self.env._("%(name)s could not be downloaded: %(error)s.", name=attachment.get("name"), error=error)
            )
        mimetype = info.get("mime_type") or attachment.get("mimetype")
        return attachment.get("name"), mimetype, raw

    def _wa_call(self, instance, method, url, headers, timeout):
        """One synchronous call to the provider, in the API log; a clear ``UserError`` when it fails."""
        started = time.monotonic()
        response, error = None, None
        try:
            response = requests.request(method, url, headers=headers, timeout=timeout)
            if response.status_code >= 400:
                error = f"HTTP {response.status_code}"
        except requests.Timeout:
            error = f"timeout after {timeout} s"
        except requests.RequestException as exc:
            error = f"connection error: {exc.__class__.__name__}"
        self.env["cxm.integration.log"]._record(
            instance,
            "out",
            url,
            response.status_code if response is not None else 0,
            (time.monotonic() - started) * 1000,
            response=response.text[:2000] if response is not None else None,
            error=error,
            method=method,
        )
        if error:
            code, reason = self._cxm_send_failure(
                None,
                response.status_code if response is not None else 0,
                response.text if response is not None else "",
                error,
            )
            raise UserError(self.env._("WhatsApp provider error %(code)s: %(reason)s", code=code, reason=reason))
        return response

    # ------------------------------------------------------------------ templates
    def _wa_fetch_templates(self, instance):
        base = (instance.base_url or "").rstrip("/")
        url = f"{base}/{self._wa_templates_path(instance)}"
        data = self._wa_call(instance, "GET", url, self._wa_headers(instance), instance.outbox_timeout).json()
        templates = data.get(self._wa_templates_key()) if isinstance(data, dict) else None
        if not isinstance(templates, list):
            raise UserError(self.env._("The provider's template list could not be read."))
        return templates
