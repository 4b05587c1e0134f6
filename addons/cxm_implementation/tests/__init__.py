from . import test_access, test_documents, test_method, test_portal, test_ui
