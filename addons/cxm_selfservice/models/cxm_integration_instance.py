# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$")


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
