# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


class CxmIntegrationInstance(models.Model):
    _inherit = "cxm.integration.instance"

    cxm_help_category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        string="Help Centre Categories",
        help="Categories this website's help centre offers (empty: every category shown in the portal).",
    )
    cxm_help_origins = fields.Text(
        string="Allowed Origins",
        help="Sites allowed to embed the help centre, one origin per line (e.g. https://shop.example.com). "
        "They make the Content-Security-Policy frame-ancestors of the embedded pages.",
    )
    cxm_help_color = fields.Char(
        string="Theme Colour", help="Colour of the buttons and links of the embedded help centre (#RRGGBB)."
    )
    cxm_help_logo = fields.Image(
        string="Logo", max_width=512, max_height=128, help="Shown on top of the embedded pages."
    )
    cxm_help_lang = fields.Selection(
        "_cxm_lang_selection",
        string="Language",
        help="Language of the embedded help centre (empty: the visitor's language).",
    )
    cxm_sso_public_key = fields.Text(
        string="Sign-on Public Key",
        help="PEM public key (RSA, 2048 bits or more) of the site's sign-on tokens signed with RS256; the site "
        "keeps the private key. Without it, tokens are HS256 with the instance's secret.",
    )
    cxm_help_snippet = fields.Char(string="Embed Snippet", compute="_compute_cxm_help_snippet")

    @api.depends("code", "kind")
    def _compute_cxm_help_snippet(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for instance in self:
            instance.cxm_help_snippet = (
                f'<script src="{base}/help/embed.js?instance={instance.code}" async></script>'
                if instance.kind == "website" and instance.code
                else False
            )

    @api.model
    def _cxm_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.constrains("cxm_help_color")
    def _check_cxm_help_color(self):
        for instance in self:
            if instance.cxm_help_color and not COLOR_RE.match(instance.cxm_help_color):
                raise ValidationError(self.env._("Write the theme colour as #RRGGBB, e.g. #7a1f2b."))

    @api.constrains("cxm_sso_public_key")
    def _check_cxm_sso_public_key(self):
        from .cxm_selfservice_sso import load_rsa_public_key

        for instance in self:
            if instance.cxm_sso_public_key:
                try:
                    load_rsa_public_key(instance.cxm_sso_public_key)
                except (ValueError, TypeError) as exc:
                    raise ValidationError(
                        self.env._("The sign-on public key must be an RSA public key in PEM, 2048 bits or more.")
                    ) from exc

    @api.constrains("cxm_help_origins")
    def _check_cxm_help_origins(self):
        for instance in self:
            for origin in instance._cxm_help_origin_list():
                if not ORIGIN_RE.match(origin):
                    raise ValidationError(
                        self.env._(
                            "%(origin)s is not an origin: write scheme and host only, e.g. https://shop.example.com.",
                            origin=origin,
                        )
                    )

    def _cxm_help_origin_list(self):
        self.ensure_one()
        return [line.strip().rstrip("/") for line in (self.cxm_help_origins or "").splitlines() if line.strip()]

    def _cxm_help_frame_ancestors(self):
        """The CSP directive of the pages this instance embeds: its origins, and the help centre itself."""
        sources = ["'self'"]
        for instance in self:
            sources += [o for o in instance._cxm_help_origin_list() if urlsplit(o).scheme in ("http", "https")]
        return "frame-ancestors " + " ".join(dict.fromkeys(sources))

    def _cxm_help_cors_origin(self, origin):
        """``origin`` when it is one of the instance's allowed origins (for CORS answers), else None."""
        self.ensure_one()
        origin = (origin or "").rstrip("/")
        return origin if origin and origin in self._cxm_help_origin_list() else None

    def _cxm_help_theme_css(self):
        """CSS of the instance's theme colour (validated as #RRGGBB, so nothing else gets in)."""
        self.ensure_one()
        color = self.cxm_help_color if COLOR_RE.match(self.cxm_help_color or "") else None
        if not color:
            return ""
        return (
            f".o_cxm_help {{ --bs-primary: {color}; --bs-link-color: {color}; }} .o_cxm_help a {{ color: {color}; }} "
            f".o_cxm_help .btn-primary {{ --bs-btn-bg: {color}; --bs-btn-border-color: {color}; "
            f"--bs-btn-hover-bg: {color}; --bs-btn-hover-border-color: {color}; --bs-btn-active-bg: {color}; "
            f"background-color: {color}; border-color: {color}; color: #fff; }}"
        )
