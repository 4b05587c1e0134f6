from . import cxm_channel_intake, cxm_process_transition, helpdesk_ticket, rating_rating
