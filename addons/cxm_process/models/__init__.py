# the parts of a model before the model that combines them
from . import (  # isort: skip
    cxm_process_design_cache,
    cxm_process_demo,
    cxm_process_graph,
    cxm_process_scheduler,
    cxm_process_working_hours,
    cxm_process_mixin_automation,
    cxm_process_mixin_history,
    cxm_process_mixin_moves,
)
from . import (
    cxm_process,
    cxm_process_history,
    cxm_process_mixin,
    cxm_process_status,
    cxm_process_transition,
    helpdesk_ticket,
    resource_calendar,
)
