from . import (
    cxm_assignment_agent,
    cxm_assignment_engine,
    cxm_assignment_log,
    cxm_process_status,
    helpdesk_ticket,
    helpdesk_ticket_team,
)
