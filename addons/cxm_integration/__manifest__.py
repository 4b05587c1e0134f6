# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Integration",
    "summary": "Integration instances, API keys and signatures, idempotency, rate limits, outbox, API log, REST base",
    "version": "19.0.1.1.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_base", "queue_job", "fastapi"],
    "external_dependencies": {"python": ["requests", "fastapi", "pydantic"]},
    "data": [
        "security/cxm_integration_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_integration_data.xml",
        "views/cxm_integration_instance_views.xml",
        "views/cxm_integration_log_views.xml",
        "views/cxm_integration_outbox_views.xml",
        "views/cxm_integration_api_key_generate_views.xml",
        "views/cxm_integration_menus.xml",
    ],
    "demo": ["demo/cxm_integration_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_integration/static/tests/tours/**/*"]},
}
