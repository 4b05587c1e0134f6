from . import test_call_list
