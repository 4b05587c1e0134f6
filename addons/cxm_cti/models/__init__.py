from . import cxm_cti_agent, cxm_cti_call, cxm_integration_instance, fastapi_endpoint, helpdesk_ticket, res_partner
