# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from fastapi import APIRouter

from odoo import models


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    def _cxm_extra_routers(self) -> list[APIRouter]:
        from ..routers.chatbot import router

        return [*super()._cxm_extra_routers(), router]
