# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Service Catalogue",
    "summary": "Trainings, workshops and integration services priced per participant, session, instance or "
    "specialist day, sold and invoiced with Odoo's sales, events and certifications",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_integration", "sale_management", "event_sale", "survey"],
    "data": [
        "security/cxm_service_catalog_security.xml",
        "security/ir.model.access.csv",
        "data/uom_data.xml",
        "data/product_catalog_data.xml",
        "views/product_template_views.xml",
        "views/event_event_views.xml",
        "views/cxm_certificate_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_integration_plan_views.xml",
        "views/sale_order_line_views.xml",
        "views/cxm_catalog_templates.xml",
        "views/cxm_service_catalog_menus.xml",
    ],
    "demo": ["demo/cxm_service_catalog_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_service_catalog/static/tests/tours/**/*"]},
}
