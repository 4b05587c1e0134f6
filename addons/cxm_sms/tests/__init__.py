from . import test_gsm, test_send, test_webhooks
