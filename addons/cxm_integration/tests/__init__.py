from . import (
    test_api,
    test_backbone,
    test_cockpit_look,
    test_instance,
    test_key_scopes,
    test_outbox,
    test_rest_runtime,
    test_signatures,
    test_ui,
)
