# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Customer Data",
    "summary": "Customer data hub: bulk and continuous customer upsert, transactions, attributes",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_partner_identity"],
    "external_dependencies": {"python": ["python-calamine", "xlsxwriter", "requests"]},
    "data": [
        "security/cxm_customer_data_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_customer_data_data.xml",
        "views/cxm_customer_import_views.xml",
        "views/cxm_customer_transaction_views.xml",
        "views/res_partner_views.xml",
        "views/cxm_duplicate_group_views.xml",
        "views/cxm_lookup_connector_views.xml",
        "wizards/cxm_customer_import_wizard_views.xml",
        "views/cxm_customer_data_menus.xml",
        "security/cxm_ticket_reference_security.xml",
        "views/helpdesk_ticket_lookup_views.xml",
        "views/cxm_integration_instance_import_views.xml",
        "security/cxm_field_service_security.xml",
        "views/cxm_field_service_views.xml",
        "security/cxm_reverse_transfer_security.xml",
        "data/cxm_reverse_transfer_data.xml",
        "views/cxm_reverse_transfer_views.xml",
    ],
    "demo": ["demo/cxm_customer_data_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "cxm_customer_data/static/tests/tours/**/*",
        ],
    },
}
