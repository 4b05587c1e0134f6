from . import test_call_optin
