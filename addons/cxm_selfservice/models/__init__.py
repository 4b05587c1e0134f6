from . import (
    cxm_integration_instance,
    cxm_selfservice_answer,
    cxm_selfservice_form_field,
    cxm_selfservice_intake,
    cxm_selfservice_sso,
    fastapi_endpoint,
    helpdesk_ticket,
    helpdesk_ticket_category,
    res_users,
)
