from . import test_merge_conversation
