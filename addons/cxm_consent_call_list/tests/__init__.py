from . import test_call_list, test_ui
