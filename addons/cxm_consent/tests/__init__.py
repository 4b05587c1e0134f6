from . import test_ledger, test_portal, test_sms_code, test_stop_reply, test_ui
