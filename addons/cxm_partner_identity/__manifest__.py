# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Partner Identity",
    "summary": "Normalised identity keys of customers (phones, e-mails, national ids, external keys) and fast look-up",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_base", "cxm_integration"],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum"]},
    "data": [
        "security/cxm_partner_identity_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_partner_identity_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_partner_identity_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
}
