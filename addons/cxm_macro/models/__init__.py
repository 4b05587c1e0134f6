from . import cxm_macro, helpdesk_ticket
