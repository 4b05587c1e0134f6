from . import test_access, test_availability, test_concurrency, test_policies
