from . import cxm_process
from . import cxm_process_status
from . import cxm_process_transition
from . import cxm_process_history
from . import cxm_process_mixin
from . import helpdesk_ticket
