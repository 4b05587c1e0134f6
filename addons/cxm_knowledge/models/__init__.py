from . import cxm_knowledge_article, cxm_knowledge_deflection, cxm_knowledge_search, cxm_knowledge_tag
