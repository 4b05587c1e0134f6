# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Self-Service Help Centre",
    "summary": "Public help centre: per-category forms designed by key users, anonymous or signed-in submission, "
    "acknowledgement with a status link",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_helpdesk", "cxm_partner_identity", "cxm_integration", "cxm_knowledge", "portal"],
    "data": [
        "security/cxm_selfservice_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "views/cxm_selfservice_form_field_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cxm_selfservice_templates.xml",
        "views/cxm_selfservice_portal_templates.xml",
        "views/cxm_selfservice_knowledge_templates.xml",
        "views/cxm_integration_instance_views.xml",
        "views/cxm_selfservice_menus.xml",
    ],
    "demo": ["demo/cxm_selfservice_demo.xml"],
    "assets": {
        "web.assets_frontend": ["cxm_selfservice/static/src/*.js"],
        "web.assets_backend": ["cxm_selfservice/static/src/backend/**/*"],
        "web.assets_tests": ["cxm_selfservice/static/tests/tours/**/*"],
    },
}
