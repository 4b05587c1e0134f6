# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM KPI Satisfaction",
    "summary": "Glue: the customers' satisfaction ratings (cxm_csat) as a service KPI (cxm_kpi)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_kpi", "cxm_csat"],
    "data": ["data/cxm_kpi_data.xml"],
    "auto_install": True,
}
