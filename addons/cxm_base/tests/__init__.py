from . import test_access, test_context_keys, test_one_app, test_phone_region, test_turkish_text, test_ui
