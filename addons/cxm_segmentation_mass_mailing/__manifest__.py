# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Segments in Mass Mailing",
    "summary": "E-mail and SMS campaigns to customer segments, with campaign results by segment",
    "version": "19.0.2.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_segmentation", "mass_mailing", "mass_mailing_sms", "mass_mailing_list_dynamic"],
    # installs with the two it joins, and brings OCA's dynamic lists along
    "auto_install": ["cxm_segmentation", "mass_mailing"],
    "data": [
        "security/ir.model.access.csv",
        "views/mailing_list_views.xml",
        "views/mailing_trace_views.xml",
        "views/cxm_segment_views.xml",
    ],
    "assets": {"web.assets_tests": ["cxm_segmentation_mass_mailing/static/tests/tours/**/*"]},
    "demo": ["demo/cxm_segmentation_mass_mailing_demo.xml"],
}
