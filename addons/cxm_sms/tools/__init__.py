from . import generic, gsm, netgsm, provider, sms_api, twilio, vonage
