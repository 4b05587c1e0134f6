from . import test_access, test_phone_region, test_ui
