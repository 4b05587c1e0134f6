from . import cxm_channel_intake, helpdesk_ticket
