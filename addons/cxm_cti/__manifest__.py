# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Call Centre (CTI)",
    "summary": "Screen-pop URL and PBX push for call centres: call log, customer 360° view, ticket per call",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_integration", "cxm_partner_identity", "bus"],
    "data": [
        "security/cxm_cti_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_cti_call_views.xml",
        "views/cxm_integration_instance_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cxm_cti_quick_partner_views.xml",
        "views/cxm_cti_menus.xml",
    ],
    "demo": ["demo/cxm_cti_demo.xml"],
    "assets": {
        "web.assets_backend": ["cxm_cti/static/src/**/*"],
        "web.assets_tests": ["cxm_cti/static/tests/tours/**/*"],
    },
}
