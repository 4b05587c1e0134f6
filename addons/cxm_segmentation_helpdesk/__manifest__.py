# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Segmentation - Helpdesk routing",
    "summary": "Route tickets by the customer's segment (e.g. VIP customers to a priority team)",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_segmentation", "cxm_helpdesk"],
    "auto_install": True,
    "data": ["views/cxm_helpdesk_routing_rule_views.xml"],
}
