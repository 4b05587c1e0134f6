from . import (
    chatbot_script_step,
    cxm_integration_api_key,
    cxm_integration_instance,
    discuss_channel,
    fastapi_endpoint,
    helpdesk_ticket,
    res_users,
)
