from . import test_pull, test_push, test_reconcile, test_ui
