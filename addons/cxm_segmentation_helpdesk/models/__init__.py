from . import cxm_helpdesk_routing_rule
