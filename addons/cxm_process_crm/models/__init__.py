from . import crm_lead, cxm_process, cxm_process_history, cxm_process_status
