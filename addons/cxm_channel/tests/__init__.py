from . import test_conversation
