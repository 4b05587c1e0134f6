# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM KPIs",
    "summary": "Customer KPIs (basket size, frequency, recency, monetary value, RFM, service) recomputed set-based",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_customer_data"],
    "data": [
        "security/cxm_kpi_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_kpi_data.xml",
        "views/cxm_kpi_views.xml",
        "views/cxm_kpi_value_views.xml",
        "views/cxm_kpi_run_views.xml",
        "views/res_partner_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/cxm_kpi_menus.xml",
    ],
    "demo": ["demo/cxm_kpi_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_kpi/static/tests/tours/**/*"],
    },
}
