# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Segmentation",
    "summary": "Rule-based and RFM customer segments, recomputed set-based after the KPIs, with history",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_kpi"],
    "data": [
        "security/cxm_segmentation_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_segmentation_views.xml",
        "views/cxm_segment_views.xml",
        "views/cxm_segment_member_views.xml",
        "views/cxm_segment_history_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_segmentation_menus.xml",
    ],
    "demo": ["demo/cxm_segmentation_demo.xml"],
    "assets": {
        "web.assets_tests": ["cxm_segmentation/static/tests/tours/**/*"],
    },
}
