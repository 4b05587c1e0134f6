from . import (
    cxm_channel_adapter,
    cxm_channel_adapter_generic,
    cxm_channel_intake,
    cxm_channel_message,
    cxm_integration_instance,
    cxm_integration_outbox,
    helpdesk_ticket,
    res_partner,
)
