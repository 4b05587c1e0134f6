# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import connector

DEFAULT_PLATFORMS = "twitter,x,instagram,facebook,tiktok,youtube,linkedin,google,sikayetvar,forum,blog,news"


class CxmIntegrationInstance(models.Model):
    """Settings of social and complaint-site instances, and their intake (REST posts, polled or pushed
    complaints), handed to the conversation layer."""

    _inherit = "cxm.integration.instance"

    cxm_social_reply_mode = fields.Selection(
        [("api", "Pushed back through the API"), ("platform", "Answered on the platform")],
        string="Replies",
        default="api",
        help="Whether agents' replies are sent back to the platform, or answered on the platform itself "
        "(tickets then say so).",
    )
    cxm_social_platforms = fields.Char(
        string="Accepted Platforms",
        default=DEFAULT_PLATFORMS,
        help="Comma-separated platform codes this instance accepts; posts of other platforms are refused.",
    )
    cxm_social_max_media_mb = fields.Integer(string="Largest Media (MB)", default=5)
    cxm_social_config = fields.Text(
        string="Connector Configuration",
        help="JSON: endpoints, authentication and field mapping of the complaint site (Load preset fills it).",
    )
    cxm_social_poll = fields.Boolean(string="Poll Complaints", help="The scheduled action fetches new complaints.")
    cxm_social_cursor = fields.Char(
        string="Poll Cursor", copy=False, help="Where the next poll resumes (the site's cursor after the last page)."
    )
    cxm_social_last_poll = fields.Datetime(string="Last Poll", readonly=True, copy=False)
    cxm_social_last_poll_error = fields.Char(string="Last Poll Error", readonly=True, copy=False)
    cxm_social_webhook_path = fields.Char(string="Complaint Webhook URL", compute="_compute_cxm_social_webhook_path")

    @api.depends("cxm_webhook_key", "kind")
    def _compute_cxm_social_webhook_path(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for rec in self:
            key = rec.sudo().cxm_webhook_key
            rec.cxm_social_webhook_path = (
                f"{base}/cxm/api/v1/social/{key}/complaints" if rec.kind == "social" and key else False
            )

    @api.constrains("cxm_social_config")
    def _check_cxm_social_config(self):
        for rec in self.filtered("cxm_social_config"):
            try:
                try:
                    config = json.loads(rec.cxm_social_config)
                except ValueError:
                    raise connector.ConfigError("not valid JSON") from None
                connector.check_config(config)
            except ValueError as exc:
                raise ValidationError(
                    self.env._(
                        "The connector configuration of %(name)s is invalid: %(reason)s", name=rec.name, reason=exc
                    )
                ) from None

    @api.constrains("cxm_social_max_media_mb")
    def _check_cxm_social_max_media_mb(self):
        for rec in self:
            if not 0 < rec.cxm_social_max_media_mb <= 100:
                raise ValidationError(self.env._("The largest media size must be between 1 and 100 MB."))

    def action_cxm_social_load_preset(self):
        """Fill the connector configuration with the built-in Şikayetvar preset."""
        for rec in self:
            rec.cxm_social_config = json.dumps(connector.preset(), indent=2)
        return True

    def action_cxm_social_poll(self):
        for rec in self:
            self.env["cxm.social.connector"]._cxm_poll(rec)
        return True

    # ------------------------------------------------------------------ API
    def _cxm_social_connector_config(self):
        """The instance's connector configuration (the preset when empty)."""
        self.ensure_one()
        return json.loads(self.cxm_social_config) if self.cxm_social_config else connector.preset()

    def _cxm_social_auth_headers(self, headers, auth):
        """``headers`` with the site's authentication (configured header and prefix, outbound token)."""
        headers = dict(headers)
        token = self.sudo().outbound_token  # sent to the instance's own site only
        headers.pop("Authorization", None)
        if token:
            headers[auth.get("header") or "Authorization"] = (auth.get("prefix") or "") + token
        return headers

    def _cxm_social_platform_allowed(self, platform):
        self.ensure_one()
        allowed = {p.strip().lower() for p in (self.cxm_social_platforms or "").split(",") if p.strip()}
        return platform.lower() in allowed

    def _cxm_social_receive_posts(self, posts):
        """Posts of the REST API (validated dicts: ``event_id, type, platform, url, public, text,
        created_at, author {handle, name, profile_url, email, phone}, media [{url|data, name, mimetype}],
        in_reply_to``) handed to the conversation layer. Return its answers (accepted / duplicate)."""
        self.ensure_one()
        items = []
        for post in posts:
            author = post["author"]
            platform = post["platform"].lower()
            items.append(
                {
                    "external_id": post["event_id"],
                    "address": f"{platform}:{author['handle']}",
                    "name": author.get("name") or author["handle"],
                    "text": post.get("text") or "",
                    "kind": post["type"],
                    "timestamp": post.get("created_at"),
                    "attachments": [
                        {"ref": m["url"], "name": m.get("name"), "mimetype": m.get("mimetype")}
                        if m.get("url")
                        else {"data": m["data"], "name": m.get("name"), "mimetype": m.get("mimetype")}
                        for m in post.get("media") or []
                    ],
                    "hints": {k: author.get(k) for k in ("email", "phone") if author.get(k)},
                    "extra": {
                        "platform": platform,
                        "type": post["type"],
                        "url": post.get("url"),
                        "public": post.get("public", True),
                        "handle": author["handle"],
                        "profile_url": author.get("profile_url"),
                        "in_reply_to": post.get("in_reply_to"),
                    },
                }
            )
        return self._cxm_channel_receive(items)
