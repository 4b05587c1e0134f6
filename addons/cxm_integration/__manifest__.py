# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Integration",
    "summary": "Registry of integration instances, inbound webhooks, outbox, API log",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_base"],
    "data": [
        "security/cxm_integration_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_integration_instance_views.xml",
        "views/cxm_integration_menus.xml",
    ],
}
