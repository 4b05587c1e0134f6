from . import test_conversation, test_gsm, test_send, test_webhooks
