# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM KPI Sales",
    "summary": "Glue: Odoo's confirmed sale orders and posted customer invoices as KPI sources (cxm_kpi)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_kpi", "sale"],
    "auto_install": True,
}
