from . import test_knowledge, test_knowledge_agent
