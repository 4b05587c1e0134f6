from . import (
    cxm_channel_adapter_ecommerce_generic,
    cxm_ecommerce_order,
    cxm_integration_api_key,
    cxm_integration_instance,
    fastapi_endpoint,
    helpdesk_ticket,
)
