# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Implementation",
    "summary": "The 8-step implementation method as an Odoo project: key users and certification gate, requirement "
    "questionnaire, documents drawn from the live configuration with binding approval, test scenarios, go-live "
    "and hypercare",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["project", "portal", "survey", "cxm_service_catalog", "cxm_helpdesk", "report_xlsx"],
    "data": [
        "security/cxm_implementation_security.xml",
        "security/ir.model.access.csv",
        "data/cxm_implementation_step_data.xml",
        "data/cxm_implementation_survey_data.xml",
        "report/cxm_implementation_document_report.xml",
        "report/cxm_implementation_document_xlsx.xml",
        "views/cxm_implementation_document_views.xml",
        "views/cxm_implementation_test_scenario_views.xml",
        "views/cxm_implementation_step_views.xml",
        "views/project_project_views.xml",
        "views/cxm_implementation_menus.xml",
        "views/cxm_implementation_portal_templates.xml",
    ],
    "demo": ["demo/cxm_implementation_demo.xml"],
    "assets": {"web.assets_tests": ["cxm_implementation/static/tests/tours/**/*"]},
}
