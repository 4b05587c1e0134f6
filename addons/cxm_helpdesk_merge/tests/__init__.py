from . import test_merge, test_ui
