# the design cache mixin first: the other models inherit from it
from . import cxm_process_design_cache  # isort: skip
from . import (
    cxm_process,
    cxm_process_history,
    cxm_process_mixin,
    cxm_process_status,
    cxm_process_transition,
    helpdesk_ticket,
    resource_calendar,
)
