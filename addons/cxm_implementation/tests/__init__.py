from . import test_method, test_documents, test_access
