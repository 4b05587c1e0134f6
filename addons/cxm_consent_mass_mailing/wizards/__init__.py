from . import mail_compose_message, sms_composer
