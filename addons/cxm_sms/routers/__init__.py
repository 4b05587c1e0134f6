from . import webhooks
