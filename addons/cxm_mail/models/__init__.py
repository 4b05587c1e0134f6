from . import cxm_channel_adapter_email, cxm_mail_autoreply, helpdesk_ticket, mail_thread
