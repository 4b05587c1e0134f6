from . import test_api, test_backbone, test_instance, test_outbox, test_signatures, test_ui
