from . import test_access, test_documents, test_method
from . import test_ui
