from . import test_channel_field, test_default_process, test_routing, test_ui
