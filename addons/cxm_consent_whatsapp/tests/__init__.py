from . import test_stop_reply
