from . import test_identity_sync, test_lookup, test_normalize
