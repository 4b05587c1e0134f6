# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Process for CRM",
    "summary": "Glue: CXM processes (enforced transitions, history, SLA) on CRM leads, with a sales template",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_process", "crm"],
    "data": [
        "data/cxm_process_crm_template_data.xml",
        "views/cxm_process_views.xml",
        "views/crm_lead_views.xml",
    ],
    "auto_install": True,
}
