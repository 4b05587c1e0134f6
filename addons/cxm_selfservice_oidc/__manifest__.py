# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Help Centre Sign-in with OpenID Connect",
    "summary": "Customers sign in to the help centre through the company's identity provider (OCA auth_oidc)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_selfservice", "auth_oidc"],
    "data": ["views/cxm_selfservice_oidc_templates.xml"],
}
