from . import cxm_mail_autoreply, helpdesk_ticket, mail_thread
