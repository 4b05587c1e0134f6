# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent-Aware Call Lists",
    "summary": "Outbound call lists from a segment, only numbers with call consent, worked from the CTI",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_consent", "cxm_cti", "cxm_segmentation"],
    "auto_install": True,
    "data": [
        "security/cxm_consent_call_list_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_call_list_line_views.xml",
        "views/cxm_call_list_views.xml",
        "views/cxm_consent_call_list_menus.xml",
    ],
    "assets": {"web.assets_tests": ["cxm_consent_call_list/static/tests/tours/**/*"]},
    "demo": ["demo/cxm_consent_call_list_demo.xml"],
}
