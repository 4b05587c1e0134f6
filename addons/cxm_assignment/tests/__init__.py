from . import test_access, test_availability, test_policies, test_ui
