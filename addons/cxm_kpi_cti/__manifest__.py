# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM KPI - Call Centre",
    "summary": "Glue: the caller's KPI card (cxm_kpi) in the call-centre 360° view (cxm_cti)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_kpi", "cxm_cti"],
    "data": ["views/cxm_cti_call_views.xml"],
    "assets": {"web.assets_tests": ["cxm_kpi_cti/static/tests/tours/**/*"]},
    "auto_install": True,
}
