# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent İYS",
    "summary": "İYS connector: push consent events to Turkey's consent registry (single and batch), pull its "
    "changes with a resumable cursor, reconcile, refusal deadlines, through the integration outbox",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_consent", "cxm_integration", "cxm_partner_identity", "resource"],
    "external_dependencies": {"python": ["requests", "pytz"]},
    "data": [
        "security/cxm_consent_iys_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_consent_iys_data.xml",
        "views/cxm_integration_instance_views.xml",
        "views/cxm_consent_iys_push_views.xml",
        "views/cxm_consent_iys_reconcile_views.xml",
        "views/cxm_consent_iys_menus.xml",
    ],
    "demo": ["demo/cxm_consent_iys_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_consent_iys/static/tests/tours/**/*"]},
}
