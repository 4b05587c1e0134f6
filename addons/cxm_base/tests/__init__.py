from . import test_access, test_context_keys, test_phone_region, test_ui
