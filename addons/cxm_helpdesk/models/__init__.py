from . import (
    cxm_helpdesk_routing_rule,
    helpdesk_ticket,
    helpdesk_ticket_channel,
    helpdesk_ticket_team,
    res_company,
    res_config_settings,
)
