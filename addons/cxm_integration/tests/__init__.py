from . import test_api, test_backbone, test_cockpit_look, test_instance, test_outbox, test_signatures, test_ui
