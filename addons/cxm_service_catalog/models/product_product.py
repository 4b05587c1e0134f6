# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _cxm_integration_services(self):
        """The catalogue's integration service per instance kind (the first by
        catalogue code: the supported-provider variant when there are two)."""
        products = self.search(
            [
                ("cxm_service_kind", "=", "integration"),
                ("cxm_pricing_unit", "in", ("instance", "fixed")),
                ("cxm_integration_kind", "!=", False),
                ("sale_ok", "=", True),
            ],
            order="sequence, id",
        )
        services = {}
        for product in products:
            services.setdefault(product.cxm_integration_kind, product)
        return services
