# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlparse

import requests

from odoo import models
from odoo.exceptions import UserError

#: what a post's ``extra`` copies to the ticket the post opened (ticket field: extra key)
TICKET_FIELDS = {
    "cxm_social_platform": "platform",
    "cxm_social_kind": "type",
    "cxm_social_url": "url",
    "cxm_social_handle": "handle",
    "cxm_social_author_url": "profile_url",
}


class CxmChannelAdapterSocialGeneric(models.AbstractModel):
    """Social-media tracking platform (instance kind *Social / complaint site*, provider ``generic``): posts,
    mentions, direct messages and complaints come in through the REST API (``POST /v1/social/posts``); the
    sender is ``<platform>:<handle>`` (an external key of the instance). A reply is ``POST <base
    URL>/replies`` with ``{"in_reply_to", "platform", "to", "public", "text", "reference"}`` and a bearer
    token, answered ``{"id"}``; an instance whose platform takes no replies says so on its tickets."""

    _name = "cxm.channel.adapter.social.generic"
    _inherit = "cxm.channel.adapter"
    _description = "Channel adapter: social-media tracking platform"

    _cxm_channel_code = "social"
    _cxm_address_key = "external_key"

    # ------------------------------------------------------------------ inbound
    def _cxm_partner_values(self, instance, address, name):
        return {"name": name or address.split(":", 1)[-1]}

    def _cxm_fetch_media(self, instance, attachment):
        url = attachment.get("ref") or ""
        if urlparse(url).scheme not in ("http", "https"):
            raise UserError(self.env._("media %(url)s is not an http(s) address", url=url[:100]))
        limit = max(instance.cxm_social_max_media_mb, 1) * 1024 * 1024
        try:
            with requests.get(url, timeout=instance.outbox_timeout, stream=True) as response:
                if response.status_code != 200:
                    raise UserError(self.env._("media answered HTTP %(status)s", status=response.status_code))
                raw = b""
                for chunk in response.iter_content(65536):
                    raw += chunk
                    if len(raw) > limit:
                        raise UserError(self.env._("media larger than %(mb)s MB", mb=instance.cxm_social_max_media_mb))
                mimetype = response.headers.get("Content-Type", "").split(";")[0] or attachment.get("mimetype")
        except requests.RequestException as exc:
            raise UserError(self.env._("media could not be downloaded (%(error)s)", error=type(exc).__name__)) from None
        name = attachment.get("name") or urlparse(url).path.rsplit("/", 1)[-1] or "media"
        return name, mimetype or "application/octet-stream", raw

    def _cxm_received(self, instance, messages):
        """The post's platform, URL, public flag and author on the ticket it opened (or on a ticket that
        has none yet); a complaint's public state and rating on its ticket."""
        platform_only = instance.cxm_social_reply_mode == "platform"
        for message in messages:
            ticket = message.ticket_id
            extra = message._cxm_payload().get("extra") or {}
            values = {}
            if ticket.cxm_source_ref == message.external_id or not ticket.cxm_social_post_id:
                values = {field: extra.get(key) or False for field, key in TICKET_FIELDS.items()}
                values.update(cxm_social_post_id=message.external_id, cxm_social_public=bool(extra.get("public")))
                values["cxm_social_reply_public"] = values["cxm_social_public"]
            if extra.get("state"):
                values["cxm_social_public_state"] = extra["state"]
            if extra.get("rating") is not None:
                values["cxm_social_rating"] = str(extra["rating"])
            if platform_only:
                values.update(cxm_social_reply_on_platform=True, cxm_reply_instance_id=False)
            if values:
                ticket.write(values)

    # ----------------------------------------------------------------- outbound
    def _cxm_check_send(self, message):
        instance = message.instance_id
        if instance.cxm_social_reply_mode == "platform":
            raise UserError(
                self.env._(
                    "%(instance)s takes no replies through its API: answer on the platform (%(url)s) and log "
                    "a note here.",
                    instance=instance.name,
                    url=message.ticket_id.cxm_social_url or message.ticket_id.cxm_social_platform or "-",
                )
            )

    def _cxm_reply_target(self, message):
        """The post a reply answers: the ticket's post, else the customer's last message on it."""
        ticket = message.ticket_id
        if ticket.cxm_social_post_id:
            return ticket.cxm_social_post_id
        last = ticket.cxm_channel_message_ids.filtered(
            lambda m: m.direction == "in" and m.instance_id == message.instance_id
        ).sorted("date")[-1:]
        return last.external_id or ""

    def _cxm_prepare_request(self, message):
        ticket = message.ticket_id
        platform, _sep, handle = message.address.partition(":")
        return {
            "path": "replies",
            "payload": {
                "in_reply_to": self._cxm_reply_target(message),
                "platform": ticket.cxm_social_platform or platform,
                "to": handle or message.address,
                "public": bool(ticket.cxm_social_reply_public),
                "text": message.body or "",
                "reference": f"cxm-{message.id}",
            },
        }

    def _cxm_parse_send_response(self, message, status, body):
        return str(self._cxm_json(body).get("id") or "") or None

    def _cxm_send_failure(self, message, status, body, error):
        data = self._cxm_json(body)
        return str(data.get("code") or status or ""), data.get("error") or error
