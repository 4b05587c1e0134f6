from . import cxm_process, cxm_process_transition, helpdesk_ticket
