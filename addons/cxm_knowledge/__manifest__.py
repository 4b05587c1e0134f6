# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Knowledge Base",
    "summary": "Help articles with visibility rules, Turkish-aware full-text search, votes, views, deflections",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_base", "portal"],
    "data": [
        "security/cxm_knowledge_security.xml",
        "security/ir.model.access.csv",
        "views/cxm_knowledge_article_views.xml",
        "views/cxm_knowledge_tag_views.xml",
        "views/cxm_knowledge_deflection_views.xml",
        "views/cxm_knowledge_menus.xml",
        "views/cxm_knowledge_reply_views.xml",
    ],
    "demo": ["demo/cxm_knowledge_demo.xml"],
}
