# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM E-commerce",
    "summary": "REST API for e-commerce platforms: tickets about orders, public status, answers by webhook",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel"],
    "data": [
        "security/ir.model.access.csv",
        "security/cxm_ecommerce_security.xml",
        "views/cxm_ecommerce_order_views.xml",
        "views/cxm_integration_instance_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "assets": {"web.assets_tests": ["cxm_ecommerce/static/tests/tours/**/*"]},
    "demo": ["demo/cxm_ecommerce_demo.xml"],
}
