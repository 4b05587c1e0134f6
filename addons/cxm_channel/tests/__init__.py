from . import test_conversation, test_intake_recovery
