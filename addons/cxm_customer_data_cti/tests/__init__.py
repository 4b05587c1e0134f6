from . import test_call_panels
