from . import test_macro, test_ui
