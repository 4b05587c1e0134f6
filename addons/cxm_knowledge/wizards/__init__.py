from . import cxm_knowledge_reply
