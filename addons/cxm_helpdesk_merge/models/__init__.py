from . import cxm_process
from . import cxm_process_transition
from . import helpdesk_ticket
