from . import test_payload, test_replay, test_ui, test_webhook
