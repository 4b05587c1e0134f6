from . import test_default_process, test_routing, test_ui
