from . import (
    cxm_channel_adapter_social_generic,
    cxm_channel_adapter_social_sikayetvar,
    cxm_integration_api_key,
    cxm_integration_instance,
    cxm_social_connector,
    fastapi_endpoint,
    helpdesk_ticket,
)
