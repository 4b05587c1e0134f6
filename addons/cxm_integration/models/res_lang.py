# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _get_lang_from_accept_language(self, accept_language):
        """A malformed ``Accept-Language`` header (e.g. ``en;q=x``) made the
        fastapi addon answer HTTP 500 (found by fuzzing the CXM REST API):
        fall back to the default language instead."""
        try:
            return super()._get_lang_from_accept_language(accept_language)
        except ValueError:
            return None
